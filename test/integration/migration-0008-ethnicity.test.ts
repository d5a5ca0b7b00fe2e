import { expect } from 'chai';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { migrateTo, migrateToLatest } from '../../server/db/migrate.js';
import { allMigrations } from '../../server/db/migrations/index.js';
import { refreshRollups } from '../../server/domain/reports/rollup.js';
import { resolveScope } from '../../server/domain/reports/scope.js';
import { victimCounts, type Via } from '../../server/domain/reports/stats.queries.js';
import { migrationDatabase } from '../support/migration-database.js';

/** What operators typed into the free-text box before 0008, and the group each must become (null: unknown). */
const TYPED: [string | null, string | null][] = [
  ['Kinh', '01'], ['dân tộc Kinh', '01'], ['KINH (Việt)', '01'], ['người Việt', '01'],
  ["H'Mông", '08'], ['Hmông', '08'], ['Mông', '08'], ['mèo', '08'], ['HMông (Mèo)', '08'],
  ['Khmer', '05'], ['Khơ me', '05'], ['người Tày', '02'], ['Thái đen', '03'], ['Dao đỏ', '09'], ['Ê Đê', '12'],
  ['Bru-Vân Kiều', '23'], ['Rơ Măm', '54'], ['Người nước ngoài', '55'], ['08', '08'],
  // Nothing a group is named by: unknown, never a guess from part of the text.
  ['không rõ', null], ['Thái Lan', null], ['Kinh và Tày', null], ['', null], ['   ', null], ['xyz', null], ['99', null], [null, null],
];

describe('migration 0008: victim ethnicity from free text to GSO codes', function () {
  this.timeout(60_000);

  const m = migrationDatabase('eth');
  const crypto = m.crypto;
  let db: Database;
  before(() => (db = m.db));

  it('reads each answer by its names and aliases, leaves the rest unknown, recounts the statistics and refuses free text after', async () => {
    const names = Object.keys(allMigrations(crypto()));
    const before = names[names.indexOf('0008-victim-ethnicity-codes') - 1]!;
    await migrateTo(db, before, crypto());
    const { rows } = await sql<{ id: number }>`
      insert into contacts (channel, status, received_at, call_type, classification)
      values ('voice', 'closed', '2025-03-05T09:00:00+07:00', 'report', 'trafficking') returning id`.execute(db);
    const contactId = rows[0]!.id;
    for (const [i, [text]] of TYPED.entries())
      await sql`insert into contact_victims (contact_id, position, sex, ethnicity) values (${contactId}, ${i}, 'female', ${text})`.execute(db);
    // The rollups as they stood, counted from the free text (nationally; today's refresh needs migration 0010's views).
    await sql`delete from report_dirty_days`.execute(db);
    await sql`insert into report_victim_daily (area_id, day, classification, dim, key, n)
              select 0, '2025-03-05', 'trafficking', 'ethnicity', coalesce(ethnicity, 'unknown'), count(*)
                from contact_victims group by 5`.execute(db);

    expect(await migrateToLatest(db, crypto())).to.include('0008-victim-ethnicity-codes');
    const stored = await db.selectFrom('contact_victims').select('ethnicity').where('contact_id', '=', contactId).orderBy('position').execute();
    expect(stored.map((r) => r.ethnicity)).to.deep.equal(TYPED.map(([, code]) => code));

    // The conversion marked the victims' day for recounting: the rollups count by group again, as the direct query does.
    await refreshRollups(db);
    const scope = await resolveScope(db, { from: '2025-03-01', to: '2025-03-31', areaId: null }, { scopeAgencyId: null });
    const byGroup = async (via: Via) =>
      Object.fromEntries((await victimCounts(db, scope, via)).filter((c) => c.dim === 'ethnicity').map((c) => [c.key, c.n]));
    const direct = await byGroup('direct');
    expect(direct).to.deep.equal({ '01': 4, '08': 6, '05': 2, '02': 1, '03': 1, '09': 1, '12': 1, '23': 1, '54': 1, '55': 1, unknown: 8 });
    expect(await byGroup('rollup')).to.deep.equal(direct);

    let err: unknown = null;
    try {
      await sql`insert into contact_victims (contact_id, position, sex, ethnicity) values (${contactId}, 99, 'male', 'Kinh')`.execute(db);
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.match(/contact_victims_ethnicity_code/);

    // Rolled back, the codes become the groups' Vietnamese names again (what the old free-text reports read).
    await migrateTo(db, before, crypto());
    const back = await db.selectFrom('contact_victims').select('ethnicity').where('contact_id', '=', contactId).orderBy('position').limit(5).execute();
    expect(back.map((r) => r.ethnicity as string)).to.deep.equal(['Kinh', 'Kinh', 'Kinh', 'Kinh', 'HMông']);
  });
});
