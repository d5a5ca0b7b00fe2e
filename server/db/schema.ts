import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AgencyType, Role, SupportRegime, UnitDataset, UnitLevel } from '../../shared/index.js';
import type { WorkingCalendar } from '../../shared/schemas/agencies.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateCol = ColumnType<string | null, string | null | undefined, string | null>;

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
}

export interface DB {
  admin_units: AdminUnitsTable;
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
