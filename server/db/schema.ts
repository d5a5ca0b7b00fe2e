import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AgencyType, CallType, Channel, Classification, Consent, ContactStatus, Role, SupportRegime, UnitDataset, UnitLevel } from '../../shared/index.js';
import type { WorkingCalendar } from '../../shared/schemas/agencies.js';
import type { ClockKind, ClockState, HolidayOverrideKind, SlaMetric, SlaTarget } from '../../shared/index.js';
import type { Outcome, Priority, ReferralEventType, ReferralStatus, ReferralTrack, ReferralWhy, RuleFilter, RuleTarget } from '../../shared/index.js';
import type { ReportParams, ReportStatus, StatsResult } from '../../shared/index.js';
import type { CallbackOutcome, CallbackReason, CallbackStatus, CallOfferState, OperatorStatus, VoiceDevice } from '../../shared/index.js';
import type { EthnicityCode } from '../../shared/index.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateCol = ColumnType<string | null, string | null | undefined, string | null>;
type OptionalText = ColumnType<string | null, string | null | undefined, string | null>;
type OptionalInt = ColumnType<number | null, number | null | undefined, number | null>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AdminUnitsTable {
  id: Generated<number>;
  dataset: UnitDataset;
  code: string;
  level: UnitLevel;
  name: string;
  parent_code: string | null;
  parent_id: number | null;
  valid_from: DateCol;
  valid_to: DateCol;
  lat: ColumnType<number | null, number | null | undefined, number | null>;
  lon: ColumnType<number | null, number | null | undefined, number | null>;
  area_km2: ColumnType<number | null, number | null | undefined, number | null>;
  ground_size: ColumnType<number, number | undefined, number>;
  path: ColumnType<string | null, string | null | undefined, string | null>;
  search_name: ColumnType<string | null, string | null | undefined, string | null>;
  search_path: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AdminUnitSuccessorsTable {
  old_unit_id: number;
  new_unit_id: number;
  divided: boolean;
}

export interface UnitGroundTable {
  unit_id: number;
  commune_id: number;
}

export interface UnitCoverTable {
  unit_id: number;
  cover_id: number;
  via_chain: boolean;
}

export interface ReferenceDataTable {
  name: string;
  sha256: string;
  imported_at: Timestamp;
}

export interface AgenciesTable {
  id: Generated<number>;
  code: string;
  name: string;
  type: AgencyType;
  parent_agency_id: number | null;
  services: ColumnType<SupportRegime[], SupportRegime[] | undefined, SupportRegime[]>;
  focal_phones: ColumnType<string[], string[] | undefined, string[]>;
  calendar: ColumnType<WorkingCalendar, string | undefined, string>;
  shelter_accepted_sexes: string[] | null;
  shelter_age_min: number | null;
  shelter_age_max: number | null;
  shelter_capacity: number | null;
  shelter_occupancy: number | null;
  active: Generated<boolean>;
  /** The days the agency exists (inclusive); null: open-ended. District offices end on 30 June 2025. */
  valid_from: DateCol;
  valid_to: DateCol;
  /** The unit the agency sits in: where distances (the nearest shelter) are measured from. */
  seat_unit_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgencyUnitsTable {
  agency_id: number;
  unit_id: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  agency_id: number | null;
  phone: string | null;
  locale: Generated<'vi' | 'en'>;
  active: Generated<boolean>;
  last_login_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  voice_device: ColumnType<VoiceDevice, VoiceDevice | undefined, VoiceDevice>;
  voice_address: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: number | null;
  actor_role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  /** The case and the agency the entry concerns, derived at insert by the database (0016). */
  contact_id: ColumnType<number | null, number | null | undefined, never>;
  agency_id: ColumnType<number | null, number | null | undefined, never>;
}

export interface ContactsTable {
  id: Generated<number>;
  channel: Channel;
  status: ColumnType<ContactStatus, ContactStatus | undefined, ContactStatus>;
  twilio_sid: string | null;
  caller_phone_enc: string | null;
  caller_phone_hash: string | null;
  caller_masked: string | null;
  caller_handle_enc: string | null;
  received_at: Timestamp;
  claimed_at: NullableTimestamp;
  claimed_by: number | null;
  created_by: number | null;
  ended_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  closed_by: number | null;
  call_status: string | null;
  duration_seconds: number | null;
  recording_url: string | null;
  call_type: CallType | null;
  classification: Classification | null;
  purposes: ColumnType<string[], string[] | undefined, string[]>;
  indicators: ColumnType<string[], string[] | undefined, string[]>;
  needs: ColumnType<string[], string[] | undefined, string[]>;
  immediate_danger: ColumnType<boolean, boolean | undefined, boolean>;
  location_kind: ColumnType<'unit' | 'abroad' | 'unknown', 'unit' | 'abroad' | 'unknown' | undefined, 'unit' | 'abroad' | 'unknown'>;
  location_unit_id: number | null;
  location_country: string | null;
  wishes: string | null;
  wishes_note_enc: string | null;
  consent: ColumnType<Consent, Consent | undefined, Consent>;
  narrative_enc: string | null;
  draft_enc: string | null;
  draft_version: ColumnType<number, number | undefined, number>;
  draft_updated_at: NullableTimestamp;
  last_message_at: NullableTimestamp;
  unread_messages: ColumnType<number, number | undefined, number>;
  home_unit_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The case's first contact, for a follow-up attached to it (migration 0019). */
  case_contact_id: ColumnType<number | null, number | null | undefined, number | null>;
  training: ColumnType<boolean, boolean | undefined, boolean>;
  queue_result: OptionalText;
  wait_seconds: OptionalInt;
  answered_at: OptionalTimestamp;
  answered_by: OptionalInt;
  operator_call_sid: OptionalText;
  conference_sid: OptionalText;
  recording_sid: OptionalText;
  recording_status: OptionalText;
  recording_seconds: OptionalInt;
  recording_deleted_at: OptionalTimestamp;
  voicemail: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface OperatorStatusTable {
  user_id: number;
  status: OperatorStatus;
  since: Timestamp;
  available_since: NullableTimestamp;
  wrap_up_contact_id: number | null;
  wrap_up_until: NullableTimestamp;
  updated_at: Timestamp;
}

export interface CallOffersTable {
  id: Generated<number>;
  contact_id: number;
  operator_id: number;
  offered_at: Timestamp;
  expires_at: Timestamp;
  state: ColumnType<CallOfferState, CallOfferState | undefined, CallOfferState>;
  ended_at: NullableTimestamp;
}

export interface CallbacksTable {
  id: Generated<number>;
  contact_id: number;
  reason: CallbackReason;
  status: ColumnType<CallbackStatus, CallbackStatus | undefined, CallbackStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
  closed_by: number | null;
}

export interface CallbackAttemptsTable {
  id: Generated<number>;
  callback_id: number;
  operator_id: number;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
  call_sid: string | null;
  dial_status: string | null;
  outcome: CallbackOutcome | null;
}

export interface RoutingRulesTable {
  id: Generated<number>;
  name: string;
  track: ReferralTrack;
  position: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  filter: ColumnType<RuleFilter, string, string>;
  targets: ColumnType<RuleTarget[], string, string>;
  on_exhausted: ColumnType<'supervisor' | 'skip', 'supervisor' | 'skip' | undefined, 'supervisor' | 'skip'>;
  updated_at: Timestamp;
}

export interface ReferralsTable {
  id: Generated<number>;
  contact_id: number;
  track: ReferralTrack;
  agency_id: number | null;
  status: ReferralStatus;
  priority: Priority;
  rule_id: number | null;
  target_index: number | null;
  why: ColumnType<ReferralWhy, string, string>;
  /** 1, or more when a supervisor gave the case back to an agency that already had it on this track (0009). */
  attempt: ColumnType<number, number | undefined, number>;
  previous_referral_id: number | null;
  /** Free text, encrypted (field-crypto, 0012). */
  decline_reason_enc: string | null;
  outcome: Outcome | null;
  outcome_reason_enc: string | null;
  created_at: Timestamp;
  accepted_at: NullableTimestamp;
  first_action_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface ReferralEventsTable {
  id: Generated<number>;
  referral_id: number;
  at: Timestamp;
  actor_user_id: number | null;
  type: ReferralEventType;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface ReferralSupportTable {
  id: Generated<number>;
  referral_id: number;
  regime: SupportRegime;
  given_on: string;
  note_enc: string | null;
  recorded_by: number;
  recorded_at: Timestamp;
}

export interface ContactVictimsTable {
  id: Generated<number>;
  contact_id: number;
  position: number;
  /** The victim's name, encrypted (field-crypto); its blind index is victim_name_index. */
  name_enc: string | null;
  sex: string;
  age: number | null;
  age_band: string | null;
  /** A GSO ethnic group code ('01'–'54', '55' a foreign national; the check contact_victims_ethnicity_code); null unknown. */
  ethnicity: EthnicityCode | null;
  /** ISO 3166-1 alpha-2, validated against the list by the schema (shared/country-codes.ts). */
  nationality: string | null;
  under18: boolean | null;
}

/** The blind index of victims' names: one keyed hash per folded word (server/domain/search/name-index.ts). */
export interface VictimNameIndexTable {
  token_hash: string;
  victim_id: number;
  contact_id: number;
}

export interface ContactMessagesTable {
  id: Generated<number>;
  contact_id: number;
  direction: 'in' | 'out';
  twilio_sid: string | null;
  body_enc: string;
  status: string;
  error_code: string | null;
  sent_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoutingRequestsTable {
  id: Generated<number>;
  contact_id: number;
  created_at: Timestamp;
  enqueued_at: NullableTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  routed_at: NullableTimestamp;
  /** The job the relay last sent it as; null: its first send (JOB_IDS.routing). */
  job_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface NotificationsTable {
  id: Generated<number>;
  purpose: string;
  channel: 'sms' | 'whatsapp';
  to_enc: string;
  to_masked: string;
  body_enc: string;
  status: ColumnType<NotificationStatus, NotificationStatus | undefined, NotificationStatus>;
  provider_sid: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  contact_message_id: number | null;
  referral_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The job the relay last sent it as; null: its first send (JOB_IDS.notify). */
  job_id: ColumnType<string | null, string | null | undefined, string | null>;
}
export type NotificationStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'outbox';

export interface SlaPoliciesTable {
  priority: Priority;
  targets: ColumnType<Record<SlaMetric, SlaTarget>, string, string>;
  calendar: ColumnType<WorkingCalendar, string, string>;
  warn_percent: number;
  supervisor_after_percent: number;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface HolidayOverridesTable {
  id: Generated<number>;
  date: ColumnType<string, string, string>;
  kind: HolidayOverrideKind;
  name: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SlaClocksTable {
  id: Generated<number>;
  /** A clock belongs to a referral or to a callback (exactly one). */
  referral_id: ColumnType<number | null, number | null | undefined, number | null>;
  callback_id: ColumnType<number | null, number | null | undefined, number | null>;
  kind: ClockKind;
  state: ClockState;
  priority: Priority;
  target: ColumnType<SlaTarget, string, string>;
  calendar: ColumnType<WorkingCalendar | null, string | null, string | null>;
  warn_percent: number | null;
  supervisor_after_percent: number | null;
  started_at: Timestamp;
  warn_at: NullableTimestamp;
  due_at: Timestamp;
  escalate_at: NullableTimestamp;
  next_at: NullableTimestamp;
  warned_at: NullableTimestamp;
  breached_at: NullableTimestamp;
  met_at: NullableTimestamp;
  stopped_at: NullableTimestamp;
  escalation_level: ColumnType<number, number | undefined, number>;
  paused_at: NullableTimestamp;
  /** Free text, encrypted (field-crypto, 0012). */
  pause_reason_enc: string | null;
  updated_at: Timestamp;
}

export interface SlaClockPausesTable {
  id: Generated<number>;
  clock_id: number;
  paused_at: Timestamp;
  paused_by: number | null;
  reason_enc: string;
  resumed_at: NullableTimestamp;
  resumed_by: number | null;
  resume_note_enc: string | null;
}

export interface SlaEscalationsTable {
  id: Generated<number>;
  clock_id: number;
  referral_id: number;
  level: number;
  to_agency_id: number | null;
  created_at: Timestamp;
  resolved_at: NullableTimestamp;
  resolved_by: number | null;
  /** Free text, encrypted (field-crypto, 0012). */
  resolution_enc: string | null;
}

/** A supervisor's grant: one operator may see one case's identity until it expires or is revoked (0012). */
export interface DisclosureGrantsTable {
  id: Generated<number>;
  contact_id: number;
  user_id: number;
  granted_by: number;
  granted_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface ReportFilesTable {
  id: Generated<number>;
  label: string | null;
  params: ColumnType<ReportParams, string, string>;
  scope_agency_id: number | null;
  requested_by: number;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  progress: ColumnType<number, number | undefined, number>;
  error: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  result: ColumnType<StatsResult | null, string | null | undefined, string | null>;
  file: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  file_name: string | null;
  file_size: number | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  /** The job the relay last sent it as; null: its first send (JOB_IDS.report). */
  job_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ReportContactDailyTable {
  area_id: number;
  day: string;
  channel: string;
  call_type: string;
  classification: string;
  n: number;
}

export interface ReportDirtyDaysTable {
  id: Generated<number>;
  day: string;
}

export interface ReferralSmsCodesTable {
  code: number;
  referral_id: number;
  issued_at: Timestamp;
  expires_at: Timestamp;
}

export interface SmsCommandsTable {
  id: Generated<number>;
  message_sid: string;
  from_hash: string;
  command: string;
  code: number | null;
  referral_id: number | null;
  user_id: number | null;
  outcome: string | null;
  received_at: Timestamp;
}

export interface PushSubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: Generated<Date>;
  last_success_at: NullableTimestamp;
  last_failure_at: NullableTimestamp;
  failures: Generated<number>;
}

export interface AppSettingsTable {
  key: string;
  value: unknown;
  created_at: Generated<Date>;
}

export interface DB {
  push_subscriptions: PushSubscriptionsTable;
  app_settings: AppSettingsTable;
  referral_sms_codes: ReferralSmsCodesTable;
  sms_commands: SmsCommandsTable;
  report_files: ReportFilesTable;
  report_contact_daily: ReportContactDailyTable;
  report_dirty_days: ReportDirtyDaysTable;
  sla_policies: SlaPoliciesTable;
  holiday_overrides: HolidayOverridesTable;
  sla_clocks: SlaClocksTable;
  sla_clock_pauses: SlaClockPausesTable;
  sla_escalations: SlaEscalationsTable;
  disclosure_grants: DisclosureGrantsTable;
  routing_rules: RoutingRulesTable;
  operator_status: OperatorStatusTable;
  call_offers: CallOffersTable;
  callbacks: CallbacksTable;
  callback_attempts: CallbackAttemptsTable;
  referrals: ReferralsTable;
  referral_events: ReferralEventsTable;
  referral_support: ReferralSupportTable;
  contacts: ContactsTable;
  contact_victims: ContactVictimsTable;
  victim_name_index: VictimNameIndexTable;
  contact_messages: ContactMessagesTable;
  routing_requests: RoutingRequestsTable;
  notifications: NotificationsTable;
  admin_units: AdminUnitsTable;
  admin_unit_successors: AdminUnitSuccessorsTable;
  unit_ground: UnitGroundTable;
  unit_cover: UnitCoverTable;
  reference_data: ReferenceDataTable;
  agencies: AgenciesTable;
  agency_units: AgencyUnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AgencyRow = Selectable<AgenciesTable>;
