import { sql, type Selectable } from 'kysely';
import type { z } from 'zod';
import { REFERRAL_TRACKS, routingRuleBody, type RoutingRule, type RoutingRuleBody } from '../../../shared/index.js';
import { configCache, configChanged } from '../../db/config-cache.js';
import type { Executor } from '../../db/database.js';
import type { RoutingRulesTable } from '../../db/schema.js';
import { parseOrThrow } from '../../http/validate.js';
import { resolveUnitIds } from '../units/units.repo.js';
import { inTransaction } from '../units/units-import.js';
import { DEFAULT_RULES } from './default-rules.js';

export type RoutingRuleInput = z.input<typeof routingRuleBody>;
export type RoutingRuleRow = RoutingRule & { updatedAt: string };

function toRule(r: Selectable<RoutingRulesTable>): RoutingRuleRow {
  return {
    id: r.id,
    name: r.name,
    track: r.track,
    position: r.position,
    active: r.active,
    filter: r.filter,
    targets: r.targets,
    onExhausted: r.on_exhausted,
    updatedAt: r.updated_at.toISOString(),
  };
}

function columns(b: RoutingRuleBody) {
  return {
    name: b.name,
    track: b.track,
    position: b.position,
    active: b.active,
    filter: JSON.stringify(b.filter),
    targets: JSON.stringify(b.targets),
    on_exhausted: b.onExhausted,
  };
}

/** Parses with routingRuleBody and checks that every `locationWithin` unit exists (400 naming `filter.locationWithin.<i>`). */
async function validated(db: Executor, input: RoutingRuleInput | RoutingRuleBody): Promise<RoutingRuleBody> {
  const body = parseOrThrow(routingRuleBody, input, 'routing rule');
  if (body.filter.locationWithin) await resolveUnitIds(db, body.filter.locationWithin, 'filter.locationWithin');
  return body;
}

const trackOrder = sql<number>`array_position(${sql.val([...REFERRAL_TRACKS])}::text[], track)`;

/** Every rule (active or not), for administrators: by track (primary, police, shelter, border_guard), then position. */
export async function listRules(db: Executor): Promise<RoutingRuleRow[]> {
  const rows = await db.selectFrom('routing_rules').selectAll().orderBy(trackOrder).orderBy('position').orderBy('id').execute();
  return rows.map(toRule);
}

const activeRules = configCache<'active', RoutingRuleRow[]>();

/** The rules routing evaluates: active ones, by track then position (kept for a second, see configCache). */
export function listActiveRules(db: Executor): Promise<RoutingRuleRow[]> {
  return activeRules.get(db, 'active', readActiveRules);
}

async function readActiveRules(db: Executor): Promise<RoutingRuleRow[]> {
  const rows = await db
    .selectFrom('routing_rules')
    .selectAll()
    .where('active', '=', true)
    .orderBy(trackOrder)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toRule);
}

export async function getRule(db: Executor, id: number): Promise<RoutingRuleRow | null> {
  const r = await db.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRule(r) : null;
}

export async function createRule(db: Executor, input: RoutingRuleInput | RoutingRuleBody): Promise<RoutingRuleRow> {
  const body = await validated(db, input);
  const r = await db.insertInto('routing_rules').values(columns(body)).returningAll().executeTakeFirstOrThrow();
  configChanged();
  return toRule(r);
}

/** Replaces the rule; null when there is no such rule. */
export async function updateRule(db: Executor, id: number, input: RoutingRuleInput | RoutingRuleBody): Promise<RoutingRuleRow | null> {
  const body = await validated(db, input);
  const r = await db
    .updateTable('routing_rules')
    .set({ ...columns(body), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  configChanged();
  return r ? toRule(r) : null;
}

/**
 * Loads DEFAULT_RULES into an empty routing_rules table and returns how many it inserted (0 when there were
 * rules already: an administrator's edits are never overwritten). Safe at every start: a transaction-scoped
 * advisory lock keeps two processes starting together from both inserting.
 */
export async function ensureDefaultRules(db: Executor): Promise<number> {
  return inTransaction(db, async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('hotline111:routing-rules'))`.execute(tx);
    const { n } = await tx.selectFrom('routing_rules').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n) > 0) return 0;
    for (const rule of DEFAULT_RULES) await tx.insertInto('routing_rules').values(columns(routingRuleBody.parse(rule))).execute();
    configChanged();
    return DEFAULT_RULES.length;
  });
}
