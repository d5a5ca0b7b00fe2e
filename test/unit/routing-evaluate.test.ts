import { expect } from 'chai';
import { routingRuleBody, type ReferralTrack, type RoutingRule, type RuleFilter } from '../../shared/index.js';
import { DEFAULT_RULES } from '../../server/domain/routing/default-rules.js';
import { anchorFor, filterMatches, matchTracks, priorityOf, type CaseFacts } from '../../server/domain/routing/evaluate.js';
import { ageBounds, shelterAccepts } from '../../server/domain/routing/shelter-match.js';

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  contactId: 1,
  classification: 'trafficking',
  priority: 'trafficking',
  immediateDanger: false,
  under18: false,
  abroad: false,
  needsShelter: false,
  locationUnitId: 100,
  homeUnitId: 200,
  country: null,
  victims: [{ sex: 'female', age: 20, ageBand: '18-24', under18: false }],
  wishes: 'unknown',
  ...over,
});

let nextId = 1;
const rule = (track: ReferralTrack, position: number, filter: RuleFilter, over: Partial<RoutingRule> = {}): RoutingRule => ({
  id: nextId++,
  name: `${track} ${position}`,
  track,
  position,
  active: true,
  filter,
  targets: [{ agencyType: track === 'shelter' ? 'shelter' : 'police', scope: 'province', priority: 'case', timeoutMinutes: 15 }],
  onExhausted: 'supervisor',
  ...over,
});

// Ancestry of a case in Thị trấn Vị Xuyên (vn-2023): commune, district, province.
const VI_XUYEN = new Set(['vn-2023:00913', 'vn-2023:030', 'vn-2023:02']);

