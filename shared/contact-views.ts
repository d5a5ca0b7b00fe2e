import type { CallStatus, CallType, Channel, Classification, ContactStatus } from './intake.js';
import type { WrapUpBody } from './schemas/contacts.js';
import type { CaseLink } from './case-views.js';
import type { CallbackReason, CallbackStatus, OperatorStatus } from './voice.js';

/** What every operator console sees of a contact in the queue: no narrative, no identity, a masked number. */
export interface ContactSummary {
  id: number;
  ref: string;
  channel: Channel;
  status: ContactStatus;
  /** e.g. "•••• 567": enough to tell calls apart, not to identify anyone. */
  callerMasked: string | null;
  receivedAt: string;
  claimedAt: string | null;
  claimedBy: { id: number; displayName: string } | null;
  callStatus: CallStatus | null;
  /** Earlier contacts from the same number (0 when unknown number). */
  repeatCount: number;
  unreadMessages: number;
  classification: Classification | null;
  /** A simulated call of the training line (no Twilio): labelled as training wherever it appears. */
  training: boolean;
  /** A call's facts: answered by an operator, ended (hung up, missed, completed), how long the caller waited. */
  answeredAt: string | null;
  endedAt: string | null;
  waitSeconds: number | null;
  /** A missed call to call back (reason, attempts, its first-attempt clock); null for every other contact. */
  callback: CallbackSummary | null;
}

/** What the queue shows of a callback task: why, how many attempts so far, and its clock (when one runs). */
export interface CallbackSummary {
  reason: CallbackReason;
  status: CallbackStatus;
  attempts: number;
  dueAt: string | null;
  breached: boolean;
}

export interface ContactMessage {
  id: number;
  direction: 'in' | 'out';
  body: string;
  status: string;
  at: string;
  sentBy: string | null;
}

export interface RepeatContact {
  id: number;
  ref: string;
  channel: Channel;
  receivedAt: string;
  callType: CallType | null;
  classification: Classification | null;
  operator: string | null;
}

/** The full record, for the operator handling it (and supervisors). Decrypted server-side; every read is audited. */
export interface ContactDetail extends ContactSummary {
  callerPhone: string | null;
  callerHandle: string | null;
  durationSeconds: number | null;
  /** The call's recording, when there is one (played through GET /api/contacts/:id/recording), and its length. */
  recording: { seconds: number | null } | null;
  /** The caller left a voice message (a callback follows). */
  voicemail: boolean;
  draft: Record<string, unknown> | null;
  draftVersion: number;
  wrapUp: WrapUpBody | null;
  callType: CallType | null;
  messages: ContactMessage[];
  earlierContacts: RepeatContact[];
  /** The earlier case this contact is attached to (a follow-up: it gets no referral of its own), or null. */
  case: CaseLink | null;
}

export interface OperatorPresence {
  userId: number;
  displayName: string;
  role: 'operator' | 'supervisor';
  /** Available, on a call, in wrap-up, on a break or offline (not yet chosen: offline), and since when. */
  status: OperatorStatus;
  since: string | null;
  /** Contacts this person is handling now. */
  handling: { id: number; ref: string; channel: Channel }[];
}
