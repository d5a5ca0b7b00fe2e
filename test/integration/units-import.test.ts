import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { UnitDataset } from '../../shared/index.js';
import type { Database } from '../../server/db/database.js';
import { ValidationError } from '../../server/domain/errors.js';
import { datasetFromFileName, importUnitsCsv } from '../../server/domain/units/units-import.js';
import { listUnits } from '../../server/domain/units/units.repo.js';
import { scratchDatabase } from '../support/scratch-database.js';

const csv2023 = readFileSync('data/vn-admin-units-2023.csv', 'utf8');
const csv2025 = readFileSync('data/vn-admin-units-2025.csv', 'utf8');

describe('administrative units: CSV import', () => {
  let db: Database;
  let drop: () => Promise<void>;
  // The import runs as the owner (start-up, `npm run import:units`): the app role only reads units.
  before(async () => ({ owner: db, drop } = await scratchDatabase()));
  after(async () => drop());

  const perLevel = async (dataset: UnitDataset) =>
    Object.fromEntries(
      (await db.selectFrom('admin_units').select(['level', (e) => e.fn.countAll<number>().as('n')]).where('dataset', '=', dataset).groupBy('level').execute())
        .map((r) => [r.level, Number(r.n)]),
    );
  const total = async () => Number((await db.selectFrom('admin_units').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  const fileRows = (csv: string) => csv.trim().split(/\r?\n/).length - 1;

  it('imports both datasets nationwide with the right counts per level, once', async () => {
    expect(fileRows(csv2023)).to.equal(10_794);
    expect(await importUnitsCsv(db, csv2023, 'vn-2023')).to.deep.equal({ total: 10_794, inserted: 10_794, updated: 0, unchanged: 0 });
    expect(await importUnitsCsv(db, csv2025, 'vn-2025')).to.deep.equal({ total: 3355, inserted: 3355, updated: 0, unchanged: 0 });
    expect(await perLevel('vn-2023')).to.deep.equal({ province: 63, district: 696, commune: 10_035 });
    expect(await perLevel('vn-2025')).to.deep.equal({ province: 34, commune: 3321 });
  });

  it('is idempotent: a second run inserts and updates nothing', async () => {
    const before = await total();
    expect(await importUnitsCsv(db, csv2023, 'vn-2023')).to.deep.equal({ total: 10_794, inserted: 0, updated: 0, unchanged: 10_794 });
    expect(await importUnitsCsv(db, csv2025, 'vn-2025')).to.include({ inserted: 0, updated: 0, unchanged: 3355 });
    expect(await total()).to.equal(before);
  });

  it('counts a renamed unit as updated', async () => {
    const renamed = csv2023.replace('district,030,Huyện Vị Xuyên,02', 'district,030,Huyện Vị Xuyên (cũ),02');
    expect(await importUnitsCsv(db, renamed, 'vn-2023')).to.include({ inserted: 0, updated: 1, unchanged: 10_793 });
    expect(await importUnitsCsv(db, csv2023, 'vn-2023')).to.include({ updated: 1 });
  });

  it('keeps codes as text with leading zeros, and sets validity dates', async () => {
    const rows = await db.selectFrom('admin_units').selectAll().where('dataset', '=', 'vn-2023').where('code', 'in', ['02', '030', '00688']).orderBy('code').execute();
    expect(rows.map((r) => r.code)).to.deep.equal(['00688', '02', '030']);
    for (const r of rows) expect(r.code).to.be.a('string');
    expect(rows[0]).to.include({ valid_from: null, valid_to: '2025-06-30' });
    const hn = await db.selectFrom('admin_units').selectAll().where('dataset', '=', 'vn-2025').where('code', '=', '01').executeTakeFirstOrThrow();
    expect(hn).to.include({ level: 'province', valid_from: '2025-07-01', valid_to: null });
  });

  it('links parents within the same dataset (commune 00913 → district 030 → province 02)', async () => {
    const unit = (dataset: UnitDataset, code: string) =>
      db.selectFrom('admin_units').selectAll().where('dataset', '=', dataset).where('code', '=', code).executeTakeFirstOrThrow();
    const commune = await unit('vn-2023', '00913');
    const district = await db.selectFrom('admin_units').selectAll().where('id', '=', commune.parent_id!).executeTakeFirstOrThrow();
    const province = await db.selectFrom('admin_units').selectAll().where('id', '=', district.parent_id!).executeTakeFirstOrThrow();
    expect([district.dataset, district.code, district.name]).to.deep.equal(['vn-2023', '030', 'Huyện Vị Xuyên']);
    expect([province.code, province.parent_id]).to.deep.equal(['02', null]);
    // The same code in 2025 (Xã Vị Xuyên) hangs directly under Tuyên Quang, not under a 2023 unit.
    const c2025 = await unit('vn-2025', '00913');
    const p2025 = await db.selectFrom('admin_units').selectAll().where('id', '=', c2025.parent_id!).executeTakeFirstOrThrow();
    expect([p2025.dataset, p2025.code]).to.deep.equal(['vn-2025', '08']);
  });

  it('searches by name without accents, filtered by dataset, parent and level', async () => {
    const found = await listUnits(db, { dataset: 'vn-2023', q: 'vi xuyen', limit: 10 });
    expect(found.map((u) => u.code)).to.include.members(['030', '00913']);
    const districts = await listUnits(db, { dataset: 'vn-2023', parent: '02', level: 'district', limit: 100 });
    expect(districts).to.have.length(11);
    const { id, ...first } = districts[0]!;
    expect(first).to.deep.equal({ dataset: 'vn-2023', code: '024', level: 'district', name: 'Thành phố Hà Giang', parentCode: '02', path: 'Thành phố Hà Giang' });
    expect(id).to.equal((await db.selectFrom('admin_units').select('id').where('dataset', '=', 'vn-2023').where('code', '=', '024').executeTakeFirstOrThrow()).id);
  });

  describe('refuses a malformed file, naming the line, and writes nothing', () => {
    const cases: [string, string, RegExp][] = [
      ['a bad header', 'lvl,code,name,parent\nprovince,97,Tỉnh Thử,\n', /line 1, header/],
      ['a non-digit code', 'level,code,name,parent_code\nprovince,97,Tỉnh Thử,\r\ndistrict,9A1,Huyện Thử,97\n', /line 3, code/],
      ['an unknown parent', 'level,code,name,parent_code\nprovince,97,Tỉnh Thử,\ncommune,99901,Xã Thử,99999\n', /line 3, parent_code: unknown parent 99999/],
      ['levels that do not nest', 'level,code,name,parent_code\nprovince,97,Tỉnh Thử,\ndistrict,971,Huyện A,97\ndistrict,972,Huyện B,971\n', /line 4, parent_code/],
      ['a duplicate code', 'level,code,name,parent_code\nprovince,97,Tỉnh Thử,\nprovince,97,Tỉnh Thử,\n', /line 3, code/],
    ];
    for (const [what, csv, message] of cases)
      it(what, async () => {
        const before = await total();
        const err = await importUnitsCsv(db, csv, 'vn-2025').catch((e: unknown) => e);
        expect(err).to.be.instanceOf(ValidationError);
        expect((err as Error).message).to.match(message);
        expect(await total()).to.equal(before);
      });
  });

  it('accepts a parent already stored in the dataset, quoted fields and CRLF', async () => {
    const csv = 'level,code,name,parent_code\r\ncommune,"99990","Xã Thử, mới",08\r\n';
    expect(await importUnitsCsv(db, csv, 'vn-2025')).to.include({ inserted: 1 });
    const u = await db.selectFrom('admin_units').selectAll().where('dataset', '=', 'vn-2025').where('code', '=', '99990').executeTakeFirstOrThrow();
    expect(u.name).to.equal('Xã Thử, mới');
    expect(u.parent_id).to.be.a('number');
  });

  it('infers the dataset from the file name', () => {
    expect(datasetFromFileName('data/vn-admin-units-2025.csv')).to.equal('vn-2025');
    expect(datasetFromFileName('/x/vn-admin-units-2023.csv')).to.equal('vn-2023');
    expect(datasetFromFileName('units.csv')).to.equal(null);
  });
});
