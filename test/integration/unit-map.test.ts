import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { ValidationError } from '../../server/domain/errors.js';
import { ensureReferenceData, importReferenceFiles, readBundledFiles } from '../../server/domain/units/reference-data.js';
import { importCrosswalkCsv } from '../../server/domain/units/reference-import.js';
import { coversOf } from '../../server/domain/units/unit-cover.js';
import { scratchDatabase } from '../support/scratch-database.js';

const rows = (file: string) => readFileSync(`data/${file}`, 'utf8').trim().split(/\r?\n/).length - 1;

/** A checksum of everything the import writes, to tell "changed nothing" from "wrote the same again". */
async function fingerprint(db: Database): Promise<string> {
  const r = await sql<{ f: string }>`
    select md5(string_agg(x, '|' order by x)) as f from (
      select 'u' || id || dataset || code || name || coalesce(parent_id, 0) || ground_size || coalesce(path, '') || coalesce(lat::text, '')
             || coalesce(search_path, '') || xmin::text as x from admin_units
      union all select 's' || old_unit_id || '>' || new_unit_id || divided || xmin::text from admin_unit_successors
      union all select 'g' || unit_id || '>' || commune_id || xmin::text from unit_ground
      union all select 'c' || unit_id || '>' || cover_id || via_chain || xmin::text from unit_cover) t`.execute(db);
  return r.rows[0]!.f;
}

describe('administrative units: the nationwide lists, the 2025 crosswalk and points (one map)', function () {
  this.timeout(120_000);
  let db: Database;
  let drop: () => Promise<void>;
  const unit = (dataset: string, code: string) =>
    db.selectFrom('admin_units').selectAll().where('dataset', '=', dataset as 'vn-2023').where('code', '=', code).executeTakeFirstOrThrow();

  // The import runs as the owner (start-up, `npm run import:units`): the app role only reads units.
  before(async () => ({ owner: db, drop } = await scratchDatabase()));
  after(async () => drop());

  it('imports every file with as many rows as it holds', async () => {
    const reports = await ensureReferenceData(db);
    expect(reports!.map((r) => [r.name, r.total, r.inserted + r.updated])).to.deep.equal([
      ['vn-admin-units-2023.csv', rows('vn-admin-units-2023.csv'), 10_794],
      ['vn-admin-units-2025.csv', rows('vn-admin-units-2025.csv'), 3355],
      ['vn-admin-crosswalk-2023-2025.csv', rows('vn-admin-crosswalk-2023-2025.csv'), 10_602],
      ['vn-admin-places-2025.csv', rows('vn-admin-places-2025.csv'), 3355],
    ]);
    const count = async (t: 'admin_units' | 'admin_unit_successors') => Number((await db.selectFrom(t).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('admin_units')).to.equal(rows('vn-admin-units-2023.csv') + rows('vn-admin-units-2025.csv'));
    expect(await count('admin_unit_successors')).to.equal(rows('vn-admin-crosswalk-2023-2025.csv'));
    const withPoint = await sql<{ n: number }>`select count(*)::int as n from admin_units where dataset = 'vn-2025' and lat is not null`.execute(db);
    expect(withPoint.rows[0]!.n).to.equal(rows('vn-admin-places-2025.csv'));
  });

  it('changes nothing when the same files come again, and skips them at start-up', async () => {
    const before = await fingerprint(db);
    const reports = await importReferenceFiles(db, await readBundledFiles());
    for (const r of reports) expect([r.name, r.inserted, r.updated, r.deleted ?? 0]).to.deep.equal([r.name, 0, 0, 0]);
    expect(await fingerprint(db)).to.equal(before);
    expect(await ensureReferenceData(db)).to.equal(null);
  });

  it('gives every old commune a 2025 ground, and every unit a point and a full path', async () => {
    const orphans = await sql<{ n: number }>`select count(*)::int as n from admin_units where ground_size = 0 or lat is null or path is null`.execute(db);
    expect(orphans.rows[0]!.n).to.equal(0);
    expect((await unit('vn-2023', '00955')).path).to.equal('Xã Đạo Đức, huyện Vị Xuyên, Hà Giang');
    expect((await unit('vn-2025', '00913')).path).to.equal('Xã Vị Xuyên, Tuyên Quang');
  });

  it('covers an old commune with its successor, its old district and province, and the 2025 province', async () => {
    const daoDuc = await unit('vn-2023', '00955');
    const covers = (await coversOf(db, daoDuc.id)).map((u) => `${u.dataset}:${u.code}`);
    expect(covers[0]).to.equal('vn-2023:00955');
    expect(covers).to.include.members(['vn-2025:00913', 'vn-2023:030', 'vn-2023:02', 'vn-2025:08']);
    // Most specific first: the commune (ground of one 2025 commune) before the district, the district before the provinces.
    expect(covers.indexOf('vn-2025:00913')).to.be.below(covers.indexOf('vn-2023:030'));
    expect(covers.indexOf('vn-2023:030')).to.be.below(covers.indexOf('vn-2025:08'));
  });

  it('covers a divided old commune only with what all its parts share', async () => {
    const vietLam = await unit('vn-2023', '00967'); // → Xã Vị Xuyên and Xã Việt Lâm
    const covers = (await coversOf(db, vietLam.id)).map((u) => `${u.dataset}:${u.code}`);
    expect(covers).to.not.include('vn-2025:00913');
    expect(covers).to.not.include('vn-2025:00967');
    expect(covers).to.include.members(['vn-2023:030', 'vn-2025:08']);
  });

  it('covers a 2025 commune by the old units whose ground holds it: Phường Sóc Trăng lies in old Sóc Trăng', async () => {
    const ward = await unit('vn-2025', '31507');
    const covers = (await coversOf(db, ward.id)).map((u) => `${u.dataset}:${u.code}`);
    expect(covers).to.include.members(['vn-2025:31507', 'vn-2025:92', 'vn-2023:94']);
    expect(covers).to.not.include('vn-2023:92'); // old Cần Thơ city had none of it
  });

  it('refuses a crosswalk naming an unknown unit, naming the line, and writes nothing', async () => {
    const before = await fingerprint(db);
    const err = await importCrosswalkCsv(db, 'old_code,old_level,new_code,divided\n00955,commune,00913,false\n99999,commune,00913,false\n').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ValidationError);
    expect((err as Error).message).to.match(/line 3, old_code/);
    expect(await fingerprint(db)).to.equal(before);
  });
});
