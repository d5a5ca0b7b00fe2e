import { sql, type RawBuilder } from 'kysely';
import type { BoardContact, BoardQuery, BoardReferral, CallStatus, EscalationView, SlaBoard } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { NO_TEXT, type TextReader } from '../disclosure/disclosure.js';
import { contactRef } from '../contacts/contacts.repo.js';
import { clocksJson, toClockView, type ClockRow } from './clock-views.js';
import { placeNowSql } from '../units/unit-cover.js';

/**
 * The province of a case's location on today's map, as {id, name}: a place recorded with old units counts in the
 * 2025 province that holds it (so old Hà Giang is Tuyên Quang), else its own province; null when abroad or unknown.
 */
export function caseProvince(locationUnitId: RawBuilder<unknown> | ReturnType<typeof sql.ref>) {
  return sql<{ id: number; name: string } | null>`(
    select json_build_object('id', p.id, 'name', p.name)
      from unit_cover uc join admin_units p on p.id = uc.cover_id
     where uc.unit_id = ${locationUnitId} and p.level = 'province'
     order by (p.dataset = 'vn-2025') desc, p.id limit 1)`;
}

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

/**
 * Open referrals with their clocks, the open contacts, and escalations waiting for a decision. `text`: the
 * supervisor's reader of free text (pause reasons, resolutions), from the disclosure decision.
 */
export async function loadBoard(db: Executor, f: BoardQuery, now: Date, text: TextReader): Promise<SlaBoard> {
  const rows = await sql<{
    id: number; contact_id: number; track: BoardReferral['track']; status: BoardReferral['status']; priority: BoardReferral['priority'];
    classification: BoardReferral['classification']; agency_id: number | null; agency_name: string | null;
    province: { id: number; name: string } | null; place: string | null; place_now: string | null; created_at: Date; clocks: ClockRow[];
  }>`
    select * from (
      select r.id, r.contact_id, r.track, r.status, r.priority, c.classification, r.agency_id, a.name as agency_name, a.type as agency_type,
             r.created_at, ${caseProvince(sql.ref('c.location_unit_id'))} as province, ${clocksJson(sql.ref('r.id'))} as clocks,
             (select path from admin_units where id = c.location_unit_id) as place, ${placeNowSql(sql.ref('c.location_unit_id'))} as place_now,
             (select min(k.due_at) from sla_clocks k where k.referral_id = r.id and k.state in ('running', 'breached') and k.met_at is null) as next_due
        from referrals r
        join contacts c on c.id = r.contact_id
        left join agencies a on a.id = r.agency_id
       where r.status in ('pending', 'accepted', 'in_progress', 'needs_supervisor')
         ${f.agencyId ? sql`and r.agency_id = ${f.agencyId}` : sql``}
         ${f.agencyType ? sql`and a.type = ${f.agencyType}` : sql``}
         ${f.priority ? sql`and r.priority = ${f.priority}` : sql``}
         ${f.classification ? sql`and c.classification = ${f.classification}` : sql``}
    ) b
    ${f.provinceId ? sql`where (b.province->>'id')::int = ${f.provinceId}` : sql``}
    order by b.next_due asc nulls last, b.created_at asc
    limit 500`.execute(db);

  const referrals: BoardReferral[] = rows.rows.map((r) => ({
    id: r.id, contactRef: contactRef(r.contact_id), track: r.track, status: r.status, priority: r.priority, classification: r.classification,
    agency: r.agency_id != null ? { id: r.agency_id, name: r.agency_name ?? '' } : null, province: r.province,
    place: r.place ? { path: r.place, now: r.place_now } : null,
    createdAt: iso(r.created_at)!, clocks: (r.clocks ?? []).map((c) => toClockView(c, text)),
  }));

  const contacts: BoardContact[] = (
    await db.selectFrom('contacts as c').leftJoin('users as u', 'u.id', 'c.claimed_by')
      .select(['c.id', 'c.channel', 'c.status', 'c.received_at', 'c.claimed_at', 'u.display_name', 'c.call_status', 'c.ended_at', 'c.training'])
      .where('c.status', '<>', 'closed').orderBy('c.received_at').limit(200).execute()
  ).map((c) => ({
    id: c.id, contactRef: contactRef(c.id), channel: c.channel, status: c.status, receivedAt: iso(c.received_at)!, claimedAt: iso(c.claimed_at), operator: c.display_name ?? null,
    callStatus: (c.call_status as CallStatus | null) ?? null, endedAt: iso(c.ended_at), training: c.training,
  }));

  return { generatedAt: now.toISOString(), referrals, contacts, escalations: await openEscalations(db, text, undefined, undefined, f) };
}

