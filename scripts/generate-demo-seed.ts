/**
 * Generates server/seed/demo-seed.json from data/: re-run after changing the unit lists or vn-agencies-2025.json.
 *   npx tsx scripts/generate-demo-seed.ts
 *
 * Today's map (since 1 July 2025), for all 34 provinces (data/vn-agencies-2025.json): the provincial police, the
 * Department of Health (social and child protection), a social work centre, the Border Guard of every province with a
 * land border or a coast, and the commune committees of the 2025 provinces of the four seed provinces.
 * History (data/vn-agencies-2023.json), until 30 June 2025: the labour department, police and Border Guard of each of
 * the 63 provinces, and the source documents' district labour offices in the four seed provinces (Hà Giang, Tuyên
 * Quang, Sơn La, Sóc Trăng). A province's police from 1 July 2025 is a record of its own (its ground changed). The
 * Hà Giang and Sóc Trăng centres go on serving their old ground.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OFFICE_HOURS, bareUnitName, lowerKind, type SupportRegime } from '../shared/index.js';
import { parseUnitsCsv } from '../server/domain/units/units-csv.js';
import { seedFile, type SeedAgency, type SeedUser } from '../server/domain/seed/seed-file.schema.js';

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const units2023 = parseUnitsCsv(readFileSync(root('data/vn-admin-units-2023.csv'), 'utf8'));
const units2025 = parseUnitsCsv(readFileSync(root('data/vn-admin-units-2025.csv'), 'utf8'));
const today = JSON.parse(readFileSync(root('data/vn-agencies-2025.json'), 'utf8')) as { provinces: ProvinceEntry[] };

interface ProvinceEntry {
  province: string;
  slug: string;
  police: string;
  department: string;
  shelters: { name: string; seat: string | null; acceptedSexes: ('female' | 'male')[]; ageMin: number; ageMax: number; capacity: number; occupancy: number }[];
  borderGuard: string | null;
}

type Agency = Omit<SeedAgency, 'parentAgencyId'>;
const DEMO_PASSWORD = 'hotline111-demo';
const ALL_SERVICES: SupportRegime[] = ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k'];
const SHELTER_SERVICES: SupportRegime[] = ['a', 'b', 'c', 'd', 'g', 'h'];
const OLD_END = '2025-06-30';
const NEW_START = '2025-07-01';
/** The 2025 provinces whose commune committees the demo lists: those of the four seed provinces. */
const COMMUNE_PROVINCES = ['08', '14', '92'];

// Clearly fake numbers: +84 20000 then the agency's sequence, never a real subscriber.
let phoneSeq = 0;
const fakePhone = () => `+8420000${String(++phoneSeq).padStart(5, '0')}`;
const v2023 = (code: string) => ({ dataset: 'vn-2023' as const, code });
const v2025 = (code: string) => ({ dataset: 'vn-2025' as const, code });

function agency(code: string, name: string, type: Agency['type'], parentCode: string | null, coverage: Agency['coverage'], extra: Partial<Agency> = {}): Agency {
  return {
    code, name, type, parentCode, coverage, services: [], focalPhones: [fakePhone()], calendar: { mode: '24x7' }, shelter: null,
    active: true, validFrom: null, validTo: null, seat: null, ...extra,
  };
}

function todaysAgencies(p: ProvinceEntry): Agency[] {
  const health = `${p.slug}-health`;
  const out: Agency[] = [
    agency(`${p.slug}-police`, p.police, 'police', null, [v2025(p.province)], { validFrom: NEW_START }),
    agency(health, p.department, 'provincial_department', null, [v2025(p.province)], { services: ALL_SERVICES, calendar: OFFICE_HOURS, validFrom: NEW_START }),
    ...p.shelters.map((s, i) =>
      agency(`${p.slug}-shelter${i ? `-${i + 1}` : ''}`, s.name, 'shelter', health, [v2025(p.province)], {
        services: SHELTER_SERVICES,
        seat: s.seat ? v2025(s.seat) : null,
        shelter: { acceptedSexes: s.acceptedSexes, ageMin: s.ageMin, ageMax: s.ageMax, capacity: s.capacity, occupancy: s.occupancy },
      })),
  ];
  if (p.borderGuard) out.push(agency(`${p.slug}-border-guard`, p.borderGuard, 'border_guard', null, [v2025(p.province)], { validFrom: NEW_START }));
  if (COMMUNE_PROVINCES.includes(p.province))
    for (const c of units2025.filter((u) => u.level === 'commune' && u.parentCode === p.province))
      out.push(agency(`${p.slug}-commune-${c.code}`, `UBND ${lowerKind(c.name)}`, 'commune_committee', health, [v2025(c.code)], {
        services: ['a', 'd', 'g'], calendar: OFFICE_HOURS, validFrom: NEW_START,
      }));
  return out;
}

