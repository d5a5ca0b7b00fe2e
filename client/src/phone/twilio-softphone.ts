import type { CallLike, DeviceClass, DeviceLike } from './device-seam.js';
import { listeners, type AudioChoice, type Softphone } from './softphone.js';
import { callMatcher, problemOf } from './twilio-rules.js';

/**
 * The softphone on Twilio's Voice SDK: a Device registered with a short-lived token from the server (renewed before it
 * expires), answering the incoming leg the server created for an accepted call, ringing out callbacks.
 */
export function createTwilioSoftphone(Device: DeviceClass, fetchToken: () => Promise<string>): Softphone {
  const hub = listeners();
  let device: DeviceLike | null = null;
  let current: { call: CallLike; contactId: number } | null = null;
  const matcher = callMatcher<CallLike>(
    (call, contactId) => {
      track(call, contactId);
      call.accept();
    },
    (call) => call.reject(),
  );

  function track(call: CallLike, contactId: number) {
    current = { call, contactId };
    call.on('accept', () => hub.emit({ type: 'answered', contactId }));
    const end = () => {
      if (current?.call === call) current = null;
      hub.emit({ type: 'ended', contactId });
    };
    for (const ev of ['disconnect', 'cancel', 'reject']) call.on(ev, end);
    call.on('mute', (muted: boolean) => hub.emit({ type: 'muted', muted }));
    call.on('error', (e: unknown) => report(e));
  }

  function report(err: unknown) {
    const problem = problemOf(err);
    if (problem) hub.emit({ type: 'problem', problem });
    else console.warn(`softphone: ${(err as { code?: number }).code ?? ''} ${(err as Error).message ?? ''}`);
  }

  function incoming(call: CallLike) {
    const sid = call.parameters.CallSid ?? '';
    for (const ev of ['disconnect', 'cancel', 'reject']) call.on(ev, () => matcher.gone(sid, call));
    matcher.incoming(sid, call);
  }

  async function watchMicrophone() {
    try {
      const status = await navigator.permissions.query({ name: 'microphone' as PermissionName });
      const check = () => hub.emit({ type: 'problem', problem: status.state === 'denied' ? 'microphone' : null });
      if (status.state === 'denied') check();
      status.onchange = check;
    } catch {
      // No Permissions API for the microphone here: a refusal shows when a call is answered.
    }
  }

  return {
    kind: 'twilio',
    async start() {
      hub.emit({ type: 'line', line: 'starting', problem: null });
      let token: string;
      try {
        token = await fetchToken();
      } catch {
        return hub.emit({ type: 'line', line: 'error', problem: 'token' });
      }
      const d = new Device(token, { closeProtection: true, codecPreferences: ['opus', 'pcmu'] });
      device = d;
      d.on('registering', () => hub.emit({ type: 'line', line: 'starting' }));
      d.on('registered', () => hub.emit({ type: 'line', line: 'ready', problem: null }));
      d.on('unregistered', () => hub.emit({ type: 'line', line: 'off' }));
      d.on('error', report);
      d.on('incoming', incoming);
      d.on('tokenWillExpire', () => {
        fetchToken().then((t) => d.updateToken(t), () => hub.emit({ type: 'problem', problem: 'token' }));
      });
      d.audio?.on('deviceChange', () => hub.emit({ type: 'audio-devices' }));
      try {
        await d.register();
      } catch (err) {
        hub.emit({ type: 'line', line: 'error', problem: problemOf(err) ?? 'device' });
      }
      void watchMicrophone();
    },
    stop() {
      device?.destroy();
      device = null;
      current = null;
      hub.emit({ type: 'line', line: 'off' });
    },
    expect({ contactId, operatorCallSid }) {
      // No CallSid: a desk phone or SIP address rings instead of this console.
      if (operatorCallSid) matcher.expect(operatorCallSid, contactId);
    },
    async dial({ contactId }) {
      if (!device) throw new Error('the softphone is not ready');
      // The TwiML App's voice URL looks the number up on the server: the browser only names the contact.
      track(await device.connect({ params: { callbackContactId: String(contactId) } }), contactId);
    },
    hangup(contactId) {
      if (current?.contactId === contactId) current.call.disconnect();
    },
    mute: (muted) => current?.call.mute(muted),
    sendDigits: (digits) => current?.call.sendDigits(digits),
    audio: () => audioChoice(device),
    setInput: async (id) => device?.audio?.setInputDevice(id),
    setOutput: async (id) => device?.audio?.speakerDevices.set(id),
    subscribe: hub.subscribe,
  };
}

function audioChoice(device: DeviceLike | null): AudioChoice | null {
  const a = device?.audio;
  if (!a) return null;
  const list = (m: Map<string, MediaDeviceInfo>) => [...m.values()].map((d, i) => ({ id: d.deviceId, label: d.label || `#${i + 1}` }));
  return {
    inputs: list(a.availableInputDevices),
    outputs: list(a.availableOutputDevices),
    input: a.inputDevice?.deviceId ?? null,
    output: [...a.speakerDevices.get()][0]?.deviceId ?? null,
    outputSelectable: a.isOutputSelectionSupported,
  };
}
