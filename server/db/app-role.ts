import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from './database.js';

/**
 * Least privilege in PostgreSQL. Migrations and reference data run as the owner of the schema (DATABASE_URL); the
 * server and the workers run as an app role that may read and write the product's tables and nothing more: it owns
 * nothing, so it cannot disable a trigger or alter a table; it is no superuser, so it cannot set
 * session_replication_role; it may only read and append to audit_log, only read the reference data, and not touch
 * the migration bookkeeping.
 *
 * The app role is APP_DATABASE_URL's user when that is set (a role an administrator created), or else one derived
 * from DATABASE_URL, `<database>_app`, which start-up creates, with a password derived from SESSION_SECRET (set
 * again at every start, so rotating the secret rotates it).
 */
export interface AppRole {
  name: string;
  url: string;
  /** The password start-up sets on the derived role; null for APP_DATABASE_URL's, which an administrator manages. */
  password: string | null;
}

/** Read by the app, written only by start-up and `npm run import:units` (as the owner). */
export const REFERENCE_TABLES = ['admin_units', 'admin_unit_successors', 'unit_ground', 'unit_cover', 'reference_data'] as const;
/** Rebuilt wholesale by the statistics rollup (TRUNCATE). */
const ROLLUP_TABLES = ['report_contact_daily', 'report_case_daily', 'report_victim_daily'] as const;
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'] as const;

export const derivedRoleName = (databaseUrl: string) => `${decodeURIComponent(new URL(databaseUrl).pathname.slice(1))}_app`;

export function appRoleFor(config: { DATABASE_URL: string; APP_DATABASE_URL?: string; SESSION_SECRET: string }): AppRole {
  if (config.APP_DATABASE_URL) {
    return { name: decodeURIComponent(new URL(config.APP_DATABASE_URL).username), url: config.APP_DATABASE_URL, password: null };
  }
  const name = derivedRoleName(config.DATABASE_URL);
  const password = createHmac('sha256', config.SESSION_SECRET).update(`postgres app role ${name}`).digest('base64url');
  const url = new URL(config.DATABASE_URL);
  url.username = name;
  url.password = password;
  return { name, url: url.toString(), password };
}

const ident = (name: string) => sql.id(name);

/**
 * Creates the derived role when missing (the owner needs CREATEROLE) and grants what the app needs, from scratch at
 * every start, so a table a new migration adds is granted too. One process at a time (an advisory lock):
 * concurrent GRANTs on one table fail in PostgreSQL.
 */
export async function prepareAppRole(owner: Database, role: AppRole): Promise<void> {
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(role.name)) throw new Error(`the app role name "${role.name}" is not a plain identifier`);
  await owner.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('hotline111:app-role'))`.execute(tx);
    const exists = (await sql`select 1 from pg_roles where rolname = ${role.name}`.execute(tx)).rows.length > 0;
    if (!exists && role.password == null) throw new Error(`APP_DATABASE_URL names the role "${role.name}", which does not exist: create it first (see the README)`);
    if (role.password != null) {
      const attributes = sql`login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls password ${sql.lit(role.password)}`;
      if (exists) await sql`alter role ${ident(role.name)} with ${attributes}`.execute(tx);
      else await sql`create role ${ident(role.name)} with ${attributes}`.execute(tx);
    }
    const db = (await sql<{ db: string }>`select current_database() as db`.execute(tx)).rows[0]!.db;
    const r = ident(role.name);
    await sql`grant connect, temporary on database ${ident(db)} to ${r}`.execute(tx);
    await sql`grant usage on schema public to ${r}`.execute(tx);
    await sql`revoke all on all tables in schema public from ${r}`.execute(tx);
    await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(tx);
    await sql`revoke insert, update, delete on ${sql.join(REFERENCE_TABLES.map((t) => ident(t)))} from ${r}`.execute(tx);
    await sql`revoke update, delete on audit_log from ${r}`.execute(tx);
    await sql`revoke all on ${sql.join(MIGRATION_TABLES.map((t) => ident(t)))} from ${r}`.execute(tx);
    await sql`grant truncate on ${sql.join(ROLLUP_TABLES.map((t) => ident(t)))} to ${r}`.execute(tx);
    await sql`revoke all on all sequences in schema public from ${r}`.execute(tx);
    await sql`grant usage, select on all sequences in schema public to ${r}`.execute(tx);
  });
}

/** Refuses to run the app as a role that could rewrite history: a superuser, or the owner of any table. */
export async function assertLeastPrivilege(app: Database): Promise<void> {
  const r = await sql<{ su: boolean; owns: boolean; user: string }>`
    select r.rolsuper or r.rolbypassrls or r.rolreplication as su, current_user as user,
           exists (select 1 from pg_tables where schemaname = 'public' and tableowner = current_user) as owns
    from pg_roles r where r.rolname = current_user`.execute(app);
  const row = r.rows[0]!;
  if (row.su || row.owns)
    throw new Error(`the app connects as "${row.user}", which ${row.su ? 'is a superuser' : 'owns the tables'}: give it a role of its own (APP_DATABASE_URL, see the README)`);
}

/** Drops the derived role of a database (tests and benchmarks, after dropping the database). */
export async function dropDerivedRole(owner: { query(q: string): Promise<unknown> }, databaseUrl: string): Promise<void> {
  const name = derivedRoleName(databaseUrl);
  if (/^[A-Za-z0-9_-]{1,63}$/.test(name)) await owner.query(`drop role if exists "${name}"`);
}
