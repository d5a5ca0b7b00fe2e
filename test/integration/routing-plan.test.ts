import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Classification, ReferralTrack, UnitDataset, VictimSex, Wish } from '../../shared/index.js';
import type { Database } from '../../server/db/database.js';
import { loadCaseFacts } from '../../server/domain/routing/case-facts.js';
import { findTargetAgency } from '../../server/domain/routing/jurisdiction.js';
import { NO_AGENCY_EXPLANATION, planCase, planTrack, type TrackPlan } from '../../server/domain/routing/plan.js';
import { ensureDefaultRules, listActiveRules, type RoutingRuleRow } from '../../server/domain/routing/rules.repo.js';
import { findShelter } from '../../server/domain/routing/shelter-match.js';
import { importSeed } from '../../server/domain/seed/seed-import.js';
import { importReferenceFiles, readBundledFiles } from '../../server/domain/units/reference-data.js';
import { scratchDatabase } from '../support/scratch-database.js';

const demoSeed = JSON.parse(readFileSync('server/seed/demo-seed.json', 'utf8'));

type Place = { dataset: UnitDataset; code: string };
interface CaseSpec {
  classification?: Classification;
  location?: Place | { abroad: string } | null;
  home?: Place | null;
  immediateDanger?: boolean;
  wishes?: Wish;
  victims?: { sex: VictimSex; age?: number | null; ageBand?: string | null; under18?: boolean | null }[];
}
/** Expected per track: an agency code, 'supervisor' or 'skip'. Tracks not named must be absent. */
type Expected = Partial<Record<ReferralTrack, string>>;

const v2023 = (code: string): Place => ({ dataset: 'vn-2023', code });
const v2025 = (code: string): Place => ({ dataset: 'vn-2025', code });
const girl = { sex: 'female' as const, age: 15 };

