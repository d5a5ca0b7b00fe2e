import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Database } from '../../server/db/database.js';
import { verifyPassword } from '../../server/domain/auth/passwords.js';
import { ValidationError } from '../../server/domain/errors.js';
import { importSeed } from '../../server/domain/seed/seed-import.js';
import { importUnitsCsv } from '../../server/domain/units/units-import.js';
import { createLogger } from '../../server/logger.js';
import { loadDemoDataIfEmpty } from '../../server/seed/demo-data.js';
import { scratchDatabase } from '../support/scratch-database.js';

const demoSeed = JSON.parse(readFileSync('server/seed/demo-seed.json', 'utf8'));
const log = createLogger('test', { silent: true });

describe('seed import', () => {
  describe('the demo seed file', () => {
    let db: Database;
    let drop: () => Promise<void>;
    before(async () => {
      ({ db, drop } = await scratchDatabase());
      await importUnitsCsv(db, readFileSync('data/vn-admin-units-2023-seed-provinces.csv', 'utf8'), 'vn-2023');
      await importUnitsCsv(db, readFileSync('data/vn-admin-units-2025.csv', 'utf8'), 'vn-2025');
    });
    after(async () => drop());

    const agency = (code: string) => db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    const user = (username: string) => db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();

    it('imports every agency and user, then changes nothing on a second run', async () => {
      expect(await importSeed(db, demoSeed)).to.deep.equal({
        agencies: { inserted: 59, updated: 0, unchanged: 0 },
        users: { inserted: 6, updated: 0, unchanged: 0 },
      });
      expect(await importSeed(db, demoSeed)).to.deep.equal({
        agencies: { inserted: 0, updated: 0, unchanged: 59 },
        users: { inserted: 0, updated: 0, unchanged: 6 },
      });
      const districtOffices = await db.selectFrom('agencies').select('id').where('type', '=', 'district_office').execute();
      expect(districtOffices).to.have.length(41);
    });

    it('binds the Vị Xuyên officer to the office covering district 030, under the provincial department', async () => {
      const office = await agency('ha-giang-district-030-labour');
      expect(office.name).to.equal('Phòng Lao động - Thương binh và Xã hội huyện Vị Xuyên');
      expect((await user('vixuyen')).agency_id).to.equal(office.id);
      expect(office.parent_agency_id).to.equal((await agency('ha-giang-department')).id);
      const covered = await db.selectFrom('agency_units as au').innerJoin('admin_units as u', 'u.id', 'au.unit_id')
        .select(['u.dataset', 'u.code']).where('au.agency_id', '=', office.id).execute();
      expect(covered).to.deep.equal([{ dataset: 'vn-2023', code: '030' }]);
      expect((await user('shelter')).agency_id).to.equal((await agency('ha-giang-shelter')).id);
    });

    it('hashes passwords that verify', async () => {
      for (const username of ['operator', 'supervisor', 'vixuyen', 'shelter', 'hagiang', 'admin']) {
        const u = await user(username);
        expect(u.password_hash).not.to.include('hotline111-demo');
        expect(await verifyPassword(u.password_hash, 'hotline111-demo'), username).to.equal(true);
      }
    });

    it('updates changed agencies and users but never an existing password', async () => {
      const changed = structuredClone(demoSeed);
      changed.agencies.find((a: any) => a.code === 'ha-giang-police').name = 'Công an tỉnh Hà Giang (đổi tên)';
      Object.assign(changed.users.find((u: any) => u.username === 'operator'), { displayName: 'Nguyễn Thị Lan (ca đêm)', password: 'another-password' });
      expect(await importSeed(db, changed)).to.deep.equal({
        agencies: { inserted: 0, updated: 1, unchanged: 58 },
        users: { inserted: 0, updated: 1, unchanged: 5 },
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
    let db: Database;
    let drop: () => Promise<void>;
    before(async () => ({ db, drop } = await scratchDatabase()));
    after(async () => drop());

    it('loads units, agencies and users into an empty database, and returns null the second time', async () => {
      const logins = await loadDemoDataIfEmpty(db, log);
      expect(logins?.map((l) => l.username)).to.deep.equal(['operator', 'supervisor', 'vixuyen', 'shelter', 'hagiang', 'admin']);
      expect(logins?.every((l) => l.password === 'hotline111-demo' && l.description.length > 0)).to.equal(true);
      const units = await db.selectFrom('admin_units').select('id').execute();
      expect(units).to.have.length(683 + 3355);
      expect(await loadDemoDataIfEmpty(db, log)).to.equal(null);
    });
  });
});
