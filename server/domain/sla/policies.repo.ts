import { PRIORITIES, type Priority, type SlaPolicyBody, type SlaPolicyView } from '../../../shared/index.js';
import { configChanged } from '../../db/config-cache.js';
import type { Executor } from '../../db/database.js';
import { DEFAULT_SLA_POLICIES } from './default-policies.js';

/** Loads the defaults for any priority without a policy; never touches one an admin has set. Safe to run concurrently. */
export async function ensureDefaultSlaPolicies(db: Executor): Promise<number> {
  const r = await db
    .insertInto('sla_policies')
    .values(PRIORITIES.map((p) => toRow(p, DEFAULT_SLA_POLICIES[p], null)))
    .onConflict((oc) => oc.column('priority').doNothing())
    .returning('priority')
    .execute();
  if (r.length) configChanged();
  return r.length;
}

function toRow(priority: Priority, p: SlaPolicyBody, by: number | null) {
  return {
    priority,
    targets: JSON.stringify(p.targets),
    calendar: JSON.stringify(p.calendar),
    warn_percent: p.warnPercent,
    supervisor_after_percent: p.supervisorAfterPercent,
    updated_by: by,
  };
}

export async function listPolicies(db: Executor): Promise<SlaPolicyView[]> {
  const rows = await db
    .selectFrom('sla_policies as p')
    .leftJoin('users as u', 'u.id', 'p.updated_by')
    .select(['p.priority', 'p.targets', 'p.calendar', 'p.warn_percent', 'p.supervisor_after_percent', 'p.updated_at', 'u.display_name'])
    .execute();
  const order = (p: Priority) => PRIORITIES.indexOf(p);
  return rows
    .map((r) => ({
      priority: r.priority,
      targets: r.targets,
      calendar: r.calendar,
      warnPercent: r.warn_percent,
      supervisorAfterPercent: r.supervisor_after_percent,
      updatedAt: r.updated_at.toISOString(),
      updatedBy: r.display_name ?? null,
    }))
    .sort((a, b) => order(a.priority) - order(b.priority));
}

export async function savePolicy(db: Executor, priority: Priority, p: SlaPolicyBody, by: number, at: Date) {
  await db
    .insertInto('sla_policies')
    .values({ ...toRow(priority, p, by), updated_at: at })
    .onConflict((oc) => oc.column('priority').doUpdateSet({ ...toRow(priority, p, by), updated_at: at }))
    .execute();
  configChanged();
}