describe('routing: rule evaluation (pure)', () => {
  describe('filterMatches', () => {
    const cases: [string, RuleFilter, Partial<CaseFacts>, boolean][] = [
      ['empty filter matches anything', {}, {}, true],
      ['classification listed', { classifications: ['trafficking', 'suspected_trafficking'] }, {}, true],
      ['classification not listed', { classifications: ['other_child_protection'] }, {}, false],
      ['under18 true vs adult', { under18: true }, {}, false],
      ['under18 true vs child', { under18: true }, { under18: true }, true],
      ['under18 false vs adult', { under18: false }, {}, true],
      ['immediateDanger true vs none', { immediateDanger: true }, {}, false],
      ['immediateDanger true vs danger', { immediateDanger: true }, { immediateDanger: true }, true],
      ['immediateDanger false vs danger', { immediateDanger: false }, { immediateDanger: true }, false],
      ['abroad true vs abroad', { abroad: true }, { abroad: true }, true],
      ['abroad true vs domestic', { abroad: true }, {}, false],
      ['needsShelter true vs wish', { needsShelter: true }, { needsShelter: true }, true],
      ['needsShelter true vs none', { needsShelter: true }, {}, false],
      ['locationWithin the province', { locationWithin: [{ dataset: 'vn-2023', code: '02' }] }, {}, true],
      ['locationWithin the district', { locationWithin: [{ dataset: 'vn-2023', code: '030' }] }, {}, true],
      ['locationWithin another province', { locationWithin: [{ dataset: 'vn-2023', code: '14' }] }, {}, false],
      ['locationWithin same code, other dataset', { locationWithin: [{ dataset: 'vn-2025', code: '02' }] }, {}, false],
      ['locationWithin one of several', { locationWithin: [{ dataset: 'vn-2023', code: '14' }, { dataset: 'vn-2023', code: '00913' }] }, {}, true],
      ['all conditions must hold', { classifications: ['trafficking'], immediateDanger: true }, {}, false],
      ['all conditions hold', { classifications: ['trafficking'], immediateDanger: true, under18: true }, { immediateDanger: true, under18: true }, true],
    ];
    for (const [title, filter, over, expected] of cases)
      it(title, () => expect(filterMatches(filter, facts(over), VI_XUYEN)).to.equal(expected));
  });

  describe('matchTracks', () => {
    const cases: { title: string; rules: RoutingRule[]; facts: Partial<CaseFacts>; expected: Partial<Record<ReferralTrack, string>> }[] = [
      {
        title: 'first match by position, not by list order',
        rules: [rule('primary', 20, {}, { name: 'late' }), rule('primary', 10, {}, { name: 'early' })],
        facts: {},
        expected: { primary: 'early' },
      },
      {
        title: 'a non-matching earlier rule falls through to the next',
        rules: [rule('primary', 10, { abroad: true }, { name: 'abroad' }), rule('primary', 20, {}, { name: 'default' })],
        facts: {},
        expected: { primary: 'default' },
      },
      {
        title: 'inactive rules are skipped',
        rules: [rule('primary', 10, {}, { name: 'off', active: false }), rule('primary', 20, {}, { name: 'on' })],
        facts: {},
        expected: { primary: 'on' },
      },
      {
        title: 'tracks without a matching rule are absent',
        rules: [rule('police', 10, { immediateDanger: true }, { name: 'police' }), rule('primary', 10, {}, { name: 'primary' })],
        facts: {},
        expected: { primary: 'primary' },
      },
      {
        title: 'each track independently, in REFERRAL_TRACKS order',
        rules: [
          rule('shelter', 10, { needsShelter: true }, { name: 'shelter' }),
          rule('border_guard', 10, { immediateDanger: true }, { name: 'bg' }),
          rule('police', 10, { immediateDanger: true }, { name: 'police' }),
          rule('primary', 10, { classifications: ['trafficking'] }, { name: 'primary' }),
        ],
        facts: { immediateDanger: true, needsShelter: true },
        expected: { primary: 'primary', police: 'police', shelter: 'shelter', border_guard: 'bg' },
      },
      {
        title: 'equal positions: the lower id wins',
        rules: [rule('primary', 10, {}, { id: 901, name: 'b' }), rule('primary', 10, {}, { id: 900, name: 'a' })],
        facts: {},
        expected: { primary: 'a' },
      },
      {
        title: 'locationWithin routes a province to its own rule',
        rules: [rule('primary', 10, { locationWithin: [{ dataset: 'vn-2023', code: '02' }] }, { name: 'ha giang' }), rule('primary', 20, {}, { name: 'rest' })],
        facts: {},
        expected: { primary: 'ha giang' },
      },
    ];
    for (const c of cases)
      it(c.title, () => {
        const got = matchTracks(c.rules, facts(c.facts), VI_XUYEN);
        expect(Object.fromEntries(got.map((m) => [m.track, m.rule.name]))).to.deep.equal(c.expected);
        expect(got.map((m) => m.track)).to.deep.equal(['primary', 'police', 'shelter', 'border_guard'].filter((t) => t in c.expected));
      });
  });

  describe('anchorFor', () => {
    const L = { unitId: 100, role: 'location' };
    const H = { unitId: 200, role: 'home' };
    const cases: [string, ReferralTrack, Partial<CaseFacts>, object | null][] = [
      ['police: current location', 'police', {}, L],
      ['police: home when the location is unknown', 'police', { locationUnitId: null }, H],
      ['border guard: current location', 'border_guard', { wishes: 'go_home' }, L],
      ['shelter: current location', 'shelter', { wishes: 'go_home' }, L],
      ['shelter: home when the location is unknown', 'shelter', { locationUnitId: null }, H],
      ['primary: current location by default', 'primary', {}, L],
      ['primary: home when the victim wishes to go home', 'primary', { wishes: 'go_home' }, H],
      ['primary: home when abroad', 'primary', { abroad: true, locationUnitId: null, country: 'KH' }, H],
      ['primary: home when the location is unknown', 'primary', { locationUnitId: null }, H],
      ['primary: location when going home but home unknown', 'primary', { wishes: 'go_home', homeUnitId: null }, L],
      ['primary: location when the home is unknown', 'primary', { homeUnitId: null }, L],
      ['nothing known: null', 'primary', { locationUnitId: null, homeUnitId: null }, null],
      ['police, nothing known: null', 'police', { locationUnitId: null, homeUnitId: null }, null],
    ];
    for (const [title, track, over, expected] of cases) it(title, () => expect(anchorFor(track, facts(over))).to.deep.equal(expected));
  });

  it('priority: immediate danger is urgent, else the classification', () => {
    expect(priorityOf('suspected_trafficking', true)).to.equal('urgent');
    expect(priorityOf('suspected_trafficking', false)).to.equal('suspected_trafficking');
    expect(priorityOf('not_relevant', false)).to.equal('other_child_protection');
  });

  describe('the default rules', () => {
    const rules: RoutingRule[] = DEFAULT_RULES.map((r, i) => ({ ...r, id: i + 1 }));
    it('are valid routing rules with bilingual names', () => {
      for (const r of DEFAULT_RULES) {
        expect(() => routingRuleBody.parse(r), r.name).not.to.throw();
        expect(r.name, r.name).to.match(/\(.+\)$/);
      }
    });
    const cases: { title: string; facts: Partial<CaseFacts>; expected: Partial<Record<ReferralTrack, string>>; timeout: number }[] = [
      { title: 'trafficking in Viet Nam: primary only, 60 min', facts: {}, expected: { primary: 'district_office@jurisdiction' }, timeout: 60 },
      { title: 'suspected: 240 min', facts: { classification: 'suspected_trafficking' }, expected: { primary: 'district_office@jurisdiction' }, timeout: 240 },
      { title: 'other child protection: 480 min', facts: { classification: 'other_child_protection' }, expected: { primary: 'district_office@jurisdiction' }, timeout: 480 },
      {
        title: 'immediate danger: police and Border Guard in parallel, urgent 15 min',
        facts: { immediateDanger: true },
        expected: { primary: 'district_office@jurisdiction', police: 'police@jurisdiction', border_guard: 'border_guard@province' },
        timeout: 15,
      },
      { title: 'abroad: the provincial department', facts: { abroad: true, locationUnitId: null }, expected: { primary: 'provincial_department@province' }, timeout: 60 },
      { title: 'wishes shelter: a shelter track', facts: { needsShelter: true }, expected: { primary: 'district_office@jurisdiction', shelter: 'shelter@nearest_with_capacity' }, timeout: 60 },
      { title: 'not relevant: nothing', facts: { classification: 'not_relevant' }, expected: {}, timeout: 0 },
    ];
    for (const c of cases)
      it(c.title, () => {
        const got = matchTracks(rules, facts(c.facts), new Set());
        expect(Object.fromEntries(got.map((m) => [m.track, `${m.rule.targets[0]!.agencyType}@${m.rule.targets[0]!.scope}`]))).to.deep.equal(c.expected);
        const primary = got.find((m) => m.track === 'primary');
        if (primary) expect(primary.rule.targets.every((t) => t.timeoutMinutes === c.timeout)).to.equal(true);
        const bg = got.find((m) => m.track === 'border_guard');
        if (bg) expect(bg.rule.onExhausted).to.equal('skip');
      });
  });

  describe('shelter fit', () => {
    const s = { acceptedSexes: ['female'], ageMin: 0, ageMax: 17, capacity: 10, occupancy: 8 };
    const v = (sex: 'female' | 'male' | 'other' | 'unknown', age: number | null, ageBand: any = null, under18: boolean | null = null) => ({ sex, age, ageBand, under18 });
    const cases: [string, object, ReturnType<typeof v>[], boolean][] = [
      ['a girl fits a girls shelter', s, [v('female', 15)], true],
      ['a boy does not', s, [v('male', 15)], false],
      ['an adult woman does not', s, [v('female', 19)], false],
      ['age band 16-17 fits 0-17', s, [v('female', null, '16-17')], true],
      ['age band 18-24 does not fit 0-17', s, [v('female', null, '18-24')], false],
      ['under-18 flag only fits 0-17', s, [v('female', null, null, true)], true],
      ['unknown age does not fit a children-only shelter', s, [v('female', null)], false],
      ['unknown sex does not fit a single-sex shelter', s, [v('unknown', 12)], false],
      ['unknown sex fits a mixed shelter', { ...s, acceptedSexes: ['female', 'male'] }, [v('unknown', 12)], true],
      ['two victims need two places', s, [v('female', 12), v('female', 14)], true],
      ['three victims do not fit two places', s, [v('female', 12), v('female', 14), v('female', 9)], false],
      ['a full shelter fits nobody', { ...s, occupancy: 10 }, [v('female', 12)], false],
      ['no victims recorded: one place', { ...s, occupancy: 9 }, [], true],
    ];
    for (const [title, shelter, victims, expected] of cases)
      it(title, () => expect(shelterAccepts(shelter as typeof s, victims)).to.equal(expected));
    it('age bounds', () => {
      expect(ageBounds(v('female', 7))).to.deep.equal([7, 7]);
      expect(ageBounds(v('female', null, '60+'))).to.deep.equal([60, 120]);
      expect(ageBounds(v('female', null, 'unknown', false))).to.deep.equal([18, 120]);
      expect(ageBounds(v('female', null))).to.deep.equal([0, 120]);
    });
  });
});
