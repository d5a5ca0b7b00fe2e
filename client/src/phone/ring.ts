/**
 * A short two-tone beep every two seconds while an offer rings, through WebAudio. Browsers allow sound only after the
 * page has had a click or key press: before that the offer is silent, and the visible panel and live region carry it.
 */
export function startRinging(): () => void {
  let ctx: AudioContext | null = null;
  try {
    ctx = new AudioContext();
  } catch {
    return () => undefined;
  }
  const beep = () => {
    if (!ctx || ctx.state !== 'running') return void ctx?.resume().catch(() => undefined);
    for (const [freq, at] of [[880, 0], [660, 0.18]] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.12, ctx.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + at + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + at);
      osc.stop(ctx.currentTime + at + 0.17);
    }
  };
  beep();
  const timer = window.setInterval(beep, 2000);
  return () => {
    window.clearInterval(timer);
    void ctx?.close().catch(() => undefined);
    ctx = null;
  };
}
