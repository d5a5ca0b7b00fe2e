import { sql } from 'kysely';
import type { ReferralEventType, ReferralSummary } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { clockRows } from '../sla/clocks.repo.js';
import { clocksJsonFrom } from '../sla/clock-views.js';
import { toSummary, victimsJson, type SummaryRow } from './referral-views.js';
import type { LoadedPolicy } from '../sla/clock-policy.js';
import { alertRows } from './referral-notify.js';
import { markRoutedUpdate } from '../routing/routing-outbox.js';
import type { NewReferral } from './referrals.repo.js';
import { placeChainSql, placeNowSql } from '../units/unit-cover.js';

export interface ReferralWrite extends NewReferral {
  /** The first event: 'created' for an agency, 'needs_supervisor' for the supervisor's queue. */
  event: { type: ReferralEventType; actorUserId: number | null; details: Record<string, unknown> };
  /** For an agency: where its SMS alerts go, and the clocks' policy (none for the supervisor's queue). */
  agency: { focalPhones: readonly string[]; policy: LoadedPolicy; rerouteMinutes: number | null } | null;
  /** The routing worker's case: its routing request is done with this statement (routing/routing-outbox.ts). */
  markRouted?: boolean;
}

export interface WrittenReferral {
  id: number;
  /** The SMS alerts written (to enqueue once this commits). */
  alerts: number[];
  /** When the new clocks next need the SLA engine (the timers to schedule). */
  schedule: Date[];
  /** What the inbox and the supervisors are told (as getReferralSummary would read it after the commit). */
  summary: ReferralSummary;
}

/**
 * A new referral with everything that comes with it, in one statement (so atomic without BEGIN/COMMIT): the
 * referral, its first events ('notified' too when it has focal points), its SLA clocks and its SMS alerts
 * (encrypted here: the key never reaches the database). Null when it already exists (a duplicate or retried job:
 * the partial unique indexes decide, so concurrent workers cannot both win); nothing else is written then, but
 * the routing request is still marked done (`markRoutedUpdate`). It answers with the referral's summary, built from what it wrote (a
 * statement does not see its own inserts, so the clocks come from their RETURNING).
 */
export async function writeReferral(db: Executor, ctx: Pick<AppContext, 'crypto'>, r: ReferralWrite): Promise<WrittenReferral | null> {
  const clocks = r.agency ? clockRows(r.agency.policy, { priority: r.priority, at: r.at, rerouteMinutes: r.agency.rerouteMinutes }) : [];
  const phones = r.agency?.focalPhones ?? [];
  // n: the order in which they are written (their ids follow it).
  const alerts = alertRows(ctx.crypto, r.contactId, r.priority, phones).map((a, n) => ({ n, ...a }));
  const events = [
    { n: 0, type: r.event.type, actor_user_id: r.event.actorUserId, details: r.event.details },
    ...(phones.length ? [{ n: 1, type: 'notified', actor_user_id: null, details: { focalPoints: phones.length } }] : []),
  ];
  const res = await sql<SummaryRow & { alerts: number[] | null }>`
    with ${r.markRouted ? sql`routed as (${markRoutedUpdate(r.contactId, r.at)}),` : sql``} ins as (
      insert into referrals (contact_id, track, agency_id, status, priority, rule_id, target_index, why, previous_referral_id, created_at, updated_at)
      values (${r.contactId}, ${r.track}, ${r.agencyId}, ${r.agencyId == null ? 'needs_supervisor' : 'pending'}, ${r.priority}, ${r.ruleId},
        ${r.targetIndex}, ${JSON.stringify(r.why)}::jsonb, ${r.previousReferralId ?? null}, ${r.at}, ${r.at})
      on conflict do nothing
      returning id, contact_id, track, status, priority, agency_id, why, attempt, created_at, accepted_at, first_action_at, closed_at,
        outcome, decline_reason_enc, outcome_reason_enc
    ), events as (
      insert into referral_events (referral_id, type, at, actor_user_id, details)
      select ins.id, e.type, ${r.at}, e.actor_user_id, e.details
      from ins, json_to_recordset(${JSON.stringify(events)}::json) as e(n int, type text, actor_user_id int, details jsonb)
      order by e.n
    ), clocks as (
      insert into sla_clocks (referral_id, kind, state, priority, target, calendar, warn_percent, supervisor_after_percent,
        started_at, warn_at, due_at, next_at, updated_at)
      select ins.id, c.kind, c.state, c.priority, c.target, c.calendar, c.warn_percent, c.supervisor_after_percent,
        c.started_at, c.warn_at, c.due_at, c.next_at, c.updated_at
      from ins, json_to_recordset(${JSON.stringify(clocks)}::json)
        as c(kind text, state text, priority text, target jsonb, calendar jsonb, warn_percent int, supervisor_after_percent int,
             started_at timestamptz, warn_at timestamptz, due_at timestamptz, next_at timestamptz, updated_at timestamptz)
      returning id, kind, state, started_at, warn_at, due_at, warned_at, breached_at, met_at, paused_at, pause_reason_enc, escalation_level
    ), alerts as (
      insert into notifications (purpose, channel, to_enc, to_masked, body_enc, referral_id, created_at, updated_at)
      select 'referral_alert', 'sms', a.to_enc, a.to_masked, a.body_enc, ins.id, ${r.at}, ${r.at}
      from ins, json_to_recordset(${JSON.stringify(alerts)}::json) as a(n int, to_enc text, to_masked text, body_enc text)
      order by a.n
      returning id
    )
    select ins.id, ins.contact_id, ins.track, ins.status, ins.priority, ins.agency_id, a.name as agency_name, ins.why, ins.attempt,
      ins.created_at, ins.accepted_at, ins.first_action_at, ins.closed_at, ins.outcome, ins.decline_reason_enc, ins.outcome_reason_enc,
      c.classification, c.purposes, c.immediate_danger, c.location_kind, c.location_country, u.path as unit_name,
      ${placeNowSql(sql.ref('u.id'))} as unit_now, ${placeChainSql(sql.ref('u.id'))} as unit_chain,
      c.needs, c.wishes, c.consent, ${victimsJson(sql.ref('c.id'))} as victims, ${clocksJsonFrom(sql`clocks k`)} as clocks,
      (select array_agg(id order by id) from alerts) as alerts
    from ins join contacts c on c.id = ins.contact_id
    left join agencies a on a.id = ins.agency_id
    left join admin_units u on u.id = c.location_unit_id`.execute(db);
  const row = res.rows[0];
  if (!row) return null;
  return {
    id: Number(row.id),
    alerts: (row.alerts ?? []).map(Number),
    schedule: clocks.flatMap((c) => (c.next_at ? [c.next_at] : [])),
    summary: toSummary(row),
  };
}
