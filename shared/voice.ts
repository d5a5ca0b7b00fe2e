/** The phone line: operators' status, call offers, callbacks of missed calls. Stored in the database: never rename. */

/** available: takes the next call; on_call; wrap_up: finishing the contact after a call; break; offline. */
export const OPERATOR_STATUSES = ['available', 'on_call', 'wrap_up', 'break', 'offline'] as const;
export type OperatorStatus = (typeof OPERATOR_STATUSES)[number];
/** What an operator may set by hand; on_call and wrap_up follow the call's life. */
export const SETTABLE_STATUSES = ['available', 'break', 'offline'] as const satisfies readonly OperatorStatus[];
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/** Where an operator takes calls: the console's softphone, a desk phone (E.164) or a SIP address. */
export const VOICE_DEVICES = ['softphone', 'phone', 'sip'] as const;
export type VoiceDevice = (typeof VOICE_DEVICES)[number];

export const CALL_OFFER_STATES = ['ringing', 'accepted', 'declined', 'expired', 'cancelled'] as const;
export type CallOfferState = (typeof CALL_OFFER_STATES)[number];
/** Why an offer stopped ringing in a console. */
export const OFFER_END_REASONS = ['accepted', 'declined', 'expired', 'taken', 'caller_left'] as const;
export type OfferEndReason = (typeof OFFER_END_REASONS)[number];

/** Why a call needs calling back: hung up while ringing or waiting, left a voice message, or the line dropped. */
export const CALLBACK_REASONS = ['abandoned_ringing', 'abandoned_queue', 'voicemail', 'dropped'] as const;
export type CallbackReason = (typeof CALLBACK_REASONS)[number];
export const CALLBACK_STATUSES = ['open', 'reached', 'failed', 'wrong_number', 'cancelled'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
export const CALLBACK_OUTCOMES = ['reached', 'no_answer', 'wrong_number'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** A callback task as the supervisor's board lists it: no number, no name. */
export interface CallbackView {
  contactId: number;
  ref: string;
  reason: CallbackReason;
  status: CallbackStatus;
  attempts: number;
  lastOutcome: CallbackOutcome | null;
  createdAt: string;
  closedAt: string | null;
  training: boolean;
  handler: string | null;
  clock: { state: string; dueAt: string; breachedAt: string | null; metAt: string | null } | null;
}

/** GET /api/voice/config: the line's mode (Twilio or the training line), whether the console has a softphone, timings. */
export interface VoiceConfigView {
  mode: 'twilio' | 'training';
  softphone: boolean;
  offerTimeoutSeconds: number;
  wrapUpMaxSeconds: number;
  callbackMaxAttempts: number;
}

/** GET /api/voice/token: a short-lived access token of the softphone; the identity is opaque (never a name). */
export interface VoiceTokenView {
  token: string;
  identity: string;
  expiresAt: string;
}
