import { expect } from 'chai';
import { type CallType, type Classification, TRAFFICKING_PURPOSES, type TraffickingPurpose } from '../../shared/intake.js';
import { INDICATOR_GROUPS, INDICATORS, type Indicator } from '../../shared/triage/indicators.js';
import {
  ASK_AGE_RULE, CLASSIFICATION_RULES, PURPOSE_RULES, RULES, URGENCY_RULES, suggestClassification,
  type SuggestInput, type Suggestion,
} from '../../shared/triage/suggest.js';

type Victims = SuggestInput['victims'];
const ADULT: Victims = [{ under18: false }];
const CHILD: Victims = [{ under18: true }];
const UNKNOWN: Victims = [{ under18: null }];

const CLASSIFICATION_IDS = new Set(CLASSIFICATION_RULES.map((r) => r.id));
const PURPOSE_IDS = new Set(PURPOSE_RULES.map((r) => r.id));
const URGENCY_IDS = new Set(URGENCY_RULES.map((r) => r.id));

const classificationReasons = (s: Suggestion) => s.reasons.filter((r) => CLASSIFICATION_IDS.has(r.rule));
const ruleIds = (s: Suggestion) => s.reasons.map((r) => r.rule);

describe('triage suggestion (shared/triage/suggest.ts)', () => {
  describe('the rule table', () => {
    it('has unique ids, and bilingual descriptions that are not copies of each other', () => {
      const ids = RULES.map((r) => r.id);
      expect(new Set(ids).size).to.equal(ids.length);
      expect(ids).not.to.include(ASK_AGE_RULE);
      for (const r of RULES) {
        expect(r.description.vi.trim(), r.id).not.to.equal('');
        expect(r.description.en.trim(), r.id).not.to.equal('');
        expect(r.description.vi, r.id).not.to.equal(r.description.en);
        expect(r.description.vi.normalize('NFD'), `${r.id} vi has no diacritics`).to.match(/[\u0300-\u036f]/);
      }
    });

    it('lists urgency, then classification, then purpose rules, in that order', () => {
      expect(RULES.map((r) => r.kind)).to.deep.equal([
        ...URGENCY_RULES.map(() => 'urgency'),
        ...CLASSIFICATION_RULES.map(() => 'classification'),
        ...PURPOSE_RULES.map(() => 'purpose'),
      ]);
    });

    it('maps every exploitation indicator to at least one purpose', () => {
      for (const i of INDICATOR_GROUPS.exploitation) {
        expect(suggestClassification({ indicators: [i], victims: ADULT }).purposes, i).not.to.be.empty;
      }
    });
  });

  describe('classification: each rule fires on its case and not on near-misses', () => {
    type Case = {
      name: string;
      indicators: Indicator[];
      victims?: Victims;
      callType?: CallType | null;
      immediateDanger?: boolean;
      classification: Classification | null;
      /** the classification rule that must decide; null: no classification reason at all */
      rule: string | null;
      /** the indicators that reason must name */
      triggered?: Indicator[];
    };
    const cases: Case[] = [
      // strong single indicators
      { name: 'a child sold', indicators: ['child_sold'], victims: UNKNOWN, classification: 'trafficking', rule: 'child_sold', triggered: ['child_sold'] },
      { name: 'a child sold, even with other signs (first rule wins)', indicators: ['confinement', 'commercial_sex', 'child_sold'], victims: ADULT, classification: 'trafficking', rule: 'child_sold', triggered: ['child_sold'] },
      { name: 'near-miss of child_sold: commercial sex alone (adult)', indicators: ['commercial_sex'], victims: ADULT, classification: 'suspected_trafficking', rule: 'exploitation_without_means', triggered: ['commercial_sex'] },
      { name: 'ransom while confined', indicators: ['ransom_demand', 'confinement'], victims: ADULT, classification: 'trafficking', rule: 'ransom_while_confined', triggered: ['confinement', 'ransom_demand'] },
      { name: 'ransom while confined wins over exploitation_with_means', indicators: ['forced_work_quotas', 'ransom_demand', 'confinement'], victims: ADULT, classification: 'trafficking', rule: 'ransom_while_confined', triggered: ['confinement', 'ransom_demand'] },
      { name: 'near-miss: ransom demand without confinement', indicators: ['ransom_demand'], victims: ADULT, classification: null, rule: 'not_enough', triggered: ['ransom_demand'] },
      { name: 'near-miss: confinement without ransom', indicators: ['confinement'], victims: ADULT, classification: null, rule: 'not_enough', triggered: ['confinement'] },
      { name: 'brokered forced marriage', indicators: ['forced_marriage', 'marriage_broker'], victims: ADULT, classification: 'trafficking', rule: 'brokered_forced_marriage', triggered: ['marriage_broker', 'forced_marriage'] },
      { name: 'near-miss: a marriage broker alone', indicators: ['marriage_broker'], victims: ADULT, classification: null, rule: 'not_enough', triggered: ['marriage_broker'] },
      { name: 'near-miss: forced marriage without broker or means', indicators: ['forced_marriage'], victims: ADULT, classification: 'suspected_trafficking', rule: 'exploitation_without_means', triggered: ['forced_marriage'] },
      // purpose + means
      { name: 'forced work + passport confiscated', indicators: ['passport_confiscated', 'forced_work_quotas'], victims: ADULT, classification: 'trafficking', rule: 'exploitation_with_means', triggered: ['passport_confiscated', 'forced_work_quotas'] },
      { name: 'unpaid wages + deceptive job offer (deception is a means)', indicators: ['unpaid_wages', 'deceptive_job_offer'], victims: ADULT, classification: 'trafficking', rule: 'exploitation_with_means', triggered: ['deceptive_job_offer', 'unpaid_wages'] },
      { name: 'commercial sex + documents taken on the way', indicators: ['commercial_sex', 'documents_taken'], victims: ADULT, classification: 'trafficking', rule: 'exploitation_with_means', triggered: ['documents_taken', 'commercial_sex'] },
      { name: 'exploitation + means names only the act/means/purpose indicators found, not the others', indicators: ['debt_bondage', 'forced_work_quotas', 'irregular_border_crossing'], victims: ADULT, classification: 'trafficking', rule: 'exploitation_with_means', triggered: ['debt_bondage', 'forced_work_quotas'] },
      { name: 'near-miss: unpaid wages + border crossing (an act, not a means), adult', indicators: ['unpaid_wages', 'irregular_border_crossing'], victims: ADULT, classification: 'suspected_trafficking', rule: 'exploitation_without_means', triggered: ['unpaid_wages'] },
      { name: 'near-miss: two means without act or exploitation', indicators: ['passport_confiscated', 'phone_confiscated'], victims: ADULT, classification: null, rule: 'not_enough', triggered: ['phone_confiscated', 'passport_confiscated'] },
      // under 18: no means needed
      { name: 'child recruited online and in commercial sex', indicators: ['commercial_sex', 'recruited_online'], victims: CHILD, classification: 'trafficking', rule: 'child_act_and_exploitation', triggered: ['recruited_online', 'commercial_sex'] },
      { name: 'child by exact age (15) moved and begging', indicators: ['moved_by_others', 'forced_begging_crime'], victims: [{ under18: null, age: 15 }], classification: 'trafficking', rule: 'child_act_and_exploitation', triggered: ['moved_by_others', 'forced_begging_crime'] },
      { name: 'one child among adults is enough', indicators: ['moved_by_others', 'forced_begging_crime'], victims: [...ADULT, ...CHILD], classification: 'trafficking', rule: 'child_act_and_exploitation' },
      { name: 'near-miss: same facts, adult', indicators: ['commercial_sex', 'recruited_online'], victims: ADULT, classification: 'suspected_trafficking', rule: 'exploitation_without_means', triggered: ['commercial_sex'] },
      { name: 'near-miss: exact age 19 overrides a stale under-18 flag', indicators: ['commercial_sex', 'recruited_online'], victims: [{ under18: true, age: 19 }], classification: 'suspected_trafficking', rule: 'exploitation_without_means' },
      { name: 'near-miss: child exploited, no act recorded', indicators: ['commercial_sex'], victims: CHILD, classification: 'suspected_trafficking', rule: 'exploitation_without_means', triggered: ['commercial_sex'] },
      { name: 'child moved by others (act only)', indicators: ['moved_by_others'], victims: CHILD, classification: 'suspected_trafficking', rule: 'child_act_only', triggered: ['moved_by_others'] },
      { name: 'child deceived and confined, no exploitation yet', indicators: ['confinement', 'deceptive_job_offer'], victims: CHILD, classification: 'suspected_trafficking', rule: 'child_act_only', triggered: ['deceptive_job_offer'] },
      { name: 'near-miss: adult moved by others (single act)', indicators: ['moved_by_others'], victims: ADULT, classification: null, rule: 'not_enough' },
      { name: 'near-miss: child with a control indicator only', indicators: ['phone_confiscated'], victims: CHILD, classification: null, rule: 'not_enough' },
      // recruitment/transport pattern, adult
      { name: 'easy job high pay + irregular border crossing', indicators: ['irregular_border_crossing', 'easy_job_high_pay'], victims: ADULT, classification: 'suspected_trafficking', rule: 'recruitment_transport_pattern', triggered: ['easy_job_high_pay', 'irregular_border_crossing'] },
      { name: 'easy job high pay recruited online', indicators: ['easy_job_high_pay', 'recruited_online'], victims: ADULT, classification: 'suspected_trafficking', rule: 'recruitment_transport_pattern', triggered: ['easy_job_high_pay', 'recruited_online'] },
      { name: 'moved by others + phone confiscated', indicators: ['moved_by_others', 'phone_confiscated'], victims: ADULT, classification: 'suspected_trafficking', rule: 'recruitment_transport_pattern', triggered: ['moved_by_others', 'phone_confiscated'] },
      { name: 'near-miss: easy job high pay alone', indicators: ['easy_job_high_pay'], victims: ADULT, classification: null, rule: 'not_enough', triggered: ['easy_job_high_pay'] },
      { name: 'near-miss: control indicators only, no act', indicators: ['isolated_no_language', 'phone_confiscated'], victims: ADULT, classification: null, rule: 'not_enough' },
      // no indicators
      { name: 'nothing checked, no call type', indicators: [], victims: [], classification: null, rule: null },
      { name: 'nothing checked, counselling call', indicators: [], victims: ADULT, callType: 'counselling', classification: null, rule: null },
      { name: 'nothing checked, report', indicators: [], victims: UNKNOWN, callType: 'report', classification: null, rule: null },
      ...(['silent', 'hang_up', 'prank', 'wrong_number', 'information'] as const).map(
        (callType): Case => ({ name: `nothing checked, ${callType} call`, indicators: [], victims: [], callType, classification: 'not_relevant', rule: 'not_relevant_call', triggered: [] }),
      ),
      { name: 'near-miss: silent call but an indicator checked', indicators: ['violence'], victims: [], callType: 'silent', classification: null, rule: 'not_enough' },
      { name: 'near-miss: prank call but immediate danger flagged', indicators: [], victims: [], callType: 'prank', immediateDanger: true, classification: null, rule: null },
    ];

    for (const c of cases) {
      it(c.name, () => {
        const s = suggestClassification({ indicators: c.indicators, victims: c.victims ?? ADULT, callType: c.callType, immediateDanger: c.immediateDanger });
        expect(s.classification).to.equal(c.classification);
        const cr = classificationReasons(s);
        if (c.rule === null) {
          expect(cr).to.deep.equal([]);
        } else {
          expect(cr.map((r) => r.rule), 'exactly one classification reason').to.deep.equal([c.rule]);
          if (c.triggered) expect(cr[0]?.indicators).to.deep.equal(c.triggered);
          const rule = CLASSIFICATION_RULES.find((r) => r.id === c.rule);
          expect(cr[0]?.message).to.deep.equal(rule?.description);
        }
      });
    }

    it('every classification rule is exercised by a case above', () => {
      const used = new Set(cases.map((c) => c.rule));
      for (const r of CLASSIFICATION_RULES) expect(used.has(r.id), r.id).to.equal(true);
    });

    it('never suggests other child protection (the checklist screens for trafficking only)', () => {
      for (const a of INDICATORS)
        for (const b of INDICATORS)
          for (const victims of [ADULT, CHILD])
            expect(suggestClassification({ indicators: [a, b], victims }).classification).not.to.equal('other_child_protection');
    });
  });

  describe('properties over every set of up to two indicators (and one more)', () => {
    const rank = (c: Classification | null) => (c === 'trafficking' ? 2 : c === 'suspected_trafficking' ? 1 : 0);
    const sets: Indicator[][] = [[]];
    INDICATORS.forEach((a, i) => {
      sets.push([a]);
      for (const b of INDICATORS.slice(i + 1)) sets.push([a, b]);
    });

    it('a child is never classified lower than an adult on the same indicators (no means needed under 18)', () => {
      let strictlyHigher = 0;
      for (const indicators of sets) {
        const adult = rank(suggestClassification({ indicators, victims: ADULT }).classification);
        const child = rank(suggestClassification({ indicators, victims: CHILD }).classification);
        expect(child, indicators.join('+')).to.be.at.least(adult);
        if (child > adult) strictlyHigher++;
      }
      expect(strictlyHigher, 'the under-18 rules must change some outcomes').to.be.greaterThan(0);
    });

    it('checking one more indicator never lowers the suggestion', () => {
      for (const indicators of sets)
        for (const extra of INDICATORS)
          for (const victims of [ADULT, CHILD]) {
            const before = rank(suggestClassification({ indicators, victims }).classification);
            const after = rank(suggestClassification({ indicators: [...indicators, extra], victims }).classification);
            expect(after, `${indicators.join('+')} + ${extra}`).to.be.at.least(before);
          }
    });

    it('every reason names only indicators that were checked, and any checked set gets exactly one classification reason', () => {
      for (const indicators of sets) {
        const s = suggestClassification({ indicators, victims: UNKNOWN, immediateDanger: false });
        for (const r of s.reasons) for (const i of r.indicators) expect(indicators, r.rule).to.include(i);
        expect(classificationReasons(s).length).to.equal(indicators.length ? 1 : 0);
        for (const r of s.reasons) if (r.rule !== 'urgent_flagged' && r.rule !== 'not_relevant_call') expect(r.indicators, r.rule).not.to.be.empty;
      }
    });

    it('a suggestion is never both not relevant and urgent, and not relevant only when nothing is checked', () => {
      for (const indicators of sets)
        for (const callType of ['silent', 'prank', 'information'] as const)
          for (const immediateDanger of [false, true]) {
            const s = suggestClassification({ indicators, victims: [], callType, immediateDanger });
            if (s.classification === 'not_relevant') {
              expect(s.urgent).to.equal(false);
              expect(indicators).to.be.empty;
            }
          }
    });
  });

  describe('purposes', () => {
    const cases: [Indicator[], TraffickingPurpose[], string[]][] = [
      [['commercial_sex'], ['sexual_exploitation'], ['purpose_sexual_exploitation']],
      [['forced_work_quotas'], ['forced_labour'], ['purpose_forced_labour']],
      [['unpaid_wages'], ['forced_labour'], ['purpose_forced_labour']],
      [['easy_job_high_pay', 'recruited_online'], ['forced_labour'], ['purpose_online_scam']],
      [['easy_job_high_pay'], [], []],
      [['recruited_online'], [], []],
      [['forced_marriage'], ['forced_marriage'], ['purpose_forced_marriage']],
      [['marriage_broker'], ['forced_marriage'], ['purpose_forced_marriage']],
      [['child_sold'], ['child_sale_adoption'], ['purpose_child_sale']],
      [['organ_removal_pressure'], ['organ_removal'], ['purpose_organ_removal']],
      [['forced_begging_crime'], ['forced_begging', 'forced_criminality'], ['purpose_begging_crime']],
      [['ransom_demand'], ['financial_gain'], ['purpose_financial_gain']],
      [['debt_bondage'], ['financial_gain'], ['purpose_financial_gain']],
      [['recruitment_debt'], [], []],
      [['violence', 'confinement', 'deceptive_job_offer', 'irregular_border_crossing'], [], []],
      [
        ['debt_bondage', 'recruited_online', 'commercial_sex', 'easy_job_high_pay', 'forced_work_quotas'],
        ['sexual_exploitation', 'forced_labour', 'financial_gain'],
        ['purpose_sexual_exploitation', 'purpose_forced_labour', 'purpose_online_scam', 'purpose_financial_gain'],
      ],
    ];
    for (const [indicators, purposes, rules] of cases) {
      it(`${indicators.join(' + ')} → ${purposes.join(', ') || 'no purpose'}`, () => {
        const s = suggestClassification({ indicators, victims: ADULT });
        expect(s.purposes).to.deep.equal(purposes);
        expect(ruleIds(s).filter((id) => PURPOSE_IDS.has(id))).to.deep.equal(rules);
      });
    }

    it('every purpose rule is exercised above', () => {
      const used = new Set(cases.flatMap((c) => c[2]));
      for (const r of PURPOSE_RULES) expect(used.has(r.id), r.id).to.equal(true);
    });

    it('purposes come in the canonical order, each once', () => {
      const s = suggestClassification({ indicators: [...INDICATOR_GROUPS.exploitation].reverse(), victims: ADULT });
      expect(s.purposes).to.deep.equal(TRAFFICKING_PURPOSES.filter((p) => s.purposes.includes(p)));
      expect(new Set(s.purposes).size).to.equal(s.purposes.length);
    });

    it('the online-scam reason names both indicators and mentions scam compounds', () => {
      const s = suggestClassification({ indicators: ['recruited_online', 'easy_job_high_pay'], victims: ADULT });
      const r = s.reasons.find((x) => x.rule === 'purpose_online_scam');
      expect(r?.indicators).to.deep.equal(['easy_job_high_pay', 'recruited_online']);
      expect(r?.message.en).to.match(/online-scam compounds/);
      expect(r?.message.vi).to.match(/lừa đảo trực tuyến/);
    });
  });

  describe('urgency', () => {
    it('the operator flag alone makes it urgent, with a reason pointing to police', () => {
      const s = suggestClassification({ indicators: [], victims: [], immediateDanger: true });
      expect(s.urgent).to.equal(true);
      expect(s.reasons.filter((r) => URGENCY_IDS.has(r.rule))).to.deep.equal([
        { rule: 'urgent_flagged', indicators: [], message: URGENCY_RULES[0]?.description },
      ]);
      expect(s.reasons[0]?.message.en).to.match(/danger now.*police/);
      expect(s.reasons[0]?.message.vi).to.match(/Công an/);
    });

    for (const i of ['confinement', 'violence', 'ransom_demand', 'threats_to_family'] as const) {
      it(`${i} makes it urgent and is named`, () => {
        const s = suggestClassification({ indicators: [i], victims: ADULT });
        expect(s.urgent).to.equal(true);
        expect(s.reasons.find((r) => r.rule === 'urgent_danger_signs')?.indicators).to.deep.equal([i]);
      });
    }

    const calm: Indicator[][] = [['phone_confiscated'], ['passport_confiscated', 'debt_bondage', 'isolated_no_language'], ['commercial_sex', 'easy_job_high_pay']];
    for (const indicators of calm) {
      it(`near-miss: ${indicators.join(' + ')} is not urgent`, () => {
        const s = suggestClassification({ indicators, victims: ADULT, immediateDanger: false });
        expect(s.urgent).to.equal(false);
        expect(ruleIds(s).filter((id) => URGENCY_IDS.has(id))).to.deep.equal([]);
      });
    }

    it('flag and danger signs together give both reasons, flag first, urgency before classification', () => {
      const s = suggestClassification({ indicators: ['violence', 'threats_to_family', 'moved_by_others'], victims: ADULT, immediateDanger: true });
      expect(ruleIds(s).slice(0, 3)).to.deep.equal(['urgent_flagged', 'urgent_danger_signs', 'recruitment_transport_pattern']);
      expect(s.reasons[1]?.indicators).to.deep.equal(['threats_to_family', 'violence']);
    });
  });

  describe('asking the age', () => {
    it('unknown age and an act only: no suggestion, but says a child would be suspected trafficking', () => {
      const s = suggestClassification({ indicators: ['moved_by_others'], victims: UNKNOWN });
      expect(s.classification).to.equal(null);
      const r = s.reasons.find((x) => x.rule === ASK_AGE_RULE);
      expect(r?.indicators).to.deep.equal(['moved_by_others']);
      expect(r?.message.vi).to.include('Nghi mua bán người');
      expect(r?.message.en).to.include('Suspected trafficking');
    });

    it('no victim recorded yet counts as unknown age', () => {
      const s = suggestClassification({ indicators: ['irregular_border_crossing', 'commercial_sex'], victims: [] });
      expect(s.classification).to.equal('suspected_trafficking');
      const r = s.reasons.find((x) => x.rule === ASK_AGE_RULE);
      expect(r?.indicators).to.deep.equal(['irregular_border_crossing', 'commercial_sex']);
      expect(r?.message.vi).to.include('«Mua bán người»');
    });

    it('is not added when the age is known, a child is known, or the age would not change anything', () => {
      for (const [indicators, victims] of [
        [['moved_by_others'], ADULT],
        [['moved_by_others'], CHILD],
        [['moved_by_others'], [...UNKNOWN, ...CHILD]],
        [['forced_work_quotas', 'confinement'], UNKNOWN],
        [['phone_confiscated'], UNKNOWN],
        [[], UNKNOWN],
      ] as [Indicator[], Victims][]) {
        const s = suggestClassification({ indicators, victims });
        expect(ruleIds(s), indicators.join('+')).not.to.include(ASK_AGE_RULE);
      }
    });
  });

  describe('determinism', () => {
    const input = {
      indicators: ['commercial_sex', 'confinement', 'recruited_online', 'easy_job_high_pay', 'ransom_demand'] as Indicator[],
      victims: UNKNOWN,
      callType: 'report' as const,
    };

    it('the same input gives the same output, whatever the order or repetition of indicators', () => {
      const expected = suggestClassification(input);
      const variants = [
        [...input.indicators].reverse(),
        [...input.indicators, ...input.indicators],
        [input.indicators[2], input.indicators[0], input.indicators[4], input.indicators[1], input.indicators[3]] as Indicator[],
      ];
      for (const indicators of variants) expect(suggestClassification({ ...input, indicators })).to.deep.equal(expected);
    });

    it('reasons come in table order: urgency, classification, age, purposes', () => {
      const s = suggestClassification(input);
      expect(ruleIds(s)).to.deep.equal([
        'urgent_danger_signs',
        'ransom_while_confined',
        'purpose_sexual_exploitation',
        'purpose_online_scam',
        'purpose_financial_gain',
      ]);
      expect(s.urgent).to.equal(true);
      expect(s.classification).to.equal('trafficking');
      expect(s.purposes).to.deep.equal(['sexual_exploitation', 'forced_labour', 'financial_gain']);
    });

    it('does not mutate its input, and a returned message cannot change the table', () => {
      const copy = structuredClone(input);
      const s = suggestClassification(input);
      expect(input).to.deep.equal(copy);
      const r = s.reasons.find((x) => x.rule === 'ransom_while_confined');
      if (r) r.message.en = 'changed';
      expect(CLASSIFICATION_RULES.find((x) => x.id === 'ransom_while_confined')?.description.en).not.to.equal('changed');
    });
  });
});
