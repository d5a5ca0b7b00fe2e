import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Classification, ReferralTrack, UnitDataset, VictimSex, Wish } from '../../shared/index.js';
import type { Database } from '../../server/db/database.js';
import { loadCaseFacts } from '../../server/domain/routing/case-facts.js';
import { findTargetAgency, unitChain } from '../../server/domain/routing/jurisdiction.js';
import { NO_AGENCY_EXPLANATION, planCase, planTrack, type TrackPlan } from '../../server/domain/routing/plan.js';
import { ensureDefaultRules, listActiveRules, type RoutingRuleRow } from '../../server/domain/routing/rules.repo.js';
import { findShelter } from '../../server/domain/routing/shelter-match.js';
import { importSeed } from '../../server/domain/seed/seed-import.js';
import { importUnitsCsv } from '../../server/domain/units/units-import.js';
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

describe('routing: planning a case on the demo data (both unit datasets)', () => {
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
    ({ db, drop } = await scratchDatabase());
    await importUnitsCsv(db, readFileSync('data/vn-admin-units-2023-seed-provinces.csv', 'utf8'), 'vn-2023');
    await importUnitsCsv(db, readFileSync('data/vn-admin-units-2025.csv', 'utf8'), 'vn-2025');
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

  const cases: {
    title: string;
    case: CaseSpec;
    expected: Expected;
    setup?: () => Promise<unknown>;
    explains?: Partial<Record<ReferralTrack, string[]>>;
    priority?: string;
  }[] = [
    // Three-tier structure (vn-2023): the district labour office.
    {
      title: 'vn-2023: Thị trấn Vị Xuyên → the Vị Xuyên district labour office',
      case: { location: v2023('00913') },
      expected: { primary: 'ha-giang-district-030-labour' },
      explains: { primary: ['Phòng Lao động - Thương binh và Xã hội huyện Vị Xuyên phụ trách huyện Vị Xuyên, nơi nạn nhân đang ở (thị trấn Vị Xuyên)'] },
      priority: 'trafficking',
    },
    { title: 'vn-2023: another Hà Giang commune → its own district office', case: { location: v2023('00688') }, expected: { primary: 'ha-giang-district-024-labour' } },
    { title: 'vn-2023: a Sơn La commune → its district office', case: { location: v2023('03646'), classification: 'suspected_trafficking' }, expected: { primary: 'son-la-district-116-labour' }, priority: 'suspected_trafficking' },
    { title: 'vn-2023: a Sóc Trăng commune → its district office', case: { location: v2023('31498'), classification: 'other_child_protection' }, expected: { primary: 'soc-trang-district-941-labour' }, priority: 'other_child_protection' },
    {
      title: 'vn-2023: the district office is inactive → the provincial department',
      case: { location: v2023('00712') },
      setup: () => setAgency('ha-giang-district-026-labour', { active: false }),
      expected: { primary: 'ha-giang-department' },
      explains: { primary: ['Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang phụ trách tỉnh Hà Giang', 'không có Phòng Lao động – Thương binh và Xã hội cấp huyện, Ủy ban nhân dân cấp xã phù hợp'] },
    },
    {
      title: 'vn-2023: going home → the office of the home, not of the current location',
      case: { location: v2023('31498'), home: v2023('00913'), wishes: 'go_home' },
      expected: { primary: 'ha-giang-district-030-labour' },
      explains: { primary: ['nơi nạn nhân cư trú'] },
    },
    // Two-tier structure (vn-2025): the commune committee, else the provincial (health) department.
    {
      title: 'vn-2025: Xã Vị Xuyên has a commune committee → it',
      case: { location: v2025('00913') },
      expected: { primary: 'tuyen-quang-2025-commune-00913' },
      explains: { primary: ['UBND xã Vị Xuyên phụ trách xã Vị Xuyên, nơi nạn nhân đang ở'] },
    },
    { title: 'vn-2025: Phường Hà Giang 1 → its committee', case: { location: v2025('00694') }, expected: { primary: 'tuyen-quang-2025-commune-00694' } },
    {
      title: 'vn-2025: a Tuyên Quang commune without a committee → Sở Y tế Tuyên Quang',
      case: { location: v2025('02269') },
      expected: { primary: 'tuyen-quang-2025-health' },
      explains: { primary: ['Sở Y tế tỉnh Tuyên Quang phụ trách tỉnh Tuyên Quang, nơi nạn nhân đang ở (xã Thượng Lâm)'] },
    },
    // Immediate danger: police and Border Guard tracks in parallel with the primary one.
    {
      title: 'vn-2023: immediate danger in Hà Giang → police and Border Guard, all urgent',
      case: { location: v2023('00913'), immediateDanger: true },
      expected: { primary: 'ha-giang-district-030-labour', police: 'ha-giang-police', border_guard: 'ha-giang-border-guard' },
      explains: { police: ['Công an tỉnh Hà Giang phụ trách tỉnh Hà Giang'], border_guard: ['Bộ đội Biên phòng tỉnh Hà Giang'] },
      priority: 'urgent',
    },
    {
      title: 'vn-2023: immediate danger in Tuyên Quang (no Border Guard) → police only, Border Guard skipped',
      case: { location: v2023('02200'), immediateDanger: true },
      expected: { primary: 'tuyen-quang-district-070-labour', police: 'tuyen-quang-police', border_guard: 'skip' },
    },
    {
      title: 'vn-2025: immediate danger where no police is configured → the supervisor, Border Guard skipped',
      case: { location: v2025('02269'), immediateDanger: true },
      expected: { primary: 'tuyen-quang-2025-health', police: 'supervisor', border_guard: 'skip' },
    },
    // Abroad: the provincial department of the home province.
    {
      title: 'abroad (Cambodia), home in Sơn La → Sở Sơn La',
      case: { location: { abroad: 'KH' }, home: v2023('03646') },
      expected: { primary: 'son-la-department' },
      explains: { primary: ['Sở Lao động - Thương binh và Xã hội tỉnh Sơn La phụ trách tỉnh Sơn La, nơi nạn nhân cư trú', 'Campuchia'] },
    },
    { title: 'abroad, home unknown → the supervisor', case: { location: { abroad: 'CN' } }, expected: { primary: 'supervisor' } },
    { title: 'nothing known about where → the supervisor', case: {}, expected: { primary: 'supervisor' } },
    // Shelter: sex, age, capacity, then the nearest province with a place.
    {
      title: 'shelter: a girl in Hà Giang → the Hà Giang shelter',
      case: { location: v2023('00913'), wishes: 'shelter' },
      expected: { primary: 'ha-giang-district-030-labour', shelter: 'ha-giang-shelter' },
      explains: { shelter: ['Trung tâm Công tác xã hội tỉnh Hà Giang tiếp nhận nạn nhân tại tỉnh Hà Giang, nơi nạn nhân đang ở', 'còn 26 chỗ trống'] },
    },
    {
      title: 'shelter: the Hà Giang shelter takes girls only → a man goes to the next nearest province (Tuyên Quang 08)',
      case: { location: v2023('00913'), wishes: 'shelter', victims: [{ sex: 'male', age: 30 }] },
      setup: () => setAgency('ha-giang-shelter', { shelter_accepted_sexes: ['female'] }),
      expected: { primary: 'ha-giang-district-030-labour', shelter: 'tuyen-quang-shelter' },
      explains: { shelter: ['tại tỉnh Tuyên Quang, tỉnh gần nhất còn chỗ, vì tỉnh Hà Giang (nơi nạn nhân đang ở) không còn cơ sở phù hợp'] },
    },
    {
      title: 'shelter: an adult does not fit a children-only shelter → the next province',
      case: { location: v2023('00913'), wishes: 'shelter', victims: [{ sex: 'female', age: 19 }] },
      setup: () => setAgency('ha-giang-shelter', { shelter_age_min: 0, shelter_age_max: 17 }),
      expected: { primary: 'ha-giang-district-030-labour', shelter: 'tuyen-quang-shelter' },
    },
    {
      title: 'shelter: unknown sex needs a mixed shelter',
      case: { location: v2023('00913'), wishes: 'shelter', victims: [{ sex: 'unknown', ageBand: '12-15' }] },
      setup: () => setAgency('ha-giang-shelter', { shelter_accepted_sexes: ['female'] }),
      expected: { primary: 'ha-giang-district-030-labour', shelter: 'tuyen-quang-shelter' },
    },
    {
      title: 'shelter: one free place, two victims → the next province',
      case: { location: v2023('00913'), wishes: 'shelter', victims: [girl, { sex: 'female', age: 13 }] },
      setup: () => setAgency('ha-giang-shelter', { shelter_occupancy: 29 }),
      expected: { primary: 'ha-giang-district-030-labour', shelter: 'tuyen-quang-shelter' },
    },
    {
      title: 'shelter: Hà Giang and Tuyên Quang full → Sơn La (14) before Sóc Trăng (94)',
      case: { location: v2023('00913'), wishes: 'shelter' },
      setup: () => Promise.all([setAgency('ha-giang-shelter', { shelter_occupancy: 30 }), setAgency('tuyen-quang-shelter', { shelter_occupancy: 25 })]),
      expected: { primary: 'ha-giang-district-030-labour', shelter: 'son-la-shelter' },
    },
    {
      title: 'shelter: from Sóc Trăng (94), its own shelter full → Sơn La (14), the nearest code',
      case: { location: v2023('31498'), wishes: 'shelter' },
      setup: () => setAgency('soc-trang-shelter', { shelter_occupancy: 20 }),
      expected: { primary: 'soc-trang-district-941-labour', shelter: 'son-la-shelter' },
    },
    {
      title: 'shelter: every shelter full → the supervisor',
      case: { location: v2023('00913'), wishes: 'shelter' },
      setup: () =>
        Promise.all([
          setAgency('ha-giang-shelter', { shelter_occupancy: 30 }), setAgency('tuyen-quang-shelter', { shelter_occupancy: 25 }),
          setAgency('son-la-shelter', { shelter_occupancy: 40 }), setAgency('soc-trang-shelter', { shelter_occupancy: 20 }),
        ]),
      expected: { primary: 'ha-giang-district-030-labour', shelter: 'supervisor' },
    },
    {
      title: 'shelter: vn-2025 has no shelter in the demo data → the supervisor',
      case: { location: v2025('00913'), wishes: 'shelter' },
      expected: { primary: 'tuyen-quang-2025-commune-00913', shelter: 'supervisor' },
    },
  ];

  for (const c of cases)
    it(c.title, async () => {
      try {
        await c.setup?.();
        const facts = await loadCaseFacts(db, await makeCase(c.case));
        const plans = await planCase(db, rules, facts);
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

  describe('re-routing a track', () => {
    let facts: Awaited<ReturnType<typeof loadCaseFacts>>;
    let primaryRule: RoutingRuleRow;
    before(async () => {
      facts = await loadCaseFacts(db, await makeCase({ location: v2023('00913') }));
      const plans = await planCase(db, rules, facts);
      primaryRule = rules.find((r) => r.id === plans[0]!.ruleId)!;
    });

    const cases: { title: string; from: number; exclude: string[]; expected: string; targetIndex: number }[] = [
      { title: 'the district office declined → the next target, the provincial department', from: 0, exclude: ['ha-giang-district-030-labour'], expected: 'ha-giang-department', targetIndex: 2 },
      { title: 'the first target timed out → from the next target on', from: 1, exclude: [], expected: 'ha-giang-department', targetIndex: 2 },
      { title: 'the department declined too → the supervisor', from: 2, exclude: ['ha-giang-district-030-labour', 'ha-giang-department'], expected: 'supervisor', targetIndex: -1 },
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
    it('unitChain: commune → district → province in vn-2023, commune → province in vn-2025', async () => {
      const chain2023 = await unitChain(db, await unitId(v2023('00913')));
      expect(chain2023.map((u) => [u.level, u.code])).to.deep.equal([['commune', '00913'], ['district', '030'], ['province', '02']]);
      const chain2025 = await unitChain(db, await unitId(v2025('00913')));
      expect(chain2025.map((u) => [u.level, u.code, u.name])).to.deep.equal([['commune', '00913', 'Xã Vị Xuyên'], ['province', '08', 'Tuyên Quang']]);
    });

    it('findTargetAgency: the unit found and its level; none of that type → null', async () => {
      const anchorUnitId = await unitId(v2023('00913'));
      const m = await findTargetAgency(db, { target: { agencyType: 'district_office', scope: 'jurisdiction' }, anchorUnitId, exclude: [] });
      expect(m).to.deep.include({ agencyName: 'Phòng Lao động - Thương binh và Xã hội huyện Vị Xuyên' });
      expect(m!.unit).to.deep.include({ code: '030', name: 'Huyện Vị Xuyên', level: 'district' });
      expect(await findTargetAgency(db, { target: { agencyType: 'commune_committee', scope: 'jurisdiction' }, anchorUnitId, exclude: [] })).to.equal(null);
      expect(await findTargetAgency(db, { target: { agencyType: 'ngo', scope: 'province' }, anchorUnitId })).to.equal(null);
    });

    it('findShelter: the province it found and the free places', async () => {
      const s = await findShelter(db, { anchorUnitId: await unitId(v2023('00913')), victims: [{ sex: 'female', age: 15, ageBand: '12-15', under18: true }], exclude: [await agencyId('ha-giang-shelter')] });
      expect(s).to.deep.include({ agencyName: 'Trung tâm Công tác xã hội tỉnh Tuyên Quang', freePlaces: 22 });
      expect(s!.province).to.deep.include({ code: '08', name: 'Tỉnh Tuyên Quang' });
    });

    it('a locationWithin rule applies inside its unit only (the location, or the home when abroad), before the defaults', async () => {
      const sonLa: RoutingRuleRow = {
        id: 9_999, name: 'Sơn La → Sở (Son La → department)', track: 'primary', position: 1, active: true, onExhausted: 'supervisor',
        filter: { locationWithin: [{ dataset: 'vn-2023', code: '14' }] }, updatedAt: '',
        targets: [{ agencyType: 'provincial_department', scope: 'province', priority: 'trafficking', timeoutMinutes: 30 }],
      };
      const route = async (c: CaseSpec) => planCase(db, [...rules, sonLa], await loadCaseFacts(db, await makeCase(c)));
      const inSonLa = (await route({ location: v2023('03646'), classification: 'other_child_protection' }))[0]!;
      expect(await outcome([inSonLa])).to.deep.equal({ primary: 'son-la-department' });
      expect(inSonLa).to.deep.include({ ruleId: 9_999, priority: 'trafficking', timeoutMinutes: 30 });
      const abroadFromSonLa = (await route({ location: { abroad: 'LA' }, home: v2023('03646') }))[0]!;
      expect(abroadFromSonLa).to.deep.include({ ruleId: 9_999 });
      expect(abroadFromSonLa.kind === 'agency' && abroadFromSonLa.why.explanation).to.include('Lào');
      // In Hà Giang, living in Sơn La: the location decides, so the default rules apply.
      expect(await outcome(await route({ location: v2023('00913'), home: v2023('03646') }))).to.deep.equal({ primary: 'ha-giang-district-030-labour' });
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
