/**
 * Contacts on both sides of the 2025 reform around Vị Xuyên, on the real units and crosswalk (data/), for the
 * statistics across the reform. Period under test: 2025-01-01 … 2025-12-31. Crosswalk facts used (data/):
 *   old Xã Đạo Đức (vn-2023 00955, huyện Vị Xuyên, Hà Giang) → Xã Vị Xuyên (vn-2025 00913, Tuyên Quang), not divided;
 *   old Xã Việt Lâm (vn-2023 00967, huyện Vị Xuyên) divided between Xã Vị Xuyên and Xã Việt Lâm (vn-2025 00967);
 *   old Phường Phan Thiết (vn-2023 02200, Tuyên Quang) → Phường Minh Xuân (vn-2025 02215);
 *   Hà Giang (02) and Tuyên Quang (08) became Tuyên Quang (vn-2025 08).
 */
import type { Database } from '../../server/db/database.js';
import { ensureUnits } from '../support/demo-data.js';
import { clocks, contact, referral, vn } from './reports-fixture.js';

export const YEAR = { from: '2025-01-01', to: '2025-12-31' };

export async function unitId(db: Database, dataset: 'vn-2023' | 'vn-2025', code: string): Promise<number> {
  return (await db.selectFrom('admin_units').select('id').where('dataset', '=', dataset).where('code', '=', code).executeTakeFirstOrThrow()).id;
}

const victim = (sex: 'female' | 'male') => ({ sex, age: 16, band: '16-17', ethnicity: '08' as const, nationality: 'VN' });

/**
 *   kDaoDuc    2025-03-10 old Xã Đạo Đức            trafficking [forced_labour], 1 victim; referral r1 (clocks met ×3)
 *   kVietLam   2025-04-10 old Xã Việt Lâm (divided) suspected [forced_marriage], 1 victim
 *   kDistrict  2025-05-10 old huyện Vị Xuyên         trafficking [sexual_exploitation], 1 victim
 *   kPhanThiet 2025-06-10 old Phường Phan Thiết (TQ) other child protection, 1 victim
 *   kViXuyen   2025-08-10 Xã Vị Xuyên (2025)          trafficking [forced_labour], 2 victims; referral r2 (breached ×3)
 *   kLate      2025-09-10 old Xã Đạo Đức again (a caller names the old place after the reform), information
 *   kSonLa     2025-08-15 Phường Tô Hiệu (Sơn La, 2025) trafficking [forced_labour], 1 victim
 */
export async function loadReformFixture(db: Database) {
  await ensureUnits(db);
  const u = {
    tq2025: await unitId(db, 'vn-2025', '08'),
    viXuyen2025: await unitId(db, 'vn-2025', '00913'),
    vietLam2025: await unitId(db, 'vn-2025', '00967'),
    minhXuan2025: await unitId(db, 'vn-2025', '02215'),
    sonLa2025: await unitId(db, 'vn-2025', '14'),
    haGiang2023: await unitId(db, 'vn-2023', '02'),
    tq2023: await unitId(db, 'vn-2023', '08'),
    viXuyenDistrict2023: await unitId(db, 'vn-2023', '030'),
    daoDuc2023: await unitId(db, 'vn-2023', '00955'),
    vietLam2023: await unitId(db, 'vn-2023', '00967'),
    phanThiet2023: await unitId(db, 'vn-2023', '02200'),
    toHieu2025: await unitId(db, 'vn-2025', '03646'),
  };
  const report = { channel: 'voice' as const, callType: 'report' as const };
  const kDaoDuc = await contact(db, { ...report, at: vn('2025-03-10 09:00'), classification: 'trafficking', purposes: ['forced_labour'], unitId: u.daoDuc2023, victims: [victim('female')] });
  const kVietLam = await contact(db, { ...report, at: vn('2025-04-10 09:00'), classification: 'suspected_trafficking', purposes: ['forced_marriage'], unitId: u.vietLam2023, victims: [victim('female')] });
  const kDistrict = await contact(db, { ...report, at: vn('2025-05-10 09:00'), classification: 'trafficking', purposes: ['sexual_exploitation'], unitId: u.viXuyenDistrict2023, victims: [victim('male')] });
  const kPhanThiet = await contact(db, { channel: 'sms', callType: 'counselling', at: vn('2025-06-10 09:00'), classification: 'other_child_protection', unitId: u.phanThiet2023, victims: [victim('male')] });
  const kViXuyen = await contact(db, { ...report, at: vn('2025-08-10 09:00'), classification: 'trafficking', purposes: ['forced_labour'], unitId: u.viXuyen2025, victims: [victim('female'), victim('male')] });
  const kLate = await contact(db, { channel: 'zalo', callType: 'information', at: vn('2025-09-10 09:00'), classification: 'not_relevant', unitId: u.daoDuc2023 });
  const kSonLa = await contact(db, { ...report, at: vn('2025-08-15 09:00'), classification: 'trafficking', purposes: ['forced_labour'], unitId: u.toHieu2025, victims: [victim('female')] });
  const agency = (await db.insertInto('agencies').values({ code: 'rf-a1', name: 'Sở Y tế (bài kiểm thử)', type: 'provincial_department' }).returning('id').executeTakeFirstOrThrow()).id;
  const r1 = await referral(db, { contactId: kDaoDuc, agencyId: agency, status: 'closed', at: vn('2025-03-10 10:00'), ack: 0.5, firstAction: 2, close: 48, outcome: 'successful' });
  const r2 = await referral(db, { contactId: kViXuyen, agencyId: agency, status: 'accepted', at: vn('2025-08-10 10:00'), ack: 3 });
  await clocks(db, r1, vn('2025-03-10 10:00'), ['met', 'met', 'met']);
  await clocks(db, r2, vn('2025-08-10 10:00'), ['breached', 'breached', 'breached']);
  return { units: u, contacts: { kDaoDuc, kVietLam, kDistrict, kPhanThiet, kViXuyen, kLate, kSonLa } };
}
export type ReformFixture = Awaited<ReturnType<typeof loadReformFixture>>;
