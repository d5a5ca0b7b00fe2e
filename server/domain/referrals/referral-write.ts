import { sql } from 'kysely';
import type { ReferralEventType, ReferralSummary } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { clockRows } from '../sla/clocks.repo.js';
import { clocksJsonFrom } from '../sla/clock-views.js';
import { toSummary, victimsJson, type SummaryRow } from './referral-views.js';
import type { LoadedPolicy } from '../sla/clock-policy.js';
import { alertRows } from './referral-notify.js';
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

/** One referral's row of the statement's input (its events, clocks and alerts nested), in the order written. */
function inputRow(ctx: Pick<AppContext, 'crypto'>, r: ReferralWrite, n: number) {
  const clocks = r.agency ? clockRows(r.agency.policy, { priority: r.priority, at: r.at, rerouteMinutes: r.agency.rerouteMinutes }) : [];
  const phones = r.agency?.focalPhones ?? [];
  const events = [
    { n: 0, type: r.event.type, actor_user_id: r.event.actorUserId, details: r.event.details },
    ...(phones.length ? [{ n: 1, type: 'notified', actor_user_id: null, details: { focalPoints: phones.length } }] : []),
  ];
  return {
    row: {
      n, contact_id: r.contactId, track: r.track, agency_id: r.agencyId, status: r.agencyId == null ? 'needs_supervisor' : 'pending',
      priority: r.priority, rule_id: r.ruleId, target_index: r.targetIndex, why: r.why, previous_referral_id: r.previousReferralId ?? null,
      at: r.at, mark_routed: r.markRouted ?? false, events,
      // n: the order in which they are written (their ids follow it).
      alerts: alertRows(ctx.crypto, r.contactId, r.priority, phones).map((a, i) => ({ n: i, ...a })),
      clocks,
    },
    schedule: clocks.flatMap((c) => (c.next_at ? [c.next_at] : [])),
  };
}

/**
 * New referrals with everything that comes with each, in one statement (so atomic without BEGIN/COMMIT): the
 * referral, its first events ('notified' too when it has focal points), its SLA clocks and its SMS alerts
 * (encrypted here: the key never reaches the database). Null for one that already exists (a duplicate or retried
 * job: the partial unique indexes decide, so concurrent workers cannot both win); nothing else is written for it
 * then, but its routing request is still marked done (`markRouted`). Each new one comes back with its summary, built
 * from what the statement wrote (a statement does not see its own inserts, so the clocks come from their RETURNING).
 *
 * Several contacts' referrals share the statement (group commit, referral-batch.ts); within it a referral is told
 * from the others by (contact, track), which the open-referral unique index makes unique among new ones.
 */
export async function writeReferrals(db: Executor, ctx: Pick<AppContext, 'crypto'>, rs: readonly ReferralWrite[]): Promise<(WrittenReferral | null)[]> {
  if (rs.length === 0) return [];
  const input = rs.map((r, n) => inputRow(ctx, r, n));
  const res = await sql<SummaryRow & { alerts: number[] | null; track: string }>`
    with input as (
      select * from json_to_recordset(${JSON.stringify(input.map((i) => i.row))}::json) as i(n int, contact_id bigint, track text,
        agency_id int, status text, priority text, rule_id int, target_index int, why jsonb, previous_referral_id bigint, at timestamptz,
        mark_routed boolean, events json, clocks json, alerts json)
    ), routed as (
      update routing_requests q set routed_at = i.at, enqueued_at = coalesce(q.enqueued_at, i.at)
        from input i where i.mark_routed and q.contact_id = i.contact_id and q.routed_at is null
    ), ins as (
      insert into referrals (contact_id, track, agency_id, status, priority, rule_id, target_index, why, previous_referral_id, created_at, updated_at)
      select contact_id, track, agency_id, status, priority, rule_id, target_index, why, previous_referral_id, at, at from input order by n
      on conflict do nothing
      returning id, contact_id, track, status, priority, agency_id, why, attempt, created_at, accepted_at, first_action_at, closed_at,
        outcome, decline_reason_enc, outcome_reason_enc
    ), fresh as (
      select ins.*, i.n, i.events, i.clocks, i.alerts from ins join input i on i.contact_id = ins.contact_id and i.track = ins.track
    ), events as (
      insert into referral_events (referral_id, type, at, actor_user_id, details)
      select f.id, e.type, f.created_at, e.actor_user_id, e.details
      from fresh f, json_to_recordset(f.events) as e(n int, type text, actor_user_id int, details jsonb)
      order by f.n, e.n
    ), clocks as (
      insert into sla_clocks (referral_id, kind, state, priority, target, calendar, warn_percent, supervisor_after_percent,
        started_at, warn_at, due_at, next_at, updated_at)
      select f.id, c.kind, c.state, c.priority, c.target, c.calendar, c.warn_percent, c.supervisor_after_percent,
        c.started_at, c.warn_at, c.due_at, c.next_at, c.updated_at
      from fresh f, json_to_recordset(f.clocks)
        as c(kind text, state text, priority text, target jsonb, calendar jsonb, warn_percent int, supervisor_after_percent int,
             started_at timestamptz, warn_at timestamptz, due_at timestamptz, next_at timestamptz, updated_at timestamptz)
      returning id, referral_id, kind, state, started_at, warn_at, due_at, warned_at, breached_at, met_at, paused_at, pause_reason_enc, escalation_level
    ), alerts as (
      insert into notifications (purpose, channel, to_enc, to_masked, body_enc, referral_id, created_at, updated_at)
      select 'referral_alert', 'sms', a.to_enc, a.to_masked, a.body_enc, f.id, f.created_at, f.created_at
      from fresh f, json_to_recordset(f.alerts) as a(n int, to_enc text, to_masked text, body_enc text)
      order by f.n, a.n
      returning id, referral_id
    )
    select f.id, f.contact_id, f.track, f.status, f.priority, f.agency_id, a.name as agency_name, f.why, f.attempt,
      f.created_at, f.accepted_at, f.first_action_at, f.closed_at, f.outcome, f.decline_reason_enc, f.outcome_reason_enc,
      c.classification, c.purposes, c.immediate_danger, c.location_kind, c.location_country, u.path as unit_name,
      ${placeNowSql(sql.ref('u.id'))} as unit_now, ${placeChainSql(sql.ref('u.id'))} as unit_chain,
      c.needs, c.wishes, c.consent, ${victimsJson(sql.ref('c.id'))} as victims,
      ${clocksJsonFrom(sql`clocks k where k.referral_id = f.id`)} as clocks,
      (select array_agg(x.id order by x.id) from alerts x where x.referral_id = f.id) as alerts
    from fresh f join contacts c on c.id = f.contact_id
    left join agencies a on a.id = f.agency_id
    left join admin_units u on u.id = c.location_unit_id`.execute(db);
  const byKey = new Map(res.rows.map((row) => [`${row.contact_id}:${row.track}`, row]));
  return rs.map((r, i) => {
    const row = byKey.get(`${r.contactId}:${r.track}`);
    return row ? { id: Number(row.id), alerts: (row.alerts ?? []).map(Number), schedule: input[i]!.schedule, summary: toSummary(row) } : null;
  });
}

/** One referral (writeReferrals for one). */
export async function writeReferral(db: Executor, ctx: Pick<AppContext, 'crypto'>, r: ReferralWrite): Promise<WrittenReferral | null> {
  return (await writeReferrals(db, ctx, [r]))[0]!;
}
