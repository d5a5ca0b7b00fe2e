import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ROUTED_CLASSIFICATIONS, type ContactDetail, type ContactMessage, type ContactSummary } from '../../../../shared/index.js';
import { localizeMessage } from '../../i18n/messages.js';
import { useRealtime, useServerEvent } from '../../realtime/socket-context.js';
import { deskReducer, initialDesk, type DeskState } from './desk-store.js';
import { AckError, deskCalls, type DeskCalls } from './socket-calls.js';

export interface Notice {
  kind: 'error' | 'success' | 'info';
  text: string;
}

interface DeskValue {
  state: DeskState;
  connected: boolean;
  calls: DeskCalls;
  notice: Notice | null;
  setNotice: (n: Notice | null) => void;
  claim: (contactId: number) => Promise<void>;
  /** true when the contact went back to the queue. */
  release: (contactId: number) => Promise<boolean>;
  /** Loads (or reloads) a contact I hold: the full record with its draft. */
  open: (contactId: number) => Promise<ContactDetail | null>;
  addMine: (detail: ContactDetail) => void;
  addMessage: (contactId: number, message: ContactMessage) => void;
  completed: (summary: ContactSummary) => void;
  activate: (contactId: number) => void;
}

const DeskContext = createContext<DeskValue | null>(null);

export function useDesk(): DeskValue {
  const v = useContext(DeskContext);
  if (!v) throw new Error('useDesk outside <DeskProvider>');
  return v;
}

