/**
 * Evaluation of the triage aid's rule table (suggest-rules.ts, where the table and how to read it are explained): the
 * checked indicators suggest a classification, purposes and urgency, each with its reasons. The operator decides.
 */
import { type CallType, TRAFFICKING_PURPOSES, type TraffickingPurpose } from '../intake.js';
import { LABELS } from '../i18n/labels.js';
import { INDICATORS, type Indicator } from './indicators.js';
import {
  ASK_AGE_RULE, CLASSIFICATION_RULES, PURPOSE_RULES, URGENCY_RULES,
  type ClassificationRule, type Condition, type Reason, type Rule, type SuggestInput, type Suggestion,
} from './suggest-rules.js';

export * from './suggest-rules.js';

/** What the rules look at, derived from the input. */
export type RuleContext = {
  checked: ReadonlySet<Indicator>;
  child: boolean;
  callType: CallType | null;
  immediateDanger: boolean;
};

/** The indicators that made the condition hold (checklist order), or null when it does not hold. */
export function matchCondition(when: Condition, ctx: RuleContext): Indicator[] | null {
  const found = new Set<Indicator>();
  const has = (i: Indicator) => ctx.checked.has(i);
  if (when.noIndicators !== undefined && (ctx.checked.size === 0) !== when.noIndicators) return null;
  if (when.child !== undefined && ctx.child !== when.child) return null;
  if (when.immediateDanger !== undefined && ctx.immediateDanger !== when.immediateDanger) return null;
  if (when.callTypeIn && (ctx.callType == null || !when.callTypeIn.includes(ctx.callType))) return null;
  for (const i of when.allOf ?? []) {
    if (!has(i)) return null;
    found.add(i);
  }
  for (const list of when.anyOf ?? []) {
    const hits = list.filter(has);
    if (hits.length === 0) return null;
    for (const i of hits) found.add(i);
  }
  if (when.noneOf?.some(has)) return null;
  if (when.atLeast) {
    const hits = [...new Set(when.atLeast.of)].filter(has);
    if (hits.length < when.atLeast.count) return null;
    for (const i of hits) found.add(i);
  }
  return INDICATORS.filter((i) => found.has(i));
}

function reason(rule: Rule, indicators: Indicator[]): Reason {
  return { rule: rule.id, indicators, message: { ...rule.description } };
}

function classify(ctx: RuleContext): { rule: ClassificationRule; indicators: Indicator[] } | null {
  for (const rule of CLASSIFICATION_RULES) {
    const indicators = matchCondition(rule.when, ctx);
    if (indicators) return { rule, indicators };
  }
  return null;
}

function isChild(v: { under18: boolean | null; age?: number | null }): boolean | null {
  return v.age != null ? v.age < 18 : v.under18;
}

export function suggestClassification(input: SuggestInput): Suggestion {
  const ages = input.victims.map(isChild);
  const ctx: RuleContext = {
    checked: new Set(input.indicators),
    child: ages.some((a) => a === true),
    callType: input.callType ?? null,
    immediateDanger: input.immediateDanger === true,
  };
  const reasons: Reason[] = [];

  let urgent = false;
  for (const rule of URGENCY_RULES) {
    const hit = matchCondition(rule.when, ctx);
    if (hit) {
      urgent = true;
      reasons.push(reason(rule, hit));
    }
  }

  const decided = classify(ctx);
  if (decided) reasons.push(reason(decided.rule, decided.indicators));
  const classification = decided?.rule.then.classification ?? null;

  if (!ctx.child && (ages.length === 0 || ages.includes(null))) {
    const asChild = classify({ ...ctx, child: true });
    const childClassification = asChild?.rule.then.classification ?? null;
    if (asChild && childClassification !== classification && childClassification !== null) {
      const c = LABELS.classification[childClassification];
      reasons.push({
        rule: ASK_AGE_RULE,
        indicators: asChild.indicators,
        message: {
          vi: `Chưa rõ tuổi nạn nhân. Nếu dưới 18 tuổi thì không cần yếu tố thủ đoạn (Luật 53/2024) và gợi ý sẽ là «${c.vi}». Hãy hỏi tuổi.`,
          en: `The victim's age is not known. If under 18, no means is needed (Law 53/2024) and the suggestion would be "${c.en}". Ask the age.`,
        },
      });
    }
  }

  const purposes = new Set<TraffickingPurpose>();
  for (const rule of PURPOSE_RULES) {
    const hit = matchCondition(rule.when, ctx);
    if (hit) {
      for (const p of rule.then.purposes) purposes.add(p);
      reasons.push(reason(rule, hit));
    }
  }

  return {
    classification,
    purposes: TRAFFICKING_PURPOSES.filter((p) => purposes.has(p)),
    reasons,
    urgent,
  };
}