/**
 * Open escalations as a supervisor decides them (level 2), one by id, or the level-1 alerts sent to a parent agency
 * (`toAgencyId`: then without where the case went next). They stay open until a person resolves them, also when
 * their referral has since been declined or expired: each says where the case is now.
 * The board's filters narrow the supervisor's list as they narrow its referrals.
 */
export async function openEscalations(db: Executor, text: TextReader = NO_TEXT, id?: number, toAgencyId?: number, f: BoardQuery = {}): Promise<EscalationView[]> {
  let q = db
    .selectFrom('sla_escalations as e')
    .innerJoin('sla_clocks as k', 'k.id', 'e.clock_id')
    .innerJoin('referrals as r', 'r.id', 'e.referral_id')
    .innerJoin('contacts as c', 'c.id', 'r.contact_id')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('agencies as t', 't.id', 'e.to_agency_id')
    .leftJoin('users as u', 'u.id', 'e.resolved_by')
    // The newest referral of the case on this track: where it is now (the escalated one, or where it moved on to).
    .leftJoinLateral(
      (eb) => eb.selectFrom('referrals as n').leftJoin('agencies as na', 'na.id', 'n.agency_id')
        .select(['n.id as now_id', 'n.status as now_status', 'n.agency_id as now_agency_id', 'na.name as now_agency_name'])
        .whereRef('n.contact_id', '=', 'r.contact_id').whereRef('n.track', '=', 'r.track').orderBy('n.id', 'desc').limit(1).as('now'),
      (join) => join.onTrue(),
    )
    .select([
      'e.id', 'e.referral_id', 'r.contact_id', 'k.kind', 'e.level', 'r.priority', 'r.agency_id', 'a.name as agency_name', 'e.to_agency_id',
      't.name as to_name', 'e.created_at', 'e.resolved_at', 'u.display_name as resolved_by', 'u.agency_id as resolver_agency', 'e.resolution_enc', 'r.track', 'r.status',
      'now.now_id', 'now.now_status', 'now.now_agency_id', 'now.now_agency_name',
    ]);
  // The board lists the supervisor's decisions (level 2); the parent agency's alert (level 1) is on the timeline.
  if (id != null) q = q.where('e.id', '=', id);
  else if (toAgencyId != null) q = q.where('e.resolved_at', 'is', null).where('e.level', '=', 1).where('e.to_agency_id', '=', toAgencyId).orderBy('e.created_at').limit(200);
  else {
    q = q.where('e.resolved_at', 'is', null).where('e.level', '=', 2);
    if (f.agencyId) q = q.where('r.agency_id', '=', f.agencyId);
    if (f.agencyType) q = q.where('a.type', '=', f.agencyType);
    if (f.priority) q = q.where('r.priority', '=', f.priority);
    if (f.classification) q = q.where('c.classification', '=', f.classification);
    if (f.provinceId) q = q.where(sql<number>`(${caseProvince(sql.ref('c.location_unit_id'))}->>'id')::int`, '=', f.provinceId);
    q = q.orderBy('e.created_at').limit(200);
  }
  return (await q.execute()).map((e) => ({
    id: e.id, referralId: e.referral_id, contactRef: contactRef(e.contact_id), clockKind: e.kind, level: e.level as 1 | 2, priority: e.priority,
    agency: e.agency_id != null ? { id: e.agency_id, name: e.agency_name ?? '' } : null,
    escalatedTo: e.to_agency_id != null ? { id: e.to_agency_id, name: e.to_name ?? '' } : null,
    track: e.track, referralStatus: e.status,
    // A parent agency is told about its office's deadline, not where the case went after it.
    current: toAgencyId == null && e.now_id != null && e.now_id !== e.referral_id
      ? { referralId: e.now_id, status: e.now_status!, agency: e.now_agency_id != null ? { id: e.now_agency_id, name: e.now_agency_name ?? '' } : null }
      : null,
    createdAt: iso(e.created_at)!, resolvedAt: iso(e.resolved_at), resolvedBy: e.resolved_by ?? null,
    // A parent agency reads the resolution its own officer wrote; supervisors read every one.
    resolution: text.read(e.resolution_enc, e.resolver_agency),
  }));
}