interface OldProvince {
  province: string;
  name: string;
  border: string | null;
}
const before = JSON.parse(readFileSync(root('data/vn-agencies-2023.json'), 'utf8')) as { provinces: OldProvince[] };

/** "Tỉnh Hà Giang" → "ha-giang" (codes of the agencies of the three-tier structure: `<slug>-2023-police`…). */
const slugOf = (name: string) =>
  bareUnitName(name).normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const kindOf = (name: string) => (name.startsWith('Thành phố') ? 'thành phố' : 'tỉnh');

/** The source documents' provinces: their district labour offices, and the centres of the two that merged away. */
const SEED_OLD: Record<string, { shelter?: { name: string; seat: string; capacity: number; occupancy: number; parent: string } }> = {
  '02': { shelter: { name: 'Trung tâm Công tác xã hội tỉnh Hà Giang', seat: '00694', capacity: 30, occupancy: 4, parent: 'tuyen-quang-health' } },
  '08': {},
  '14': {},
  '94': { shelter: { name: 'Trung tâm Bảo trợ xã hội tỉnh Sóc Trăng', seat: '31507', capacity: 20, occupancy: 2, parent: 'can-tho-health' } },
};

/**
 * Every province of the three-tier structure until 30 June 2025: its labour department, police and Border Guard; in
 * the four seed provinces, the district labour offices too. The Hà Giang and Sóc Trăng centres still stand and still
 * serve their old ground (open-ended), under the department of the province they joined.
 */
function historicAgencies(p: OldProvince): Agency[] {
  const slug = `${slugOf(p.name)}-2023`;
  const place = `${kindOf(p.name)} ${bareUnitName(p.name)}`;
  const dept = `${slug}-department`;
  const ended = { validTo: OLD_END };
  const cover = [v2023(p.province)];
  const out: Agency[] = [
    agency(dept, `Sở Lao động - Thương binh và Xã hội ${place}`, 'provincial_department', null, cover, { services: ALL_SERVICES, calendar: OFFICE_HOURS, ...ended }),
    agency(`${slug}-police`, `Công an ${place}`, 'police', null, cover, ended),
  ];
  if (p.border) out.push(agency(`${slug}-border-guard`, `Bộ Chỉ huy Bộ đội Biên phòng ${place}`, 'border_guard', null, cover, ended));
  const seed = SEED_OLD[p.province];
  if (!seed) return out;
  if (seed.shelter)
    out.push(agency(`${slugOf(p.name)}-shelter`, seed.shelter.name, 'shelter', seed.shelter.parent, cover, {
      services: SHELTER_SERVICES, seat: v2025(seed.shelter.seat),
      shelter: { acceptedSexes: ['female', 'male'], ageMin: 0, ageMax: 120, capacity: seed.shelter.capacity, occupancy: seed.shelter.occupancy },
    }));
  for (const d of units2023.filter((u) => u.level === 'district' && u.parentCode === p.province))
    out.push(agency(`${slugOf(p.name)}-district-${d.code}-labour`, `Phòng Lao động - Thương binh và Xã hội ${lowerKind(d.name)}`, 'district_office', dept, [v2023(d.code)], {
      services: ['a', 'b', 'd', 'g'], calendar: OFFICE_HOURS, ...ended,
    }));
  return out;
}

const user = (username: string, displayName: string, role: SeedUser['role'], agencyCode: string | null): Omit<SeedUser, 'phone'> => ({
  username, displayName, role, agencyCode, password: DEMO_PASSWORD, locale: 'vi',
});

const agencies = [...today.provinces.flatMap(todaysAgencies), ...before.provinces.flatMap(historicAgencies)];
const users = [
  user('operator', 'Nguyễn Thị Lan', 'operator', null),
  user('supervisor', 'Trần Văn Minh', 'supervisor', null),
  user('vixuyen', 'Hoàng Văn Dũng', 'agency_officer', 'tuyen-quang-commune-00913'),
  user('congan', 'Đặng Quốc Huy', 'agency_officer', 'tuyen-quang-police'),
  user('shelter', 'Lò Thị Mai', 'agency_officer', 'ha-giang-shelter'),
  user('tuyenquang', 'Vàng Thị Hoa', 'agency_officer', 'tuyen-quang-health'),
  user('bienphong', 'Sùng Mí Páo', 'agency_officer', 'tuyen-quang-border-guard'),
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
