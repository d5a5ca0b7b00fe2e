import { sql, type Kysely, type Migration } from 'kysely';
import type { FieldCrypto } from '../../domain/crypto/field-crypto.js';

/**
 * Issue 15: every free-text field a person can type a victim's name or number into is encrypted at rest like the
 * narrative (same DATA_KEY, same "v1" scheme, so a key rotation re-encrypts these with the rest). The rows already
 * stored are encrypted here, in Node (the key never reaches the database), in batches; the plain columns are dropped.
 *
 * It also adds disclosure_grants: a supervisor's time-limited grant that lets one operator see one case's identity
 * (server/domain/disclosure/). It lives here, not in a migration of its own, because it ships with the same change.
 */
const COLUMNS = [
  { table: 'referrals', plain: 'decline_reason', enc: 'decline_reason_enc' },
  { table: 'referrals', plain: 'outcome_reason', enc: 'outcome_reason_enc' },
  { table: 'sla_clocks', plain: 'pause_reason', enc: 'pause_reason_enc' },
  { table: 'sla_clock_pauses', plain: 'reason', enc: 'reason_enc' },
  { table: 'sla_clock_pauses', plain: 'resume_note', enc: 'resume_note_enc' },
  { table: 'sla_escalations', plain: 'resolution', enc: 'resolution_enc' },
] as const;

/** Free-text keys of referral_events.details and their encrypted names (as server/domain/referrals/event-text.ts writes them). */
const EVENT_TEXT_KEYS = [['reason', 'reasonEnc'], ['note', 'noteEnc']] as const;

const BATCH = 1000;

/** Rewrites `from` into `to` for every row where `from` is set, `BATCH` rows per statement. */
async function convertColumn(db: Kysely<any>, table: string, from: string, to: string, f: (v: string) => string) {
  for (let last = 0; ;) {
    const { rows } = await sql<{ id: number; v: string }>`
      select id, ${sql.ref(from)} as v from ${sql.table(table)} where id > ${last} and ${sql.ref(from)} is not null order by id limit ${BATCH}`.execute(db);
    if (!rows.length) return;
    await sql`update ${sql.table(table)} t set ${sql.ref(to)} = v.x
      from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => f(r.v))}::text[]) as v(id, x) where t.id = v.id`.execute(db);
    last = Number(rows[rows.length - 1]!.id);
  }
}

/** The free-text parts of referral events (reason, note) become reasonEnc / noteEnc, or the reverse. */
async function convertEvents(db: Kysely<any>, f: (d: Record<string, unknown>) => Record<string, unknown> | null) {
  const keys = EVENT_TEXT_KEYS.flatMap(([plain, enc]) => [plain, enc]);
  for (let last = 0; ;) {
    const { rows } = await sql<{ id: number; details: Record<string, unknown> }>`
      select id, details from referral_events where id > ${last} and details ?| ${keys}::text[] order by id limit ${BATCH}`.execute(db);
    if (!rows.length) return;
    const changed = rows.flatMap((r) => {
      const d = f(r.details);
      return d ? [{ id: r.id, d }] : [];
    });
    if (changed.length)
      await sql`update referral_events e set details = v.d
        from unnest(${changed.map((c) => c.id)}::bigint[], ${changed.map((c) => JSON.stringify(c.d))}::jsonb[]) as v(id, d) where e.id = v.id`.execute(db);
    last = Number(rows[rows.length - 1]!.id);
  }
}

function sealEvent(crypto: FieldCrypto) {
  return (d: Record<string, unknown>) => {
    const out = { ...d };
    let changed = false;
    for (const [plain, enc] of EVENT_TEXT_KEYS) {
      if (!(plain in out)) continue;
      const v = out[plain];
      delete out[plain];
      changed = true;
      if (typeof v === 'string' && v !== '') out[enc] = crypto.encrypt(v);
    }
    return changed ? out : null;
  };
}

function openEvent(crypto: FieldCrypto) {
  return (d: Record<string, unknown>) => {
    const out = { ...d };
    let changed = false;
    for (const [plain, enc] of EVENT_TEXT_KEYS) {
      if (typeof out[enc] !== 'string') continue;
      out[plain] = crypto.decrypt(out[enc] as string);
      delete out[enc];
      changed = true;
    }
    return changed ? out : null;
  };
}

async function createGrants(db: Kysely<any>) {
  await db.schema
    .createTable('disclosure_grants')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('granted_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint('disclosure_grants_expiry', sql`expires_at > granted_at`)
    .execute();
  await sql`create index disclosure_grants_user_contact_idx on disclosure_grants (user_id, contact_id, expires_at) where revoked_at is null`.execute(db);
}

export function encryptFreeText(crypto: FieldCrypto): Migration {
  return {
    async up(db) {
      for (const c of COLUMNS) {
        await db.schema.alterTable(c.table).addColumn(c.enc, 'text').execute();
        await convertColumn(db, c.table, c.plain, c.enc, crypto.encrypt);
      }
      await sql`alter table sla_clocks drop constraint sla_clocks_paused_has_reason`.execute(db);
      for (const c of COLUMNS) await db.schema.alterTable(c.table).dropColumn(c.plain).execute();
      await sql`alter table sla_clocks add constraint sla_clocks_paused_has_reason
        check ((state = 'paused') = (paused_at is not null and pause_reason_enc is not null))`.execute(db);
      await sql`alter table sla_clock_pauses alter column reason_enc set not null`.execute(db);
      await convertEvents(db, sealEvent(crypto));
      await createGrants(db);
    },

    async down(db) {
      await db.schema.dropTable('disclosure_grants').execute();
      await convertEvents(db, openEvent(crypto));
      for (const c of COLUMNS) {
        await db.schema.alterTable(c.table).addColumn(c.plain, 'text').execute();
        await convertColumn(db, c.table, c.enc, c.plain, crypto.decrypt);
      }
      await sql`alter table sla_clocks drop constraint sla_clocks_paused_has_reason`.execute(db);
      for (const c of COLUMNS) await db.schema.alterTable(c.table).dropColumn(c.enc).execute();
      await sql`alter table sla_clocks add constraint sla_clocks_paused_has_reason
        check ((state = 'paused') = (paused_at is not null and pause_reason is not null))`.execute(db);
      await sql`alter table sla_clock_pauses alter column reason set not null`.execute(db);
    },
  };
}
