/**
 * Generates server/seed/demo-seed.json from the GSO unit lists in data/: re-run after changing either.
 * Three-tier agencies (vn-2023) for the four provinces of the source documents, plus a few
 * two-tier (vn-2025) agencies for Tuyên Quang, which absorbed Hà Giang on 1 July 2025.
 *   npx tsx scripts/generate-demo-seed.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OFFICE_HOURS, type SupportRegime } from '../shared/index.js';
import { parseUnitsCsv, type UnitCsvRow } from '../server/domain/units/units-csv.js';
import { seedFile, type SeedAgency, type SeedUser } from '../server/domain/seed/seed-file.schema.js';

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const units2023 = parseUnitsCsv(readFileSync(root('data/vn-admin-units-2023-seed-provinces.csv'), 'utf8'));
const units2025 = parseUnitsCsv(readFileSync(root('data/vn-admin-units-2025.csv'), 'utf8'));

type Agency = Omit<SeedAgency, 'parentAgencyId'>;
const DEMO_PASSWORD = 'hotline111-demo';
const ALL_SERVICES: SupportRegime[] = ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k'];
const H24 = { mode: '24x7' } as const;

const PROVINCES: Record<string, { slug: string; shelter: { name: string; capacity: number; occupancy: number }; borderGuard: boolean }> = {
  '02': { slug: 'ha-giang', shelter: { name: 'Trung tâm Công tác xã hội tỉnh Hà Giang', capacity: 30, occupancy: 4 }, borderGuard: true }, // China border
  '08': { slug: 'tuyen-quang', shelter: { name: 'Trung tâm Công tác xã hội tỉnh Tuyên Quang', capacity: 25, occupancy: 3 }, borderGuard: false },
  '14': { slug: 'son-la', shelter: { name: 'Trung tâm Công tác xã hội tỉnh Sơn La', capacity: 40, occupancy: 6 }, borderGuard: true }, // Laos border
  '94': { slug: 'soc-trang', shelter: { name: 'Trung tâm Bảo trợ xã hội tỉnh Sóc Trăng', capacity: 20, occupancy: 2 }, borderGuard: true }, // coastal command
};

// Clearly fake numbers: +84 20000 then the agency's sequence, never a real subscriber.
let phoneSeq = 0;
const fakePhone = () => `+8420000${String(++phoneSeq).padStart(5, '0')}`;
const plainName = (name: string) => name.replace(/^(Tỉnh|Thành phố) /, '');
// Inside an agency name the unit's kind is lower-case: "Phòng … huyện Vị Xuyên", "UBND xã Vị Xuyên".
const inName = (unitName: string) => unitName.replace(/^(Huyện|Thành phố|Thị xã|Thị trấn|Xã|Phường)/, (k) => k.toLowerCase());

function base(code: string, name: string, type: Agency['type'], parentCode: string | null, coverage: Agency['coverage']): Agency {
  return {
    code, name, type, parentCode, coverage,
    services: [], focalPhones: [fakePhone()], calendar: H24, shelter: null, active: true,
  };
}

function provinceAgencies(p: UnitCsvRow): Agency[] {
  const cfg = PROVINCES[p.code]!;
  const province = plainName(p.name);
  const cover = [{ dataset: 'vn-2023' as const, code: p.code }];
  const dept = `${cfg.slug}-department`;
  const out: Agency[] = [
    { ...base(dept, `Sở Lao động - Thương binh và Xã hội tỉnh ${province}`, 'provincial_department', null, cover), services: ALL_SERVICES, calendar: OFFICE_HOURS },
    {
      ...base(`${cfg.slug}-shelter`, cfg.shelter.name, 'shelter', dept, cover),
      services: ['a', 'b', 'c', 'd', 'g', 'h'],
      // Takes children and adults of either sex: the only provincial place of safety for both groups.
      shelter: { acceptedSexes: ['female', 'male'], ageMin: 0, ageMax: 120, capacity: cfg.shelter.capacity, occupancy: cfg.shelter.occupancy },
    },
    base(`${cfg.slug}-police`, `Công an tỉnh ${province}`, 'police', null, cover),
  ];
  if (cfg.borderGuard) out.push(base(`${cfg.slug}-border-guard`, `Bộ đội Biên phòng tỉnh ${province}`, 'border_guard', null, cover));
  for (const d of units2023.filter((u) => u.level === 'district' && u.parentCode === p.code)) {
    out.push({
      ...base(`${cfg.slug}-district-${d.code}-labour`, `Phòng Lao động - Thương binh và Xã hội ${inName(d.name)}`, 'district_office', dept, [
        { dataset: 'vn-2023', code: d.code },
      ]),
      services: ['a', 'b', 'd', 'g'],
      calendar: OFFICE_HOURS,
    });
  }
  return out;
}

/** Since 2025: social protection sits with the provincial health department and commune committees. */
function tuyenQuang2025(): Agency[] {
  const dept = 'tuyen-quang-2025-health';
  const communes = ['00913', '00694'].map((code) => {
    const u = units2025.find((x) => x.code === code && x.parentCode === '08');
    if (!u) throw new Error(`commune ${code} of Tuyên Quang missing from the 2025 list`);
    return u;
  });
  return [
    { ...base(dept, 'Sở Y tế tỉnh Tuyên Quang', 'provincial_department', null, [{ dataset: 'vn-2025', code: '08' }]), services: ALL_SERVICES, calendar: OFFICE_HOURS },
    ...communes.map((c) => ({
      ...base(`tuyen-quang-2025-commune-${c.code}`, `UBND ${inName(c.name)}`, 'commune_committee', dept, [
        { dataset: 'vn-2025' as const, code: c.code },
      ]),
      services: ['a', 'd', 'g'] as SupportRegime[],
      calendar: OFFICE_HOURS,
    })),
  ];
}

const user = (username: string, displayName: string, role: SeedUser['role'], agencyCode: string | null): Omit<SeedUser, 'phone'> => ({
  username, displayName, role, agencyCode, password: DEMO_PASSWORD, locale: 'vi',
});

const agencies = [...units2023.filter((u) => u.level === 'province').flatMap(provinceAgencies), ...tuyenQuang2025()];
const users = [
  user('operator', 'Nguyễn Thị Lan', 'operator', null),
  user('supervisor', 'Trần Văn Minh', 'supervisor', null),
  user('vixuyen', 'Hoàng Văn Dũng', 'agency_officer', 'ha-giang-district-030-labour'),
  user('shelter', 'Lò Thị Mai', 'agency_officer', 'ha-giang-shelter'),
  user('hagiang', 'Vàng Thị Hoa', 'agency_officer', 'ha-giang-department'),
  user('admin', 'Quản trị hệ thống', 'admin', null),
];
for (const u of users)
  if (u.agencyCode && !agencies.some((a) => a.code === u.agencyCode)) throw new Error(`user ${u.username}: no agency ${u.agencyCode}`);

seedFile.parse({ agencies, users }); // never write a file the importer would refuse
const out = root('server/seed/demo-seed.json');
// One record a line: readable diffs when the unit lists or the generator change.
const list = (items: unknown[]) => items.map((x) => `    ${JSON.stringify(x)}`).join(',\n');
writeFileSync(out, `{\n  "agencies": [\n${list(agencies)}\n  ],\n  "users": [\n${list(users)}\n  ]\n}\n`);
console.log(`wrote ${agencies.length} agencies and ${users.length} users to ${out}`);
