import { expect } from 'chai';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { migrateTo, migrateToLatest } from '../../server/db/migrate.js';
import { allMigrations } from '../../server/db/migrations/index.js';
import { rebuildUnitMap } from '../../server/domain/units/unit-map.js';
import { ensureUnits } from '../support/demo-data.js';
import { migrationDatabase } from '../support/migration-database.js';
import { unitId } from './reports-reform-fixture.js';

/** Today's province of every unit, as migration 0010's view computed it: what the table must hold. */
const VIEW_ROWS = sql<{ unit_id: number; province_id: number }>`
  select distinct on (uc.unit_id) uc.unit_id, uc.cover_id as province_id from unit_cover uc join admin_units a on a.id = uc.cover_id
   where a.level = 'province' and (uc.via_chain or a.dataset = 'vn-2025')
   order by uc.unit_id, a.dataset = 'vn-2025' desc, a.id`;

describe("migration 0021: today's province of each unit is a table, read by index", function () {
  this.timeout(90_000);

  const m = migrationDatabase('m21');
  let db: Database;
  before(() => (db = m.db));

  const tableRows = async () => (await sql<{ unit_id: number; province_id: number }>`
    select unit_id, province_id from report_unit_province order by unit_id`.execute(db)).rows;
  const viewRows = async () => (await VIEW_ROWS.execute(db)).rows;

  it('holds what the view held, for every unit of both maps', async () => {
    const names = Object.keys(allMigrations(m.crypto()));
    await migrateTo(db, names[names.indexOf('0021-unit-province-table') - 1]!, m.crypto());
    await ensureUnits(db);
    const before = (await sql<{ unit_id: number; province_id: number }>`
      select unit_id, province_id from report_unit_province order by unit_id`.execute(db)).rows;
    expect(before.length).to.be.greaterThan(10_000);
    expect(await migrateToLatest(db, m.crypto())).to.include('0021-unit-province-table');
    expect(await tableRows()).to.deep.equal(before);
    // An old Hà Giang commune is in Tuyên Quang today.
    const daoDuc = await unitId(db, 'vn-2023', '00955');
    expect((await tableRows()).find((r) => r.unit_id === daoDuc)?.province_id).to.equal(await unitId(db, 'vn-2025', '08'));
  });

  it('is rebuilt with the unit map, in the same transaction', async () => {
    await sql`update report_unit_province set province_id = unit_id where unit_id in (select unit_id from report_unit_province limit 50)`.execute(db);
    expect(await tableRows()).not.to.deep.equal(await viewRows());
    await db.transaction().execute((tx) => rebuildUnitMap(tx));
    expect(await tableRows()).to.deep.equal(await viewRows());
  });

  it('is joined by its key: a case in one unit reads one row, not every unit', async () => {
    const daoDuc = await unitId(db, 'vn-2023', '00955');
    const plan = (await sql<{ 'QUERY PLAN': string }>`explain
      select tp.province_id from (values (${daoDuc}::int)) cases(location_unit_id)
      left join report_unit_province tp on tp.unit_id = cases.location_unit_id`.execute(db)).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).to.match(/Index Scan using report_unit_province_pkey/);
    expect(plan).not.to.match(/unit_cover/);
  });
});
