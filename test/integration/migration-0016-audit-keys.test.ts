import { expect } from 'chai';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { migrateDown, migrateTo, migrateToLatest } from '../../server/db/migrate.js';
import { migrationDatabase } from '../support/migration-database.js';

type Keys = { action: string; contact_id: number | null; agency_id: number | null };

/** Issue 17: each audit entry knows its case and its agency, the history written before 0016 included. */
describe('migration 0016: audit entries keyed by case and agency', function () {
  this.timeout(60_000);
  const m = migrationDatabase('m16');
  let db: Database;
  before(() => (db = m.db));

  async function world() {
    const contact = (await sql<{ id: number }>`insert into contacts (channel, status, received_at) values ('voice', 'closed', now()) returning id`.execute(db)).rows[0]!.id;
    const agency = (await sql<{ id: number }>`insert into agencies (code, name, type) values (${`m16-${Date.now()}`}, 'Xã M16', 'district_office') returning id`.execute(db)).rows[0]!.id;
    const referral = (await sql<{ id: number }>`insert into referrals (contact_id, track, agency_id, status, priority, why)
      values (${contact}, 'primary', ${agency}, 'pending', 'trafficking', '{}') returning id`.execute(db)).rows[0]!.id;
    const officer = (await sql<{ id: number }>`insert into users (username, display_name, password_hash, role, agency_id)
      values (${`m16-off-${Date.now()}`}, 'Officer', 'x', 'agency_officer', ${agency}) returning id`.execute(db)).rows[0]!.id;
    return { contact, agency, referral, officer };
  }

  async function write(w: Awaited<ReturnType<typeof world>>, tag: string) {
    const rows: [string, string | null, string | null, string, number | null, string | null][] = [
      [`${tag}contact.view`, 'contact', String(w.contact), '{}', null, 'supervisor'],
      [`${tag}referral.view`, 'referral', String(w.referral), '{}', w.officer, 'agency_officer'],
      [`${tag}agency.update`, 'agency', String(w.agency), '{}', null, 'admin'],
      [`${tag}stats.view`, 'statistics', null, JSON.stringify({ agencyId: w.agency }), null, 'supervisor'],
      [`${tag}auth.login`, 'user', String(w.officer), '{}', w.officer, 'agency_officer'],
      [`${tag}sla.holiday.add`, 'sla', '2026-09-02', '{}', null, 'admin'],
    ];
    for (const [action, type, id, details, actor, role] of rows)
      await sql`insert into audit_log (action, entity_type, entity_id, details, actor_user_id, actor_role)
        values (${action}, ${type}, ${id}, ${details}::jsonb, ${actor}, ${role})`.execute(db);
  }

  const keysOf = async (tag: string) =>
    (await sql<Keys>`select action, contact_id, agency_id from audit_log where action like ${`${tag}%`} order by id`.execute(db)).rows
      .map((r) => ({ ...r, action: r.action.slice(tag.length) }));

  const expected = (w: Awaited<ReturnType<typeof world>>): Keys[] => [
    { action: 'contact.view', contact_id: w.contact, agency_id: null },
    { action: 'referral.view', contact_id: w.contact, agency_id: w.agency },
    { action: 'agency.update', contact_id: null, agency_id: w.agency },
    { action: 'stats.view', contact_id: null, agency_id: w.agency },
    { action: 'auth.login', contact_id: null, agency_id: w.agency },
    { action: 'sla.holiday.add', contact_id: null, agency_id: null },
  ];

  it('fills the keys of the history, then of every new entry, keeps the log append-only, and rolls back', async () => {
    await migrateTo(db, '0012-encrypt-free-text', m.crypto());
    const before = await world();
    await write(before, 'old:');
    expect(await migrateToLatest(db, m.crypto())).to.include('0016-audit-keys');
    expect(await keysOf('old:')).to.deep.equal(expected(before));

    const after = await world();
    await write(after, 'new:');
    expect(await keysOf('new:')).to.deep.equal(expected(after));

    let refused: unknown = null;
    await sql`update audit_log set agency_id = null where action like 'new:%'`.execute(db).catch((e) => (refused = e));
    expect(String(refused)).to.match(/append-only/);

    const indexes = (await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'audit_log'`.execute(db)).rows.map((r) => r.indexname);
    expect(indexes).to.include.members(['audit_log_at_idx', 'audit_log_actor_at_idx', 'audit_log_action_at_idx', 'audit_log_contact_at_idx', 'audit_log_agency_at_idx']);

    await migrateDown(db, m.crypto());
    const cols = (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'audit_log'`.execute(db)).rows.map((r) => r.column_name);
    expect(cols).not.to.include('contact_id');
    await write(after, 'down:'); // inserts still work without the trigger
  });
});