/** Keeps the desk in step with the server: queue:sync on every (re)connect, then live events. */
export function DeskProvider({ me, children }: { me: number; children: ReactNode }) {
  const { t } = useTranslation();
  const { socket, status } = useRealtime();
  const connected = status === 'connected';
  const [state, dispatch] = useReducer(deskReducer, me, (id) => initialDesk(id, readActive(id)));
  const [notice, setNotice] = useState<Notice | null>(null);
  const calls = useMemo(() => deskCalls(socket), [socket]);
  const stateRef = useRef(state);
  stateRef.current = state;
  const opening = useRef(new Map<number, Promise<ContactDetail | null>>());
  const retry = useRef(0);

  // After a reload the operator is back on the contact they were working on.
  useEffect(() => writeActive(me, state.activeId), [me, state.activeId]);

  const failed = useCallback((err: unknown) => setNotice({ kind: 'error', text: describeError(err, t) }), [t]);

  const open = useCallback(
    (contactId: number) => {
      const pending = opening.current.get(contactId);
      if (pending) return pending;
      const p = calls
        .open(contactId)
        .then((detail) => {
          dispatch({ type: 'mine', detail, activate: false });
          return detail;
        })
        .catch((err: unknown) => {
          if (!(err instanceof AckError && err.code === 'offline')) failed(err);
          return null;
        })
        .finally(() => opening.current.delete(contactId));
      opening.current.set(contactId, p);
      return p;
    },
    [calls, failed],
  );

  const sync = useCallback(async () => {
    try {
      const { contacts, presence } = await calls.sync();
      dispatch({ type: 'sync', contacts, presence });
      // Records loaded before a disconnect may have missed messages or call updates.
      for (const id of Object.keys(stateRef.current.details)) void open(Number(id));
    } catch (err) {
      if (err instanceof AckError && err.code === 'offline') return; // the next 'connect' syncs
      failed(err);
      window.clearTimeout(retry.current);
      retry.current = window.setTimeout(() => void syncRef.current(), 5000);
    }
  }, [calls, failed, open]);
  const syncRef = useRef(sync);
  syncRef.current = sync;
  useEffect(() => () => window.clearTimeout(retry.current), []);

  useEffect(() => {
    if (!socket) return;
    if (socket.connected) void sync();
    socket.on('connect', sync);
    return () => {
      socket.off('connect', sync);
    };
  }, [socket, sync]);

  useServerEvent('contacts:changed', (changes) => dispatch({ type: 'upsert', contacts: changes.map((c) => c.contact) }));
  useServerEvent('presence:updated', (presence) => dispatch({ type: 'presence', presence }));
  // Message events carry no text (they pass through Redis): the text of a new one is asked for, for a contact I hold.
  const fetchMessage = useCallback(
    (contactId: number, messageId: number) => {
      if (!stateRef.current.details[contactId]) return;
      calls.getMessage(contactId, messageId).then(
        (message) => dispatch({ type: 'message', contactId, message }),
        (err: unknown) => {
          if (!(err instanceof AckError && err.code === 'offline')) failed(err);
        },
      );
    },
    [calls, failed],
  );
  const known = (contactId: number, messageId: number) => stateRef.current.details[contactId]?.messages.some((m) => m.id === messageId) ?? false;
  useServerEvent('message:created', ({ contactId, message }) => {
    if (!known(contactId, message.id)) fetchMessage(contactId, message.id); // my own reply is known from its ack
  });
  useServerEvent('message:updated', ({ contactId, message }) => {
    if (known(contactId, message.id)) dispatch({ type: 'messageStatus', contactId, messageId: message.id, status: message.status });
    else fetchMessage(contactId, message.id);
  });
  // Callbacks changed (an attempt, an outcome, a clock): ids only, so the queue is read again, once for a burst.
  const resync = useRef(0);
  useServerEvent('callbacks:changed', () => {
    window.clearTimeout(resync.current);
    resync.current = window.setTimeout(() => void syncRef.current(), 300);
  });
  useEffect(() => () => window.clearTimeout(resync.current), []);

  const claim = useCallback(
    async (contactId: number) => {
      setNotice(null);
      try {
        const detail = await calls.claim(contactId);
        dispatch({ type: 'mine', detail, activate: true });
      } catch (err) {
        if (err instanceof AckError && err.code === 'conflict') {
          setNotice({ kind: 'info', text: t('operator.queue.taken') });
          void sync(); // the list shows who has it now
        } else failed(err);
      }
    },
    [calls, failed, sync, t],
  );

  const release = useCallback(
    async (contactId: number) => {
      try {
        const summary = await calls.release(contactId);
        dispatch({ type: 'drop', contactId });
        dispatch({ type: 'upsert', contacts: [summary] });
        return true;
      } catch (err) {
        failed(err);
        return false;
      }
    },
    [calls, failed],
  );

  const completed = useCallback(
    (summary: ContactSummary) => {
      dispatch({ type: 'drop', contactId: summary.id });
      dispatch({ type: 'upsert', contacts: [{ ...summary, status: 'closed' }] });
      const routed = summary.classification !== null && (ROUTED_CLASSIFICATIONS as readonly string[]).includes(summary.classification);
      setNotice({ kind: 'success', text: t(routed ? 'operator.work.doneRouted' : 'operator.work.done', { ref: summary.ref }) });
    },
    [t],
  );

  const value: DeskValue = {
    state,
    connected,
    calls,
    notice,
    setNotice,
    claim,
    release,
    open,
    addMine: useCallback((detail: ContactDetail) => dispatch({ type: 'mine', detail, activate: true }), []),
    addMessage: useCallback((contactId: number, message: ContactMessage) => dispatch({ type: 'message', contactId, message }), []),
    completed,
    activate: useCallback((contactId: number) => dispatch({ type: 'activate', contactId }), []),
  };
  return <DeskContext value={value}>{children}</DeskContext>;
}

const activeKey = (me: number) => `hotline111.activeContact.${me}`;
function readActive(me: number): number | null {
  try {
    const v = Number(sessionStorage.getItem(activeKey(me)));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}
function writeActive(me: number, id: number | null) {
  try {
    if (id === null) sessionStorage.removeItem(activeKey(me));
    else sessionStorage.setItem(activeKey(me), String(id));
  } catch {
    // storage disabled: the first contact is shown after a reload
  }
}

// i18next's TFunction: ReturnType<typeof useTranslation>['t'] makes TypeScript give up (TS2589) once the messages grow.
type T = TFunction;

export function describeError(err: unknown, t: T): string {
  if (err instanceof AckError) {
    if (err.code === 'offline') return t('operator.errors.offline');
    if (err.code === 'timeout') return t('operator.errors.timeout');
    if (err.code === 'conflict') return t('operator.errors.conflict');
    if (err.code === 'forbidden') return t('operator.errors.forbidden');
    if (err.code === 'not_found') return t('operator.errors.notFound');
  }
  return localizeMessage(err instanceof Error ? err.message : String(err));
}
