import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackOutcome, OperatorStatus, SettableStatus, VoiceConfigView } from '../../../shared/index.js';
import { myContacts } from '../operator/desk/desk-store.js';
import { describeError, useDesk } from '../operator/desk/desk-context.js';
import { phoneCalls } from '../operator/desk/socket-calls.js';
import { useRealtime } from '../realtime/socket-context.js';
import { initialPhone, phoneReducer, type PhoneState } from './call-state.js';
import type { Softphone } from './softphone.js';
import { usePhoneEvents } from './use-phone-events.js';
import { useSoftphone, type SoftphoneMode } from './use-softphone.js';
import { useVoiceConfig } from './voice-api.js';

interface PhoneValue {
  state: PhoneState;
  config: VoiceConfigView | null;
  softphone: Softphone | null;
  mode: SoftphoneMode | null;
  own: { status: OperatorStatus; since: string | null };
  setStatus: (s: SettableStatus) => Promise<void>;
  accept: () => Promise<void>;
  decline: () => Promise<void>;
  hangup: () => void;
  toggleMute: () => void;
  toggleHold: () => Promise<void>;
  digits: (d: string) => void;
  startCallback: (contactId: number) => Promise<void>;
  recordOutcome: (outcome: CallbackOutcome) => Promise<{ status: string; attempts: number } | null>;
  dismiss: () => void;
  restart: () => void;
}

const PhoneContext = createContext<PhoneValue | null>(null);

export function usePhone(): PhoneValue {
  const v = useContext(PhoneContext);
  if (!v) throw new Error('usePhone outside <PhoneProvider>');
  return v;
}

/** The operator's phone line: their status, offers ringing here, the call in progress and its controls. */
export function PhoneProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const { socket } = useRealtime();
  const calls = useMemo(() => phoneCalls(socket), [socket]);
  const [state, dispatch] = useReducer(phoneReducer, initialPhone);
  const config = useVoiceConfig();
  const { phone, mode, restart } = useSoftphone(config.data, dispatch);
  const [acked, setAcked] = useState<{ status: OperatorStatus; since: string } | null>(null);
  const { setNotice } = desk;
  const fail = useCallback((err: unknown) => setNotice({ kind: 'error', text: describeError(err, t) }), [setNotice, t]);
  usePhoneEvents(dispatch, phone);

  // After a reload during a training call the simulated call is still up: show it again (Twilio's audio is not).
  const held = myContacts(desk.state).find((c) => c.channel === 'voice' && c.training && c.answeredAt && !c.endedAt);
  useEffect(() => {
    if (held?.answeredAt && !state.call) dispatch({ type: 'restore', contactId: held.id, training: true, connectedAt: Date.parse(held.answeredAt) });
  }, [held?.id, held?.answeredAt, state.call]);

  // An ended call's card goes once its contact is closed (wrapped up) and off this desk.
  const endedId = state.call?.phase === 'ended' ? state.call.contactId : null;
  const onDesk = endedId !== null && (endedId in desk.state.queue || endedId in desk.state.details);
  useEffect(() => {
    if (endedId !== null && !onDesk) dispatch({ type: 'dismiss' });
  }, [endedId, onDesk]);

  const mine = desk.state.presence.find((p) => p.userId === desk.state.me);
  const own = mine && (!acked || (mine.since ?? '') >= acked.since) ? { status: mine.status, since: mine.since } : (acked ?? { status: 'offline' as const, since: null });
  const call = state.call;
  const live = call && call.phase !== 'ended' ? call : null;

  const value: PhoneValue = {
    state, config: config.data ?? null, softphone: phone, mode, own, restart,
    setStatus: async (status) => {
      try {
        const p = await calls.status(status);
        setAcked({ status: p.status, since: p.since ?? new Date().toISOString() });
      } catch (err) {
        fail(err);
      }
    },
    accept: async () => {
      const offer = state.offer;
      if (!offer) return;
      try {
        desk.addMine(await calls.accept(offer.offerId)); // opens in the work pane, like a claim
        dispatch({ type: 'offer-ended', offerId: offer.offerId, contactId: offer.contactId, reason: 'accepted' });
      } catch (err) {
        dispatch({ type: 'offer-ended', offerId: offer.offerId, contactId: offer.contactId, reason: 'taken', quiet: true });
        fail(err);
      }
    },
    decline: async () => {
      const offer = state.offer;
      if (!offer) return;
      dispatch({ type: 'offer-ended', offerId: offer.offerId, contactId: offer.contactId, reason: 'declined' });
      await calls.decline(offer.offerId).catch(() => undefined); // rang out meanwhile: it is gone either way
    },
    hangup: () => {
      if (!live) return;
      // A training call put through ends on the server (the same code as Twilio's end); anything else in the SDK.
      if (live.training && live.kind === 'inbound') void calls.hangup(live.contactId).catch(fail);
      else phone?.hangup(live.contactId);
    },
    toggleMute: () => live && phone?.mute(!live.muted),
    toggleHold: async () => {
      if (!live || live.kind !== 'inbound') return;
      try {
        const r = await calls.hold(live.contactId, !live.held);
        dispatch({ type: 'held', held: r.hold });
      } catch (err) {
        fail(err);
      }
    },
    digits: (d) => phone?.sendDigits(d),
    startCallback: async (contactId) => {
      try {
        const { attemptId, training } = await calls.startCallback(contactId);
        dispatch({ type: 'dialing', contactId, attemptId, training });
        await phone?.dial({ contactId });
      } catch (err) {
        dispatch({ type: 'ended', contactId, at: Date.now() });
        fail(err);
      }
    },
    recordOutcome: async (outcome) => {
      if (!call?.attemptId) return null;
      try {
        const r = await calls.callbackOutcome(call.attemptId, outcome);
        dispatch({ type: 'outcome-recorded' });
        return r;
      } catch (err) {
        fail(err);
        return null;
      }
    },
    dismiss: () => dispatch({ type: 'dismiss' }),
  };
  return <PhoneContext value={value}>{children}</PhoneContext>;
}