describe('routing: planning a case on the demo data, on one map across the 2025 reform', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let rules: RoutingRuleRow[];
  const agencyId = async (code: string) => (await db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const unitId = async (p: Place) =>
    (await db.selectFrom('admin_units').select('id').where('dataset', '=', p.dataset).where('code', '=', p.code).executeTakeFirstOrThrow()).id;
  const setAgency = (code: string, values: { active?: boolean; shelter_occupancy?: number; shelter_accepted_sexes?: string[]; shelter_age_min?: number; shelter_age_max?: number }) =>
    db.updateTable('agencies').set(values).where('code', '=', code).execute();

  before(async function () {
    this.timeout(120_000);
    let owner: Database;
    ({ db, owner, drop } = await scratchDatabase());
    await importReferenceFiles(owner, await readBundledFiles()); // as start-up does, as the owner
    await importSeed(db, demoSeed);
    const inserted = await Promise.all([ensureDefaultRules(db), ensureDefaultRules(db)]);
    expect(inserted.sort((a, b) => a - b)).to.deep.equal([0, 14]);
    expect(await ensureDefaultRules(db)).to.equal(0);
    rules = await listActiveRules(db);
  });
  after(async () => drop());

  async function makeCase(c: CaseSpec): Promise<number> {
    const loc = c.location ?? null;
    const row = await db
      .insertInto('contacts')
      .values({
        channel: 'walk_in',
        status: 'closed',
        classification: c.classification ?? 'trafficking',
        immediate_danger: c.immediateDanger ?? false,
        location_kind: loc == null ? 'unknown' : 'abroad' in loc ? 'abroad' : 'unit',
        location_unit_id: loc && !('abroad' in loc) ? await unitId(loc) : null,
        location_country: loc && 'abroad' in loc ? loc.abroad : null,
        home_unit_id: c.home ? await unitId(c.home) : null,
        wishes: c.wishes ?? 'unknown',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const victims: NonNullable<CaseSpec['victims']> = c.victims ?? [girl];
    for (const [i, v] of victims.entries())
      await db
        .insertInto('contact_victims')
        .values({ contact_id: row.id, position: i, sex: v.sex, age: v.age ?? null, age_band: v.ageBand ?? null, under18: v.under18 ?? (v.age != null ? v.age < 18 : null) })
        .execute();
    return row.id;
  }

  async function outcome(plans: TrackPlan[]): Promise<Expected> {
    const names = new Map((await db.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.id, a.code]));
    return Object.fromEntries(plans.map((p) => [p.track, p.kind === 'agency' ? names.get(p.agencyId)! : p.kind]));
  }

  function expectExplained(plans: TrackPlan[]) {
    for (const p of plans) {
      if (p.kind === 'agency') {
        expect(p.why.explanation, p.track).to.include(p.agencyName);
        expect(p.why.rule, p.track).to.equal(rules.find((r) => r.id === p.ruleId)!.name);
        expect(p.why.target, p.track).to.match(/^[a-z_]+@[a-z_]+$/);
      }
      // The reason is a code the console renders in its language; the sentence is for readers of the row.
      if (p.kind === 'supervisor') expect(p.why).to.deep.equal({ rule: p.why.rule, target: null, explanation: NO_AGENCY_EXPLANATION, reason: 'no_agency' });
    }
  }

  /** A day before the reform: the source documents' three-tier agencies existed; after it, today's. */
  const BEFORE = '2025-03-01';
  const cases: {
    title: string;
    case: CaseSpec;
    expected: Expected;
    on?: string;
    setup?: () => Promise<unknown>;
    explains?: Partial<Record<ReferralTrack, string[]>>;
    priority?: string;
  }[] = [
    // Today, in 2025 units: the commune committee, else the Department of Health; police, Border Guard and shelter.
    {
      title: 'today, vn-2025: urgent in Xã Vị Xuyên → its committee, the Tuyên Quang police, Border Guard and the nearest shelter',
      case: { location: v2025('00913'), immediateDanger: true, wishes: 'shelter' },
      expected: { primary: 'tuyen-quang-commune-00913', police: 'tuyen-quang-police', shelter: 'ha-giang-shelter', border_guard: 'tuyen-quang-border-guard' },
      explains: {
        primary: ['UBND xã Vị Xuyên phụ trách xã Vị Xuyên, Tuyên Quang, nơi nạn nhân đang ở'],
        police: ['Công an tỉnh Tuyên Quang phụ trách tỉnh Tuyên Quang, nơi nạn nhân đang ở (Xã Vị Xuyên, Tuyên Quang)'],
        shelter: ['Trung tâm Công tác xã hội tỉnh Hà Giang tiếp nhận nạn nhân: phụ trách tỉnh Hà Giang', 'cách khoảng 13 km', 'còn 26 chỗ trống'],
      },
      priority: 'urgent',
    },
    {
      title: 'today, an old address: Xã Đạo Đức (Vị Xuyên, Hà Giang) → today\'s agencies of Xã Vị Xuyên',
      case: { location: v2023('00955'), immediateDanger: true, wishes: 'shelter' },
      expected: { primary: 'tuyen-quang-commune-00913', police: 'tuyen-quang-police', shelter: 'ha-giang-shelter', border_guard: 'tuyen-quang-border-guard' },
      explains: { primary: ['UBND xã Vị Xuyên phụ trách xã Vị Xuyên, Tuyên Quang, nơi nạn nhân đang ở (Xã Đạo Đức, huyện Vị Xuyên, Hà Giang, địa danh cũ'] },
    },
    {
      title: 'today, a divided old commune with no choice made → the level its parts share (the province\'s department)',
      case: { location: v2023('00967') },
      expected: { primary: 'tuyen-quang-health' },
      explains: { primary: ['Sở Y tế tỉnh Tuyên Quang phụ trách tỉnh Tuyên Quang, nơi nạn nhân đang ở (Xã Việt Lâm, huyện Vị Xuyên, Hà Giang'] },
    },
    {
      title: 'today, the part of the divided commune the operator picked → that commune\'s committee',
      case: { location: v2025('00967') },
      expected: { primary: 'tuyen-quang-commune-00967' },
    },
    {
      title: 'today, Cần Thơ where it was Sóc Trăng → the Sóc Trăng centre (nearest), the Cần Thơ police and Border Guard',
      case: { location: v2025('31507'), immediateDanger: true, wishes: 'shelter' },
      expected: { primary: 'can-tho-commune-31507', police: 'can-tho-police', shelter: 'soc-trang-shelter', border_guard: 'can-tho-border-guard' },
    },
    {
      title: 'today, Cần Thơ where it was Cần Thơ city → its own centre',
      case: { location: v2025('31135'), wishes: 'shelter' },
      expected: { primary: 'can-tho-commune-31135', shelter: 'can-tho-shelter' },
    },
    {
      title: 'today, an old Sóc Trăng address → Cần Thơ\'s agencies and the Sóc Trăng centre',
      case: { location: v2023('31498'), immediateDanger: true, wishes: 'shelter' },
      expected: { primary: 'can-tho-commune-31507', police: 'can-tho-police', shelter: 'soc-trang-shelter', border_guard: 'can-tho-border-guard' },
    },
    {
      title: 'today, a province outside the seed ones (Hà Nội, no border) → its police, department and centre; no Border Guard',
      case: { location: v2025('00004'), immediateDanger: true, wishes: 'shelter' },
      expected: { primary: 'ha-noi-health', police: 'ha-noi-police', shelter: 'ha-noi-shelter', border_guard: 'skip' },
    },
    {
      title: 'today, going home → the office of the home, not of the current location',
      case: { location: v2025('31135'), home: v2023('00955'), wishes: 'go_home' },
      expected: { primary: 'tuyen-quang-commune-00913' },
      explains: { primary: ['nơi nạn nhân cư trú'] },
    },
    {
      title: 'today, abroad (Cambodia), home in Sơn La → Sở Y tế Sơn La',
      case: { location: { abroad: 'KH' }, home: v2023('03646') },
      expected: { primary: 'son-la-health' },
      explains: { primary: ['Sở Y tế tỉnh Sơn La phụ trách tỉnh Sơn La, nơi nạn nhân cư trú', 'Campuchia'] },
    },
    { title: 'abroad, home unknown → the supervisor', case: { location: { abroad: 'CN' } }, expected: { primary: 'supervisor' } },
    { title: 'nothing known about where → the supervisor', case: {}, expected: { primary: 'supervisor' } },
    {
      title: 'today, the commune committee is inactive → the Department of Health',
      case: { location: v2025('00913') },
      setup: () => setAgency('tuyen-quang-commune-00913', { active: false }),
      expected: { primary: 'tuyen-quang-health' },
      explains: { primary: ['không có Phòng Lao động – Thương binh và Xã hội cấp huyện, Ủy ban nhân dân cấp xã phù hợp'] },
    },
    // Shelter: sex, age, capacity; the ones responsible for the place first, then the nearest anywhere.
    {
      title: 'shelter: the Hà Giang centre takes girls only → a man goes to the Tuyên Quang centre, which covers the place too',
      case: { location: v2025('00913'), wishes: 'shelter', victims: [{ sex: 'male', age: 30 }] },
      setup: () => setAgency('ha-giang-shelter', { shelter_accepted_sexes: ['female'] }),
      expected: { primary: 'tuyen-quang-commune-00913', shelter: 'tuyen-quang-shelter' },
    },
    {
      title: 'shelter: an adult does not fit a children-only centre → the next one',
      case: { location: v2025('00913'), wishes: 'shelter', victims: [{ sex: 'female', age: 19 }] },
      setup: () => setAgency('ha-giang-shelter', { shelter_age_min: 0, shelter_age_max: 17 }),
      expected: { primary: 'tuyen-quang-commune-00913', shelter: 'tuyen-quang-shelter' },
    },
    {
      title: 'shelter: unknown sex needs a mixed centre',
      case: { location: v2025('00913'), wishes: 'shelter', victims: [{ sex: 'unknown', ageBand: '12-15' }] },
      setup: () => setAgency('ha-giang-shelter', { shelter_accepted_sexes: ['female'] }),
      expected: { primary: 'tuyen-quang-commune-00913', shelter: 'tuyen-quang-shelter' },
    },
    {
      title: 'shelter: one free place, two victims → the next centre',
      case: { location: v2025('00913'), wishes: 'shelter', victims: [girl, { sex: 'female', age: 13 }] },
      setup: () => setAgency('ha-giang-shelter', { shelter_occupancy: 29 }),
      expected: { primary: 'tuyen-quang-commune-00913', shelter: 'tuyen-quang-shelter' },
    },
    {
      title: 'shelter: both centres of Tuyên Quang full → the nearest centre with a place by distance (Lào Cai, 95 km), not by province code (Cao Bằng 04, 114 km)',
      case: { location: v2025('00913'), wishes: 'shelter' },
      setup: () => Promise.all([setAgency('ha-giang-shelter', { shelter_occupancy: 30 }), setAgency('tuyen-quang-shelter', { shelter_occupancy: 35 })]),
      expected: { primary: 'tuyen-quang-commune-00913', shelter: 'lao-cai-shelter' },
      explains: { shelter: ['cơ sở gần nhất còn chỗ, cách khoảng 95 km (Lào Cai)', 'vì không có cơ sở phù hợp phụ trách Xã Vị Xuyên, Tuyên Quang'] },
    },
    {
      title: 'shelter: every centre full → the supervisor',
      case: { location: v2025('00913'), wishes: 'shelter' },
      setup: () => db.updateTable('agencies').set((eb) => ({ shelter_occupancy: eb.ref('shelter_capacity') })).where('type', '=', 'shelter').execute(),
      expected: { primary: 'tuyen-quang-commune-00913', shelter: 'supervisor' },
    },
    // Before the reform (the three-tier structure of the source documents): the district labour office.
    {
      title: 'before 1 July 2025, vn-2023: Thị trấn Vị Xuyên → the Vị Xuyên district labour office',
      on: BEFORE,
      case: { location: v2023('00913') },
      expected: { primary: 'ha-giang-district-030-labour' },
      explains: { primary: ['Phòng Lao động - Thương binh và Xã hội huyện Vị Xuyên phụ trách huyện Vị Xuyên, Hà Giang, nơi nạn nhân đang ở (Thị trấn Vị Xuyên, huyện Vị Xuyên, Hà Giang)'] },
      priority: 'trafficking',
    },
    { title: 'before the reform: a Sơn La commune → its district office', on: BEFORE, case: { location: v2023('03646'), classification: 'suspected_trafficking' }, expected: { primary: 'son-la-district-116-labour' }, priority: 'suspected_trafficking' },
    { title: 'before the reform: a Sóc Trăng commune → its district office', on: BEFORE, case: { location: v2023('31498'), classification: 'other_child_protection' }, expected: { primary: 'soc-trang-district-941-labour' }, priority: 'other_child_protection' },
    {
      title: 'before the reform: the district office is inactive → the provincial department',
      on: BEFORE,
      case: { location: v2023('00712') },
      setup: () => setAgency('ha-giang-district-026-labour', { active: false }),
      expected: { primary: 'ha-giang-2023-department' },
    },
    {
      title: 'before the reform: immediate danger in Hà Giang → its police and Border Guard',
      on: BEFORE,
      case: { location: v2023('00913'), immediateDanger: true },
      expected: { primary: 'ha-giang-district-030-labour', police: 'ha-giang-2023-police', border_guard: 'ha-giang-2023-border-guard' },
      explains: { police: ['Công an tỉnh Hà Giang phụ trách tỉnh Hà Giang'], border_guard: ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Giang'] },
      priority: 'urgent',
    },
  ];

  for (const c of cases)
    it(c.title, async () => {
      try {
        await c.setup?.();
        const facts = await loadCaseFacts(db, await makeCase(c.case));
        const plans = await planCase(db, rules, facts, c.on);
        expect(await outcome(plans)).to.deep.equal(c.expected);
        expectExplained(plans);
        for (const [track, parts] of Object.entries(c.explains ?? {})) {
          const p = plans.find((x) => x.track === track)!;
          for (const part of parts) expect(p.kind === 'agency' && p.why.explanation, track).to.include(part);
        }
        if (c.priority) for (const p of plans) if (p.kind !== 'skip') expect(p.priority, p.track).to.equal(c.priority);
      } finally {
        await importSeed(db, demoSeed); // undo the setup
      }
    });

  describe('every commune of the seed provinces on today\'s map', () => {
    // Tuyên Quang (with Hà Giang), Sơn La, Cần Thơ (with Sóc Trăng and Hậu Giang): all have a land border or a coast.
    for (const [province, slug] of [['08', 'tuyen-quang'], ['14', 'son-la'], ['92', 'can-tho']] as const)
      it(`${slug}: an urgent case wishing a shelter, in each 2025 commune, reaches police, its committee, a shelter and Border Guard`, async function () {
        this.timeout(120_000);
        const communes = await db.selectFrom('admin_units').select(['id', 'code']).where('dataset', '=', 'vn-2025').where('parent_code', '=', province).execute();
        expect(communes.length).to.be.above(70);
        const shelters = new Set<string>();
        for (const c of communes) {
          const facts = await loadCaseFacts(db, await makeCase({ location: v2025(c.code), immediateDanger: true, wishes: 'shelter' }));
          const got = await outcome(await planCase(db, rules, facts));
          expect(got, c.code).to.deep.include({ primary: `${slug}-commune-${c.code}`, police: `${slug}-police`, border_guard: `${slug}-border-guard` });
          expect(got.shelter, c.code).to.match(/-shelter$/);
          shelters.add(got.shelter!);
        }
        if (province === '92') expect([...shelters]).to.have.members(['can-tho-shelter', 'soc-trang-shelter']);
      });
  });

  describe('re-routing a track', () => {
    let facts: Awaited<ReturnType<typeof loadCaseFacts>>;
    let primaryRule: RoutingRuleRow;
    before(async () => {
      facts = await loadCaseFacts(db, await makeCase({ location: v2023('00955') }));
      const plans = await planCase(db, rules, facts);
      primaryRule = rules.find((r) => r.id === plans[0]!.ruleId)!;
    });

    const cases: { title: string; from: number; exclude: string[]; expected: string; targetIndex: number }[] = [
      { title: 'the commune committee declined → the next target, the Department of Health', from: 1, exclude: ['tuyen-quang-commune-00913'], expected: 'tuyen-quang-health', targetIndex: 2 },
      { title: 'the first target timed out → from the next target on', from: 2, exclude: [], expected: 'tuyen-quang-health', targetIndex: 2 },
      { title: 'the department declined too → the supervisor', from: 2, exclude: ['tuyen-quang-commune-00913', 'tuyen-quang-health'], expected: 'supervisor', targetIndex: -1 },
    ];
    for (const c of cases)
      it(c.title, async () => {
        const exclude = await Promise.all(c.exclude.map(agencyId));
        const plan = await planTrack(db, { rule: primaryRule, facts, fromTargetIndex: c.from, exclude });
        expect((await outcome([plan])).primary).to.equal(c.expected);
        if (plan.kind === 'agency') {
          expect(plan.targetIndex).to.equal(c.targetIndex);
          expect(plan.why.target).to.equal('provincial_department@province');
          expect(plan.why.explanation).to.include(plan.agencyName);
          expect(plan.timeoutMinutes).to.equal(60);
        }
      });
  });

  describe('building blocks', () => {
    it('findTargetAgency: the unit found and its level; an agency that no longer exists is not found; none of that type → null', async () => {
      const anchorUnitId = await unitId(v2023('00913'));
      const district = { target: { agencyType: 'district_office' as const, scope: 'jurisdiction' as const }, anchorUnitId, exclude: [] };
      const m = await findTargetAgency(db, { ...district, on: '2025-06-30' });
      expect(m).to.deep.include({ agencyName: 'Phòng Lao động - Thương binh và Xã hội huyện Vị Xuyên' });
      expect(m!.unit).to.deep.include({ code: '030', name: 'Huyện Vị Xuyên', level: 'district' });
      expect(await findTargetAgency(db, { ...district, on: '2025-07-01' })).to.equal(null);
      const committee = await findTargetAgency(db, { target: { agencyType: 'commune_committee', scope: 'jurisdiction' }, anchorUnitId });
      expect(committee!.unit).to.deep.include({ code: '00913', name: 'Xã Vị Xuyên' });
      expect(await findTargetAgency(db, { target: { agencyType: 'ngo', scope: 'province' }, anchorUnitId })).to.equal(null);
    });

    it('findShelter: the free places and the distance from the place', async () => {
      const s = await findShelter(db, { anchorUnitId: await unitId(v2025('00913')), victims: [{ sex: 'female', age: 15, ageBand: '12-15', under18: true }], exclude: [await agencyId('ha-giang-shelter')] });
      expect(s).to.deep.include({ agencyName: 'Trung tâm Công tác xã hội tỉnh Tuyên Quang', freePlaces: 35 });
      expect(s!.distanceKm).to.be.within(90, 110); // Xã Vị Xuyên → Phường Minh Xuân (Tuyên Quang city)
    });

    it('a locationWithin rule applies inside its unit only (the location, or the home when abroad), before the defaults', async () => {
      const sonLa: RoutingRuleRow = {
        id: 9_999, name: 'Sơn La → Sở (Son La → department)', track: 'primary', position: 1, active: true, onExhausted: 'supervisor',
        filter: { locationWithin: [{ dataset: 'vn-2023', code: '14' }] }, updatedAt: '',
        targets: [{ agencyType: 'provincial_department', scope: 'province', priority: 'trafficking', timeoutMinutes: 30 }],
      };
      const route = async (c: CaseSpec) => planCase(db, [...rules, sonLa], await loadCaseFacts(db, await makeCase(c)));
      const inSonLa = (await route({ location: v2023('03646'), classification: 'other_child_protection' }))[0]!;
      expect(await outcome([inSonLa])).to.deep.equal({ primary: 'son-la-health' });
      // The rule names old Sơn La: a place recorded in 2025 units lies within it too.
      expect((await route({ location: v2025('03646') }))[0]).to.deep.include({ ruleId: 9_999 });
      expect(inSonLa).to.deep.include({ ruleId: 9_999, priority: 'trafficking', timeoutMinutes: 30 });
      const abroadFromSonLa = (await route({ location: { abroad: 'LA' }, home: v2023('03646') }))[0]!;
      expect(abroadFromSonLa).to.deep.include({ ruleId: 9_999 });
      expect(abroadFromSonLa.kind === 'agency' && abroadFromSonLa.why.explanation).to.include('Lào');
      // In Hà Giang, living in Sơn La: the location decides, so the default rules apply.
      expect(await outcome(await route({ location: v2023('00955'), home: v2023('03646') }))).to.deep.equal({ primary: 'tuyen-quang-commune-00913' });
    });

    it('loadCaseFacts: priority, under18, abroad, wishes and victims', async () => {
      const id = await makeCase({ location: { abroad: 'KH' }, home: v2023('03646'), immediateDanger: true, wishes: 'shelter', victims: [{ sex: 'male', age: 30 }, { sex: 'female', ageBand: '12-15' }] });
      expect(await loadCaseFacts(db, id)).to.deep.include({
        contactId: id, classification: 'trafficking', priority: 'urgent', immediateDanger: true, under18: true, abroad: true,
        needsShelter: true, locationUnitId: null, homeUnitId: await unitId(v2023('03646')), country: 'KH', wishes: 'shelter',
      });
      expect((await loadCaseFacts(db, id)).victims).to.deep.equal([
        { sex: 'male', age: 30, ageBand: null, under18: false },
        { sex: 'female', age: null, ageBand: '12-15', under18: null },
      ]);
    });
  });
});
