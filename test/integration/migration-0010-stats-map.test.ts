import { expect } from 'chai';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { migrateTo, migrateToLatest } from '../../server/db/migrate.js';
import { allMigrations } from '../../server/db/migrations/index.js';
import { rebuildRollups, refreshRollups } from '../../server/domain/reports/rollup.js';
import { rebuildUnitMap } from '../../server/domain/units/unit-map.js';
import { ensureUnits } from '../support/demo-data.js';
import { migrationDatabase } from '../support/migration-database.js';
import { unitId } from './reports-reform-fixture.js';

describe('migration 0010: the statistics rollups recounted on one map across the reform', function () {
  this.timeout(90_000);

  const m = migrationDatabase('m10');
  const crypto = m.crypto;
  let db: Database;
  before(() => (db = m.db));

  const contactsIn = async (areaId: number) => Number((await sql<{ n: number }>`
    select coalesce(sum(n), 0)::int as n from report_contact_daily where area_id = ${areaId}`.execute(db)).rows[0]!.n);
  const dirtyDays = async () => (await sql<{ day: string }>`select distinct day::text as day from report_dirty_days order by 1`.execute(db)).rows.map((r) => r.day);

  it('marks every counted day for recounting, so a case recorded in old Hà Giang then counts in Tuyên Quang (2025)', async () => {
    const names = Object.keys(allMigrations(crypto()));
    await migrateTo(db, names[names.indexOf('0010-stats-one-map') - 1]!, crypto());
    await ensureUnits(db);
    const daoDuc = await unitId(db, 'vn-2023', '00955');
    const haGiang = await unitId(db, 'vn-2023', '02');
    const tq2025 = await unitId(db, 'vn-2025', '08');
    await sql`insert into contacts (channel, status, received_at, location_kind, location_unit_id)
              values ('voice', 'closed', '2025-03-10T09:00:00+07:00', 'unit', ${daoDuc})`.execute(db);
    // The rollups as 0005's code counted them (the unit's own chain) and a refresh that took the logged days.
    await sql`delete from report_dirty_days`.execute(db);
    await sql`insert into report_contact_daily (area_id, day, channel, call_type, classification, n)
              select a, '2025-03-10', 'voice', '', '', 1 from unnest(${[0, daoDuc, haGiang]}::int[]) a`.execute(db);

    expect(await migrateToLatest(db, crypto())).to.include('0010-stats-one-map');
    expect(await dirtyDays()).to.deep.equal(['2025-03-10']);
    expect((await refreshRollups(db)).days).to.equal(1);
    expect(await contactsIn(tq2025)).to.equal(1);
    expect(await contactsIn(haGiang)).to.equal(1);
  });

  it('marks them again when the unit map is rebuilt (an import changed the units or the crosswalk)', async () => {
    // A rebuild builds the rollups' indexes after filling them: afterwards they are all there, as the migrations made them.
    const indexes = async () => (await sql<{ d: string }>`
      select indexdef || coalesce((select ' ' || contype::text from pg_constraint where conindid = (schemaname || '.' || indexname)::regclass), '') as d
        from pg_indexes where tablename in ('report_contact_daily', 'report_case_daily', 'report_victim_daily') order by 1`.execute(db)).rows.map((r) => r.d);
    const before = await indexes();
    expect(before.filter((d) => d.endsWith(' p'))).to.have.length(3);
    await rebuildRollups(db);
    expect(await indexes()).to.deep.equal(before);
    expect(await contactsIn(await unitId(db, 'vn-2025', '08'))).to.equal(1);
    expect(await dirtyDays()).to.deep.equal([]);
    await db.transaction().execute((tx) => rebuildUnitMap(tx));
    expect(await dirtyDays()).to.deep.equal(['2025-03-10']);
  });
});
