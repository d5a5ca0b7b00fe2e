import type { CallStatus, CallType, Channel, Classification, ContactStatus } from './intake.js';
import type { WrapUpBody } from './schemas/contacts.js';
import type { CallbackReason, CallbackStatus, OperatorStatus } from './voice.js';
import type { ClockState } from './sla/sla.js';

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
  /** A missed call to call back: why, where it stands, attempts made, and its clock (due by, running/breached/met). */
  callback: { reason: CallbackReason; status: CallbackStatus; attempts: number; dueAt: string | null; clock: ClockState | null } | null;
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
  endedAt: string | null;
  durationSeconds: number | null;
  /** The call's recording, when there is one (played through GET /api/contacts/:id/recording), and its length. */
  recording: { seconds: number | null } | null;
  answeredAt: string | null;
  /** How long the caller waited before an operator answered. */
  waitSeconds: number | null;
  /** The caller left a voice message (a callback follows). */
  voicemail: boolean;
  draft: Record<string, unknown> | null;
  draftVersion: number;
  wrapUp: WrapUpBody | null;
  callType: CallType | null;
  messages: ContactMessage[];
  earlierContacts: RepeatContact[];
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
