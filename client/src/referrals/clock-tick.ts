import { useSyncExternalStore } from 'react';

/**
 * One timer for every ticking clock on the screen: subscribers re-render when the wall-clock second changes.
 * The snapshot is the current whole second, so it is stable within a render and needs no stored state.
 */
const listeners = new Set<() => void>();
let timer: number | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // A quarter-second beat: React skips subscribers whose second did not change, and no second is skipped.
  timer ??= window.setInterval(() => listeners.forEach((l) => l()), 250);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

const second = () => Math.floor(Date.now() / 1000) * 1000;

/** The current time, rounded down to the second, updated every second. */
export function useSecond(): number {
  return useSyncExternalStore(subscribe, second, second);
}
