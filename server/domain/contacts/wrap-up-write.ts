import { sql } from 'kysely';
import { OPEN_REFERRAL_STATUSES, type ContactSummary, type WrapUpBody } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { auditInsertFor } from '../audit/audit.repo.js';
import { caseContactIds } from '../cases/cases.repo.js';
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
   * The case the contact was attached to when read (a follow-up; null: none). The write only matches it still so.
   * A follow-up's `news` (event details, its text sealed) goes on every open referral of that case as 'new_information'.
   */
  caseContactId: number | null;
  news: Record<string, unknown> | null;
}

export interface WrapUpWritten {
  summary: ContactSummary;
  /** The referrals told of a follow-up. */
  informed: number[];
  /** A routing request was written: a contact to refer, or a follow-up that reopened its closed case. */
  routed: boolean;
}

/**
 * The whole wrap-up in one statement, so atomic without BEGIN/COMMIT: the classification on the contact, its
 * victims with the blind index of their names, the routing request for a case to refer, and the audit entry.
 * A follow-up (issue 17) puts its new information on its case's open referrals; when the case has none open (all
 * closed or declined out), nobody would read it, so it is routed like a new contact instead and reopens the case:
 * decided in the statement, from one snapshot, so the news goes one way or the other and is never dropped. It only
 * matches a contact still in progress under this operator; otherwise nothing is written and the answer is null.
 */
export async function storeWrapUp(db: Executor, w: WrapUpWrite): Promise<WrapUpWritten | null> {
  const b = w.body;
  const victims = JSON.stringify(b.victims.map((v, i) => ({
    position: i, name_enc: w.victimNames[i]?.enc ?? null, sex: v.sex, age: v.age, age_band: v.ageBand, ethnicity: v.ethnicity, nationality: v.nationality, under18: v.under18,
  })));
  const tokens = JSON.stringify(w.victimNames.flatMap((n, i) => n.hashes.map((h) => ({ position: i, h }))));
  const audit = auditInsertFor({
    actorUserId: w.operator.id, actorRole: w.operator.role, action: 'contact.wrap_up', entityType: 'contact', entityId: w.contactId,
    ip: w.operator.ip, userAgent: w.operator.userAgent, details: { classification: b.classification, victims: b.victims.length, ...(w.caseContactId != null && { caseId: w.caseContactId }) },
  }, 'c', { moreDetails: sql`jsonb_build_object('routed', exists (select 1 from request))
    || case when ${w.caseContactId != null}::boolean and exists (select 1 from request) then '{"reopened": true}'::jsonb else '{}'::jsonb end` });
  const followUp = w.caseContactId != null;
  const r = await sql<SummaryRow & { informed: number[] | null; routed: boolean }>`
    with open_case as (
      select exists (
        select 1 from referrals r where r.contact_id in ${caseContactIds(sql`${w.caseContactId}::bigint`)}
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
        and case_contact_id is not distinct from ${w.caseContactId}::bigint
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
      where ${w.routable}::boolean and (not ${followUp}::boolean or not open_case.open)
      on conflict (contact_id) do nothing
      returning contact_id
    ), news as (
      insert into referral_events (referral_id, type, at, actor_user_id, details)
      select r.id, 'new_information', ${w.at}, ${w.operator.id}, ${JSON.stringify(w.news ?? {})}::jsonb
      from c join referrals r on r.contact_id in ${caseContactIds(sql`${w.caseContactId}::bigint`)}
      where ${w.news != null}::boolean and r.status in (${sql.join(OPEN_REFERRAL_STATUSES)})
      order by r.id
      returning referral_id
    ), audit as (${audit})
    select c.*, (select array_agg(referral_id order by referral_id) from news) as informed, exists (select 1 from request) as routed
    from c`.execute(db);
  const row = r.rows[0];
  return row ? { summary: toSummary(row), informed: (row.informed ?? []).map(Number), routed: row.routed } : null;
}
