import { useTranslation } from 'react-i18next';
import type { RoutingRule, RuleFilter, RuleTarget } from '../../../../shared/index.js';
import { useLabels } from '../../i18n/use-labels.js';
import { unitKey, type KnownUnits } from '../agencies/chosen-units.js';

const BOOLEAN_CONDITIONS = ['immediateDanger', 'under18', 'abroad', 'needsShelter'] as const;
export type BooleanCondition = (typeof BOOLEAN_CONDITIONS)[number];
export { BOOLEAN_CONDITIONS };

/** A filter with no condition set matches every case. */
export function matchesEverything(f: RuleFilter): boolean {
  return Object.values(f).every((v) => v === undefined);
}

const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase() + s.slice(1) : s);

/** The pieces of a rule's sentence ("If: … → try in turn: … ; if nobody accepts: …") in the console's language. */
export function useRuleText(names: KnownUnits) {
  const { t } = useTranslation();
  const { label } = useLabels();

  const duration = (minutes: number) => {
    if (minutes >= 1440 && minutes % 1440 === 0) return t('routing.duration.days', { count: minutes / 1440 });
    if (minutes >= 60) {
      const h = Math.floor(minutes / 60);
      const m = minutes % 60;
      return m ? t('routing.duration.hoursMinutes', { h, m }) : t('routing.duration.hours', { count: h });
    }
    return t('routing.duration.minutes', { count: minutes });
  };

  const unitName = (u: { dataset: string; code: string }) => names[unitKey(u)]?.name ?? u.code;

  const conditions = (f: RuleFilter): string[] => {
    const out: string[] = [];
    if (f.classifications) out.push(t('routing.cond.classifications', { list: `{${f.classifications.map((c) => label('classification', c)).join(', ')}}` }));
    for (const k of BOOLEAN_CONDITIONS) {
      const v = f[k];
      if (v !== undefined) out.push(t(`routing.cond.${k}.${v ? 'yes' : 'no'}`));
    }
    if (f.locationWithin) out.push(t('routing.cond.locationWithin', { list: `{${f.locationWithin.map(unitName).join(', ')}}` }));
    return out;
  };

  const target = (tg: RuleTarget) =>
    t('routing.target.describe', {
      agency: t(`agencyTypes.${tg.agencyType}`),
      scope: t(`routing.scope.${tg.scope}`),
      priority: tg.priority === 'case' ? t('routing.priorityCase') : lowerFirst(t(`referral.priority.${tg.priority}`)),
      timeout: duration(tg.timeoutMinutes),
    });

  const exhausted = (r: Pick<RoutingRule, 'onExhausted'>) => t(`routing.exhausted.${r.onExhausted}`);

  return { conditions, target, exhausted, duration, unitName };
}
