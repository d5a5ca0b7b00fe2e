import type { ContactDetail, ContactMessage, ContactSummary, OperatorPresence } from './contact-views.js';
import type { SessionUser } from './schemas/auth.js';
import type { ReferralDetail, ReferralSummary } from './referral-views.js';
import type { DraftBody, WrapUpInput } from './schemas/contacts.js';
import type { CallbackOutcome, OfferEndReason, SettableStatus } from './voice.js';

/** A message's facts without its text: the text never travels through Redis; the handler's console asks for it ('message:get'). */
export type MessageNotice = Omit<ContactMessage, 'body'>;

/** One entry of 'contacts:changed'. */
export interface ContactChange {
  kind: 'created' | 'updated';
  contact: ContactSummary;
}

/** Acknowledgement shape for every client→server event. */
export type Ack<T> = { data: T } | { error: { code: string; message: string; fields?: Record<string, string> } };
type AckFn<T> = (res: Ack<T>) => void;

export interface ServerToClientEvents {
  /** Sent once after the handshake: who the socket is and which rooms it joined. */
  'session:ready': (payload: { user: SessionUser; rooms: string[] }) => void;
  /** The session was ended (logout, account disabled): the client must return to the login page. */
  'session:ended': (payload: { reason: 'logout' | 'disabled' | 'expired' }) => void;
  /**
   * Operators room: calls and message threads that entered the queue ('created') or changed ('updated': claimed,
   * released, call ended, new message, closed), in the order they happened. Changes are sent together, at most
   * every QUEUE_EVENT_INTERVAL_MS (roles.ts), so a busy hour costs each console a few packets a second, not one per call.
   */
  'contacts:changed': (changes: ContactChange[]) => void;
  /** The handling operator's own room: a message arrived in, or was sent from, a conversation (without its text). */
  'message:created': (payload: { contactId: number; message: MessageNotice }) => void;
  /** The handling operator's own room: a sent message's delivery status changed (sent, delivered, outbox, failed). */
  'message:updated': (payload: { contactId: number; message: MessageNotice }) => void;
  /** The agency's room and the supervisors: a new referral (no identity in it: see ReferralSummary). */
  'referral:created': (referral: ReferralSummary) => void;
  /** The agency's room and the supervisors: a referral changed state (accepted, declined, re-routed, closed…). */
  'referral:updated': (referral: ReferralSummary) => void;
  /**
   * The agency's room and the supervisors: clocks of these referrals changed (warning, breach, escalation, pause,
   * met). Ids only: the board and inbox re-read what they show.
   */
  'sla:changed': (payload: { referralIds: number[]; escalated: boolean }) => void;
  /** Operators room: who is online, their status (with time in status) and what each handles. */
  'presence:updated': (presence: OperatorPresence[]) => void;
  /** The operator's own room: a waiting call rings in this console (push distribution); accept within expiresAt. */
  'call:offered': (offer: CallOffer) => void;
  /** The operator's own room: the offer stopped ringing (accepted here, declined, rang out, taken by a colleague, caller left). */
  'call:offer-ended': (payload: { offerId: number; contactId: number; reason: OfferEndReason }) => void;
  /**
   * The operator's own room: the call is being put through. Twilio: the softphone gets an incoming call with this
   * `operatorCallSid` and answers it (a desk phone or SIP address rings instead); training: a simulated call, no audio.
   */
  'call:connecting': (payload: { contactId: number; operatorCallSid: string | null; training: boolean }) => void;
  /** The operator's own room: the caller's call ended (hung up, dropped, or the operator hung up). */
  'call:ended': (payload: { contactId: number }) => void;
  /** Operators and supervisors: open callbacks changed (ids only: consoles re-read). */
  'callbacks:changed': (payload: { contactIds: number[] }) => void;
  /** Supervisors: outbound messages were queued or changed delivery state (ids only: the board re-reads them). */
  'notifications:changed': (payload: { ids: number[] }) => void;
}

/** A call offered to one operator: who calls (masked, repeat caller or not), since when, until when it rings here. */
export interface CallOffer {
  offerId: number;
  contactId: number;
  contact: ContactSummary;
  expiresAt: string;
  training: boolean;
}

export interface ClientToServerEvents {
  /** Round trip used by the console to show connection health. */
  'system:ping': (ack: AckFn<{ serverTime: string }>) => void;
  /** Full state after a connect or reconnect: the open queue and who is online. */
  'queue:sync': (ack: AckFn<{ contacts: ContactSummary[]; presence: OperatorPresence[] }>) => void;
  /** Race-safe: of two operators claiming at once, exactly one gets data, the other a conflict. */
  'contact:claim': (payload: { contactId: number }, ack: AckFn<ContactDetail>) => void;
  'contact:release': (payload: { contactId: number }, ack: AckFn<ContactSummary>) => void;
  'contact:open': (payload: { contactId: number }, ack: AckFn<ContactDetail>) => void;
  'draft:save': (payload: { contactId: number } & DraftBody, ack: AckFn<{ version: number; savedAt: string }>) => void;
  'contact:wrap-up': (payload: { contactId: number; wrapUp: WrapUpInput }, ack: AckFn<ContactSummary>) => void;
  'message:send': (payload: { contactId: number; body: string }, ack: AckFn<ContactMessage>) => void;
  /** The text of a message a live event announced, for whoever may see the contact (audited). */
  'message:get': (payload: { contactId: number; messageId: number }, ack: AckFn<ContactMessage>) => void;
  /** Agency officers (own agency only) and supervisors. */
  'referral:accept': (payload: { referralId: number }, ack: AckFn<ReferralDetail>) => void;
  'referral:decline': (payload: { referralId: number; reason: string }, ack: AckFn<ReferralSummary>) => void;
  /** Operators and supervisors: their own status (available, break, offline); on_call and wrap_up follow the calls. */
  'operator:status': (payload: { status: SettableStatus }, ack: AckFn<OperatorPresence>) => void;
  /** Race-safe like a claim: the offered call becomes this operator's and is put through. */
  'call:accept': (payload: { offerId: number }, ack: AckFn<ContactDetail>) => void;
  'call:decline': (payload: { offerId: number }, ack: AckFn<{ offerId: number }>) => void;
  /** The caller on hold (music) or back (Twilio: the conference participant). */
  'call:hold': (payload: { contactId: number; hold: boolean }, ack: AckFn<{ hold: boolean }>) => void;
  /** Ends the call from the console (the training line's; a softphone call ends through the SDK). */
  'call:hangup': (payload: { contactId: number }, ack: AckFn<{ contactId: number }>) => void;
  /** Starts a callback attempt of a missed call this operator holds; the call itself rings out from the softphone. */
  'callback:start': (payload: { contactId: number }, ack: AckFn<{ attemptId: number; training: boolean }>) => void;
  'callback:outcome': (payload: { attemptId: number; outcome: CallbackOutcome }, ack: AckFn<{ status: string; attempts: number }>) => void;
}

export interface InterServerEvents {}

export interface SocketData {
  user: SessionUser;
  sessionId: string;
}
