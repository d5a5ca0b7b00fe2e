import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Database } from '../../server/db/database.js';
import { verifyPassword } from '../../server/domain/auth/passwords.js';
import { ValidationError } from '../../server/domain/errors.js';
import { importSeed } from '../../server/domain/seed/seed-import.js';
import { createLogger } from '../../server/logger.js';
import { loadDemoDataIfEmpty } from '../../server/seed/demo-data.js';
import { ensureUnits } from '../support/demo-data.js';
import { scratchDatabase } from '../support/scratch-database.js';

const demoSeed = JSON.parse(readFileSync('server/seed/demo-seed.json', 'utf8'));
const log = createLogger('test', { silent: true });

describe('seed import', () => {
  describe('the demo seed file', () => {
    let db: Database;
    let drop: () => Promise<void>;
    before(async () => {
      ({ db, drop } = await scratchDatabase());
      await ensureUnits(db);
    });
    after(async () => drop());

    const agency = (code: string) => db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    const user = (username: string) => db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();

    const agencies = demoSeed.agencies.length;
    const users = demoSeed.users.length;

    it('imports every agency and user, then changes nothing on a second run', async () => {
      expect(await importSeed(db, demoSeed)).to.deep.equal({
        agencies: { inserted: agencies, updated: 0, unchanged: 0 },
        users: { inserted: users, updated: 0, unchanged: 0 },
      });
      expect(await importSeed(db, demoSeed)).to.deep.equal({
        agencies: { inserted: 0, updated: 0, unchanged: agencies },
        users: { inserted: 0, updated: 0, unchanged: users },
      });
    });

    it("lists today's agencies of all 34 provinces, and the source documents' district offices until 30 June 2025", async () => {
      const perProvince = await db
        .selectFrom('agencies as a').innerJoin('agency_units as au', 'au.agency_id', 'a.id').innerJoin('admin_units as u', 'u.id', 'au.unit_id')
        .select(['a.type', (e) => e.fn.count<number>('u.code').distinct().as('provinces')])
        .where('u.dataset', '=', 'vn-2025').where('u.level', '=', 'province').where('a.valid_to', 'is', null)
        .groupBy('a.type').execute();
      expect(Object.fromEntries(perProvince.map((r) => [r.type, Number(r.provinces)]))).to.deep.equal({
        police: 34, provincial_department: 34, shelter: 34, border_guard: 30,
      });
      const shelters = await db.selectFrom('agencies').selectAll().where('type', '=', 'shelter').execute();
      for (const s of shelters) expect(s.shelter_capacity, s.code).to.be.above(0);
      const communes = await db.selectFrom('agencies').select(['valid_from', 'valid_to']).where('type', '=', 'commune_committee').execute();
      expect(communes).to.have.length(124 + 75 + 103); // Tuyên Quang, Sơn La and Cần Thơ today
      expect(communes.every((c) => c.valid_from === '2025-07-01' && c.valid_to === null)).to.equal(true);
      const offices = await db.selectFrom('agencies').select('valid_to').where('type', '=', 'district_office').execute();
      expect(offices).to.have.length(41);
      expect(offices.every((o) => o.valid_to === '2025-06-30')).to.equal(true);
    });

    it('binds each demo officer to their agency: a commune committee, police, a shelter, a department and Border Guard', async () => {
      const committee = await agency('tuyen-quang-commune-00913');
      expect(committee.name).to.equal('UBND xã Vị Xuyên');
      expect(committee.parent_agency_id).to.equal((await agency('tuyen-quang-health')).id);
      const covered = await db.selectFrom('agency_units as au').innerJoin('admin_units as u', 'u.id', 'au.unit_id')
        .select(['u.dataset', 'u.code']).where('au.agency_id', '=', committee.id).execute();
      expect(covered).to.deep.equal([{ dataset: 'vn-2025', code: '00913' }]);
      const bound = { vixuyen: 'tuyen-quang-commune-00913', congan: 'tuyen-quang-police', shelter: 'ha-giang-shelter', tuyenquang: 'tuyen-quang-health', bienphong: 'tuyen-quang-border-guard' };
      for (const [username, code] of Object.entries(bound)) expect((await user(username)).agency_id, username).to.equal((await agency(code)).id);
      // The Hà Giang centre sits in Phường Hà Giang 1 (distances are measured from there).
      const seat = await db.selectFrom('admin_units').select('code').where('id', '=', (await agency('ha-giang-shelter')).seat_unit_id!).executeTakeFirstOrThrow();
      expect(seat.code).to.equal('00694');
    });

    it('hashes passwords that verify', async () => {
      for (const username of ['operator', 'supervisor', 'vixuyen', 'congan', 'shelter', 'tuyenquang', 'bienphong', 'admin']) {
        const u = await user(username);
        expect(u.password_hash).not.to.include('hotline111-demo');
        expect(await verifyPassword(u.password_hash, 'hotline111-demo'), username).to.equal(true);
      }
    });

    it('updates changed agencies and users but never an existing password', async () => {
      const changed = structuredClone(demoSeed);
      changed.agencies.find((a: any) => a.code === 'ha-giang-2023-police').name = 'Công an tỉnh Hà Giang (đổi tên)';
      Object.assign(changed.users.find((u: any) => u.username === 'operator'), { displayName: 'Nguyễn Thị Lan (ca đêm)', password: 'another-password' });
      expect(await importSeed(db, changed)).to.deep.equal({
        agencies: { inserted: 0, updated: 1, unchanged: agencies - 1 },
        users: { inserted: 0, updated: 1, unchanged: users - 1 },
      });
      const op = await user('operator');
      expect(op.display_name).to.equal('Nguyễn Thị Lan (ca đêm)');
      expect(await verifyPassword(op.password_hash, 'hotline111-demo')).to.equal(true);
      await importSeed(db, demoSeed);
    });

    it('accepts a parent later in the file, and refuses an unknown parent or a cycle, writing nothing', async () => {
      const a = (code: string, parentCode: string | null) => ({ code, name: `Agency ${code}`, type: 'ngo', parentCode });
      expect((await importSeed(db, { agencies: [a('ngo-child', 'ngo-parent'), a('ngo-parent', null)] })).agencies.inserted).to.equal(2);
      const count = async () => (await db.selectFrom('agencies').select('id').execute()).length;
      const before = await count();
      for (const [seed, field] of [
        [{ agencies: [a('ngo-x', 'ngo-missing')] }, 'agencies.0.parentCode'],
        [{ agencies: [a('ngo-parent', 'ngo-child')] }, 'agencies.0.parentCode'],
        [{ agencies: [{ ...a('ngo-y', null), coverage: [{ dataset: 'vn-2025', code: '99999' }] }] }, 'agencies.0.coverage.0'],
        [{ users: [{ username: 'x-officer', displayName: 'X', role: 'agency_officer', password: 'long-enough-1' }] }, 'users.0.agencyCode'],
      ] as const) {
        const err = await importSeed(db, seed).catch((e: unknown) => e);
        expect(err, field).to.be.instanceOf(ValidationError);
        expect((err as ValidationError).fields).to.have.property(field);
      }
      expect(await count()).to.equal(before);
      expect((await agency('ngo-parent')).parent_agency_id).to.equal(null);
    });
  });

  describe('loadDemoDataIfEmpty', () => {
    const dev = { NODE_ENV: 'development', DEMO_DATA: 'auto' };
    let db: Database;
    let drop: () => Promise<void>;
    before(async () => ({ db, drop } = await scratchDatabase()));
    after(async () => drop());

    it('loads agencies and users into an empty database (the units are reference data, there already), and returns null the second time', async () => {
      await ensureUnits(db);
      expect(await loadDemoDataIfEmpty(db, log, { NODE_ENV: 'production', DEMO_DATA: 'auto' })).to.equal(null);
      expect(await db.selectFrom('users').select('id').execute(), 'no demo users with NODE_ENV=production').to.have.length(0);
      const logins = await loadDemoDataIfEmpty(db, log, dev);
      expect(logins?.map((l) => l.username)).to.deep.equal(['operator', 'supervisor', 'vixuyen', 'congan', 'shelter', 'tuyenquang', 'bienphong', 'admin']);
      expect(logins?.every((l) => l.password === 'hotline111-demo' && l.description.length > 0)).to.equal(true);
      expect(await db.selectFrom('agencies').select('id').execute()).to.have.length(demoSeed.agencies.length);
      expect(await loadDemoDataIfEmpty(db, log, dev)).to.equal(null);
    });
  });
});
