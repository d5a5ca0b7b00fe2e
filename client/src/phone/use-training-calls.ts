import { useEffect, useState } from 'react';
import type { ContactSummary } from '../../../shared/index.js';
import { deskCalls } from '../operator/desk/socket-calls.js';
import { useRealtime, useServerEvent } from '../realtime/socket-context.js';

const going = (c: ContactSummary) => c.training && c.channel === 'voice' && c.status !== 'closed' && !c.endedAt;

/**
 * The training calls still going (waiting in the queue or put through to someone), live: a queue:sync on every
 * (re)connect, then the queue's changes. Supervisors sit in the operators room; an admin's console does not (null).
 */
export function useLiveTrainingCalls(enabled: boolean): ContactSummary[] | null {
  const { socket, status } = useRealtime();
  const [calls, setCalls] = useState<Record<number, ContactSummary> | null>(null);

  useServerEvent('contacts:changed', (changes) =>
    setCalls((cur) => {
      if (!cur) return cur;
      const next = { ...cur };
      for (const { contact: c } of changes) {
        if (going(c)) next[c.id] = c;
        else delete next[c.id];
      }
      return next;
    }),
  );
  useEffect(() => {
    if (!enabled || status !== 'connected') return;
    let alive = true;
    deskCalls(socket)
      .sync()
      .then((r) => alive && setCalls(Object.fromEntries(r.contacts.filter(going).map((c) => [c.id, c]))))
      .catch(() => undefined); // offline: the next connect reads again
    return () => {
      alive = false;
    };
  }, [socket, status, enabled]);

  return enabled && calls ? Object.values(calls).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)) : null;
}
