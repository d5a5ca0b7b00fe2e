import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { ContactDetail, DraftBody, WrapUpBody } from '../../../../shared/index.js';
import { AckError, type DeskCalls } from '../desk/socket-calls.js';
import { fromDraft, toDraft, type TriageValues } from './triage-values.js';

export type SaveState = 'idle' | 'restored' | 'pending' | 'saving' | 'saved' | 'offline' | 'error' | 'reloaded';
const DEBOUNCE_MS = 800;

interface Options {
  contact: ContactDetail;
  form: UseFormReturn<TriageValues, unknown, WrapUpBody>;
  calls: DeskCalls;
  connected: boolean;
  onReloaded: (detail: ContactDetail) => void;
}

/**
 * Saves every change as a draft (debounced), never two saves at once, always the latest values.
 * Offline, changes wait and are sent when the connection is back; a version conflict reloads the server's draft.
 */
export function useAutosave({ contact, form, calls, connected, onReloaded }: Options) {
  const [state, setState] = useState<SaveState>(contact.draft ? 'restored' : 'idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState('');
  const r = useRef({ version: contact.draftVersion, dirty: false, saving: false, paused: false, suppress: false, timer: 0 });
  const live = useRef({ calls, connected, onReloaded });
  live.current = { calls, connected, onReloaded };
  const id = contact.id;

  const reload = useCallback(async () => {
    try {
      const detail = await live.current.calls.open(id);
      r.current.suppress = true;
      form.reset(fromDraft(detail));
      r.current.suppress = false;
      Object.assign(r.current, { version: detail.draftVersion, dirty: false });
      live.current.onReloaded(detail);
      setState('reloaded');
    } catch {
      r.current.dirty = true;
      setState('offline');
    }
  }, [form, id]);

  const save = useCallback(async (): Promise<void> => {
    const s = r.current;
    window.clearTimeout(s.timer);
    if (s.paused || !s.dirty || s.saving) return;
    if (!live.current.connected) return setState('offline');
    const body: DraftBody = { version: s.version, draft: toDraft(form.getValues()) as DraftBody['draft'] };
    s.dirty = false;
    s.saving = true;
    setState('saving');
    try {
      const res = await live.current.calls.saveDraft(id, body);
      s.version = res.version;
      setSavedAt(res.savedAt);
      setState('saved');
    } catch (err) {
      s.dirty = true;
      if (err instanceof AckError && err.code === 'conflict') {
        s.saving = false;
        return reload();
      }
      const transient = err instanceof AckError && (err.code === 'offline' || err.code === 'timeout');
      setError(transient ? '' : (err as Error).message);
      setState(transient ? 'offline' : 'error');
      if (!transient) s.dirty = false; // a refused draft will not pass by retrying; the next change tries again
    } finally {
      s.saving = false;
    }
    if (s.dirty) s.timer = window.setTimeout(() => void save(), DEBOUNCE_MS);
  }, [form, id, reload]);

  // Every change marks the draft dirty and (re)starts the debounce.
  useEffect(() => {
    const sub = form.watch(() => {
      const s = r.current;
      if (s.suppress) return;
      s.dirty = true;
      setState(live.current.connected ? 'pending' : 'offline');
      window.clearTimeout(s.timer);
      s.timer = window.setTimeout(() => void save(), DEBOUNCE_MS);
    });
    return () => sub.unsubscribe();
  }, [form, save]);

  // Back online: send the latest draft at once.
  useEffect(() => {
    if (connected && r.current.dirty) void save();
    else if (!connected && r.current.dirty) setState('offline');
  }, [connected, save]);

  // Leaving the contact (tab switch, release) or the page: send what is pending.
  useEffect(() => {
    const flush = () => void save();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [save]);

  return {
    state,
    savedAt,
    error,
    /** Stop autosaving while the wrap-up is on its way (the contact is about to close). */
    pause: () => {
      r.current.paused = true;
      window.clearTimeout(r.current.timer);
    },
    resume: () => {
      r.current.paused = false;
      if (r.current.dirty) void save();
    },
    flush: save,
  };
}
