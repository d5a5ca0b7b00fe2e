import { sql } from 'kysely';
import { OPEN_REFERRAL_STATUSES, type ContactSummary, type WrapUpBody } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { auditInsertFor } from '../audit/audit.repo.js';
import { caseContactIds } from '../cases/cases.repo.js';
import { endWrapUpUpdate } from '../voice/operator-status.repo.js';
import { summaryReturning, toSummary, type SummaryRow } from './contacts.repo.js';

export interface WrapUpWrite {
  contactId: number;
  operator: { id: number; role: string; ip: string | null; userAgent: string | null };
  at: Date;
  body: WrapUpBody;
  locationUnitId: number | null;
  homeUnitId: number | null;
  /** Already encrypted: the narrative and the note on the victim's wishes. */
  narrativeEnc: string | null;
  wishesNoteEnc: string | null;
  /** Each victim's name, encrypted, and its blind index (search/name-index.ts), in the order of body.victims. */
  victimNames: { enc: string | null; hashes: string[] }[];
  /**
   * Its classification is one to refer. A contact on its own then gets the routing request (the transactional
   * outbox) with it; a follow-up only when its case has no open referral left (it reopens the case, issue 17).
   */
  routable: boolean;
  /**
   * What a follow-up (a contact attached to a case; the statement reads whether it is one) tells its case's open
   * referrals: a 'new_information' event's details, its text sealed.
   */
  news: Record<string, unknown>;
}

export interface WrapUpWritten {
  summary: ContactSummary;
  /** The referrals told of a follow-up. */
  informed: number[];
  /** A routing request was written: a contact to refer, or a follow-up that reopened its closed case. */
  routed: boolean;
  /** The operator was in wrap-up after this contact's call and is available again (their status changed with it). */
  operatorAvailable: boolean;
}

/**
 * The whole wrap-up in one statement, so atomic without BEGIN/COMMIT: the classification on the contact, its
 * victims with the blind index of their names, the routing request for a case to refer, the audit entry, and the
 * operator available again when they were in wrap-up after this contact's call.
 * A follow-up (issue 17) puts its new information on its case's open referrals; when the case has none open (all
 * closed or declined out), nobody would read it, so it is routed like a new contact instead and reopens the case:
 * decided in the statement, from one snapshot, so the news goes one way or the other and is never dropped. It only
 * matches a contact still in progress under this operator, attached to the case it was read with; otherwise nothing
 * is written and the answer is null.
 */
export async function storeWrapUp(db: Executor, w: WrapUpWrite): Promise<WrapUpWritten | null> {
  const b = w.body;
  const victims = JSON.stringify(b.victims.map((v, i) => ({
    position: i, name_enc: w.victimNames[i]?.enc ?? null, sex: v.sex, age: v.age, age_band: v.ageBand, ethnicity: v.ethnicity, nationality: v.nationality, under18: v.under18,
  })));
  const tokens = JSON.stringify(w.victimNames.flatMap((n, i) => n.hashes.map((h) => ({ position: i, h }))));
  const caseId = sql`(select case_id from target)`;
  const audit = auditInsertFor({
    actorUserId: w.operator.id, actorRole: w.operator.role, action: 'contact.wrap_up', entityType: 'contact', entityId: w.contactId,
    ip: w.operator.ip, userAgent: w.operator.userAgent, details: { classification: b.classification, victims: b.victims.length },
  }, 'c', { moreDetails: sql`jsonb_build_object('routed', exists (select 1 from request))
    || case when ${caseId} is null then '{}'::jsonb else jsonb_build_object('caseId', ${caseId}) end
    || case when ${caseId} is not null and exists (select 1 from request) then '{"reopened": true}'::jsonb else '{}'::jsonb end` });
  const r = await sql<SummaryRow & { informed: number[] | null; routed: boolean; operator_available: boolean }>`
    with target as (
      select case_contact_id as case_id from contacts where id = ${w.contactId}
    ), open_case as (
      -- "${caseId} is not null" first: a one-time filter, so a contact that is no follow-up (nearly all) scans nothing.
      select exists (
        select 1 from referrals r where ${caseId} is not null and r.contact_id in ${caseContactIds(caseId)}
          and r.status in (${sql.join(OPEN_REFERRAL_STATUSES)})
      ) as open
    ), c as (
      update contacts set
        status = 'closed', closed_at = ${w.at}, closed_by = ${w.operator.id}, call_type = ${b.callType}, classification = ${b.classification},
        purposes = ${b.purposes}::text[], indicators = ${b.indicators}::text[], needs = ${b.needs}::text[], immediate_danger = ${b.immediateDanger},
        location_kind = ${b.location.kind}, location_unit_id = ${w.locationUnitId}, home_unit_id = ${w.homeUnitId},
        location_country = ${b.location.kind === 'abroad' ? b.location.country : null},
        wishes = ${b.wishes}, wishes_note_enc = ${w.wishesNoteEnc}, consent = ${b.consent}, narrative_enc = ${w.narrativeEnc},
        draft_enc = null, unread_messages = 0
      where id = ${w.contactId} and status = 'in_progress' and claimed_by = ${w.operator.id}
        and case_contact_id is not distinct from ${caseId}
      returning ${summaryReturning('contacts')}
    ), victims as (
      insert into contact_victims (contact_id, position, name_enc, sex, age, age_band, ethnicity, nationality, under18)
      select c.id, v.position, v.name_enc, v.sex, v.age, v.age_band, v.ethnicity, v.nationality, v.under18
      from c, json_to_recordset(${victims}::json)
        as v(position int, name_enc text, sex text, age int, age_band text, ethnicity text, nationality text, under18 boolean)
      returning id, contact_id, position
    ), names as (
      insert into victim_name_index (token_hash, victim_id, contact_id)
      select t.h, victims.id, victims.contact_id from victims join json_to_recordset(${tokens}::json) as t(position int, h text) using (position)
      on conflict do nothing
    ), request as (
      insert into routing_requests (contact_id, created_at) select c.id, ${w.at} from c, open_case
      where ${w.routable}::boolean and (${caseId} is null or not open_case.open)
      on conflict (contact_id) do nothing
      returning contact_id
    ), news as (
      insert into referral_events (referral_id, type, at, actor_user_id, details)
      select r.id, 'new_information', ${w.at}, ${w.operator.id}, ${JSON.stringify(w.news)}::jsonb
      from c join referrals r on r.contact_id in ${caseContactIds(caseId)}
      where ${caseId} is not null and r.status in (${sql.join(OPEN_REFERRAL_STATUSES)})
      order by r.id
      returning referral_id
    ), available as (${endWrapUpUpdate(w.operator.id, w.contactId, w.at, sql`exists (select 1 from c)`)}
    ), audit as (${audit})
    select c.*, (select array_agg(referral_id order by referral_id) from news) as informed, exists (select 1 from request) as routed,
      exists (select 1 from available) as operator_available
    from c`.execute(db);
  const row = r.rows[0];
  return row ? { summary: toSummary(row), informed: (row.informed ?? []).map(Number), routed: row.routed, operatorAvailable: row.operator_available } : null;
}
