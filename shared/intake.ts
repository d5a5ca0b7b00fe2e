/** Enumerations of the contact record (domain.md). Stored in the database: never rename a value. */

export const CHANNELS = ['voice', 'sms', 'whatsapp', 'walk_in', 'zalo', 'app_111', 'facebook', 'email', 'web_chat'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels that arrive through Twilio webhooks; the others are logged by hand (manual intake). */
export const TWILIO_CHANNELS = ['voice', 'sms', 'whatsapp'] as const satisfies readonly Channel[];
export const MANUAL_CHANNELS = ['walk_in', 'zalo', 'app_111', 'facebook', 'email', 'web_chat'] as const satisfies readonly Channel[];
/** Channels where the operator can write back from the console. */
export const REPLYABLE_CHANNELS = ['sms', 'whatsapp'] as const satisfies readonly Channel[];

/** queued: waiting for an operator; in_progress: claimed; closed: wrapped up (classified) or abandoned. */
export const CONTACT_STATUSES = ['queued', 'in_progress', 'closed'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const CALL_TYPES = ['silent', 'hang_up', 'prank', 'wrong_number', 'information', 'counselling', 'report'] as const;
export type CallType = (typeof CALL_TYPES)[number];

export const CLASSIFICATIONS = ['trafficking', 'suspected_trafficking', 'other_child_protection', 'not_relevant'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
/** Classifications that must be referred to an agency (the routing worker consumes them). */
export const ROUTED_CLASSIFICATIONS = ['trafficking', 'suspected_trafficking', 'other_child_protection'] as const satisfies readonly Classification[];

/** Purposes of trafficking named by Law 53/2024 and practice. */
export const TRAFFICKING_PURPOSES = [
  'sexual_exploitation',
  'forced_labour', // incl. online-scam compounds ("việc nhẹ lương cao")
  'organ_removal',
  'forced_marriage',
  'child_sale_adoption',
  'forced_surrogacy', // forced childbearing, commercial surrogacy
  'forced_begging',
  'forced_criminality',
  'other_inhumane',
  'financial_gain',
] as const;
export type TraffickingPurpose = (typeof TRAFFICKING_PURPOSES)[number];

export const AGE_BANDS = ['0-5', '6-11', '12-15', '16-17', '18-24', '25-39', '40-59', '60+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const VICTIM_SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type VictimSex = (typeof VICTIM_SEXES)[number];

export const WISHES = ['go_home', 'shelter', 'other', 'unknown'] as const;
export type Wish = (typeof WISHES)[number];

/** Who consented to sharing the victim's information with agencies (Art. 3.10). */
export const CONSENTS = ['victim', 'legal_representative', 'none'] as const;
export type Consent = (typeof CONSENTS)[number];

/** Twilio call statuses we record (others map onto these). */
export const CALL_STATUSES = ['queued', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
/** The final ones: once a call has one (or has ended), it is never shown as ringing or in progress again. */
export const TERMINAL_CALL_STATUSES = ['completed', 'busy', 'no-answer', 'failed', 'canceled'] as const satisfies readonly CallStatus[];

export function ageBandOf(age: number): AgeBand {
  if (age <= 5) return '0-5';
  if (age <= 11) return '6-11';
  if (age <= 15) return '12-15';
  if (age <= 17) return '16-17';
  if (age <= 24) return '18-24';
  if (age <= 39) return '25-39';
  if (age <= 59) return '40-59';
  return '60+';
}

/** Under 18 from an exact age or a band; null when it cannot be told. */
export function isUnder18(age: number | null | undefined, band: AgeBand | null | undefined): boolean | null {
  if (age != null) return age < 18;
  if (!band || band === 'unknown') return null;
  return ['0-5', '6-11', '12-15', '16-17'].includes(band);
}
