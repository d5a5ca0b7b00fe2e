import { sql } from 'kysely';
import { BUSINESS_UNITS, SLA_METRICS, type ClockKind, type Priority, type SlaMetric, type SlaTarget, type WorkingCalendar } from '../../../shared/index.js';
import { configCache } from '../../db/config-cache.js';
import type { Executor } from '../../db/database.js';
import { dueAt, warnAt } from './business-calendar.js';
import { buildDayRules, type DayRules } from './vn-holidays.js';

export interface LoadedPolicy {
  targets: Record<SlaMetric, SlaTarget>;
  calendar: WorkingCalendar;
  warnPercent: number;
  supervisorAfterPercent: number;
  days: DayRules;
}

const policies = configCache<Priority, LoadedPolicy>();

/**
 * The priority's policy with the holiday overrides (both small, read in one round trip), kept for a second
 * outside a transaction (see configCache): every new referral's clocks start from it.
 */
export function loadPolicy(db: Executor, priority: Priority): Promise<LoadedPolicy> {
  return policies.get(db, priority, (d) => readPolicy(d, priority));
}

async function readPolicy(db: Executor, priority: Priority): Promise<LoadedPolicy> {
  const r = await db
    .selectFrom('sla_policies')
    .select(['targets', 'calendar', 'warn_percent', 'supervisor_after_percent'])
    .select(() => [
      sql<{ date: string; kind: 'holiday' | 'workday' }[]>`(select coalesce(json_agg(json_build_object('date', h.date, 'kind', h.kind)), '[]') from holiday_overrides h)`.as('overrides'),
    ])
    .where('priority', '=', priority)
    .executeTakeFirst();
  if (!r) throw new Error(`no SLA policy for priority ${priority}: run the migrations and start-up (ensureDefaultSlaPolicies)`);
  return {
    targets: r.targets,
    calendar: r.calendar,
    warnPercent: r.warn_percent,
    supervisorAfterPercent: r.supervisor_after_percent,
    days: buildDayRules(r.overrides),
  };
}

/** Holiday overrides with the law's holidays, for arithmetic on a clock that already exists (resume). */
export async function loadDayRules(db: Executor): Promise<DayRules> {
  return buildDayRules(await db.selectFrom('holiday_overrides').select(['date', 'kind']).execute());
}

export interface PlannedClock {
  kind: ClockKind;
  target: SlaTarget;
  /** The calendar business targets count on; null when the target runs on the wall clock. */
  calendar: WorkingCalendar | null;
  warnPercent: number | null;
  supervisorAfterPercent: number | null;
  startedAt: Date;
  warnAt: Date | null;
  dueAt: Date;
}

export const isBusiness = (t: SlaTarget) => BUSINESS_UNITS.includes(t.unit);

/** The clocks a referral starts with: the three SLA deadlines, and the routing target's timeout when it has one. */
export function planClocks(policy: LoadedPolicy, at: Date, rerouteMinutes: number | null): PlannedClock[] {
  const clocks: PlannedClock[] = SLA_METRICS.map((kind) => {
    const target = policy.targets[kind];
    const business = isBusiness(target);
    const due = dueAt(at, target, policy.calendar, policy.days);
    return {
      kind,
      target,
      calendar: business ? policy.calendar : null,
      warnPercent: policy.warnPercent,
      supervisorAfterPercent: policy.supervisorAfterPercent,
      startedAt: at,
      warnAt: warnAt(at, due, policy.warnPercent, business, policy.calendar, policy.days),
      dueAt: due,
    };
  });
  if (rerouteMinutes != null && rerouteMinutes > 0) {
    clocks.push({
      kind: 'reroute', target: { value: rerouteMinutes, unit: 'minutes' }, calendar: null, warnPercent: null, supervisorAfterPercent: null,
      startedAt: at, warnAt: null, dueAt: new Date(at.getTime() + rerouteMinutes * 60_000),
    });
  }
  return clocks;
}

/** When the supervisor is asked to decide after a breach: a share of the clock's own span past its due time. */
export function supervisorStepAt(startedAt: Date, dueAt: Date, breachedAt: Date, percent: number | null): Date {
  const span = Math.max(0, dueAt.getTime() - startedAt.getTime());
  return new Date(Math.max(breachedAt.getTime(), dueAt.getTime() + (span * (percent ?? 25)) / 100));
}
