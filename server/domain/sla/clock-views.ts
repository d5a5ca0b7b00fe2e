import { sql, type RawBuilder } from 'kysely';
import type { ClockView } from '../../../shared/index.js';
import { NO_TEXT, type TextReader } from '../disclosure/disclosure.js';

/** Clocks of a referral as JSON, in a fixed order (acknowledge, first action, close, re-route); for a correlated subquery. */
export function clocksJson(referralId: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<ClockRow[]> {
  return clocksJsonFrom(sql`sla_clocks k where k.referral_id = ${referralId}`);
}

/** The same JSON over any rows of sla_clocks' columns aliased `k` (say, the RETURNING of an insert in a CTE). */
export function clocksJsonFrom(from: RawBuilder<unknown>): RawBuilder<ClockRow[]> {
  return sql<ClockRow[]>`(
    select coalesce(json_agg(json_build_object(
      'id', k.id, 'kind', k.kind, 'state', k.state, 'started_at', k.started_at, 'warn_at', k.warn_at, 'due_at', k.due_at,
      'warned_at', k.warned_at, 'breached_at', k.breached_at, 'met_at', k.met_at, 'paused_at', k.paused_at,
      'pause_reason_enc', k.pause_reason_enc, 'escalation_level', k.escalation_level,
      -- Whose words the pause reason is: the agency of the person who paused (they read their own reason).
      'paused_by_agency', case when k.paused_at is not null then (select u.agency_id from sla_clock_pauses p join users u on u.id = p.paused_by
        where p.clock_id = k.id and p.resumed_at is null order by p.id desc limit 1) end)
      order by array_position(array['acknowledge','first_action','close','reroute'], k.kind)), '[]')
    from ${from})`;
}

export interface ClockRow {
  id: number;
  kind: ClockView['kind'];
  state: ClockView['state'];
  started_at: string;
  warn_at: string | null;
  due_at: string;
  warned_at: string | null;
  breached_at: string | null;
  met_at: string | null;
  paused_at: string | null;
  pause_reason_enc: string | null;
  paused_by_agency: number | null;
  escalation_level: number;
}

const iso = (d: string | null) => (d == null ? null : new Date(d).toISOString());

/** `text`: how this viewer reads free text (disclosure.ts); by default not at all (the pause reason stays null). */
export function toClockView(r: ClockRow, text: TextReader = NO_TEXT): ClockView {
  return {
    id: Number(r.id),
    kind: r.kind,
    state: r.state,
    startedAt: iso(r.started_at)!,
    warnAt: iso(r.warn_at),
    dueAt: iso(r.due_at)!,
    warnedAt: iso(r.warned_at),
    breachedAt: iso(r.breached_at),
    metAt: iso(r.met_at),
    pausedAt: iso(r.paused_at),
    pauseReason: text.read(r.pause_reason_enc, r.paused_by_agency),
    escalationLevel: Math.min(2, Math.max(0, r.escalation_level)) as ClockView['escalationLevel'],
  };
}
