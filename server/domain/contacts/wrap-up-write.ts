import { sql } from 'kysely';
import { OPEN_REFERRAL_STATUSES, type ContactSummary, type WrapUpBody } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { auditInsertFor } from '../audit/audit.repo.js';
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
  /** Write the routing request (the transactional outbox) with it. */
  routed: boolean;
  /**
   * The case the contact was attached to when read (a follow-up; null: none). The write only matches it still so.
   * A follow-up's `news` (event details, its text sealed) goes on every open referral of that case as 'new_information'.
   */
  caseContactId: number | null;
  news: Record<string, unknown> | null;
}

/**
 * The whole wrap-up in one statement, so atomic without BEGIN/COMMIT: the classification on the contact, its
 * victims with the blind index of their names, the routing request for a case to refer (or, for a follow-up, the new
 * information on its case's open referrals, issue 17), and the audit entry. It only matches a contact still in
 * progress under this operator; otherwise nothing is written and the answer is null. Returns the closed contact's
 * queue summary (what the consoles are told) and the referrals told of a follow-up.
 */
export async function storeWrapUp(db: Executor, w: WrapUpWrite): Promise<{ summary: ContactSummary; informed: number[] } | null> {
  const b = w.body;
  const victims = JSON.stringify(b.victims.map((v, i) => ({
    position: i, name_enc: w.victimNames[i]?.enc ?? null, sex: v.sex, age: v.age, age_band: v.ageBand, ethnicity: v.ethnicity, nationality: v.nationality, under18: v.under18,
  })));
  const tokens = JSON.stringify(w.victimNames.flatMap((n, i) => n.hashes.map((h) => ({ position: i, h }))));
  const audit = auditInsertFor({
    actorUserId: w.operator.id, actorRole: w.operator.role, action: 'contact.wrap_up', entityType: 'contact', entityId: w.contactId,
    ip: w.operator.ip, userAgent: w.operator.userAgent, details: { classification: b.classification, victims: b.victims.length, routed: w.routed, ...(w.caseContactId != null && { caseId: w.caseContactId }) },
  }, 'c');
  const r = await sql<SummaryRow & { informed: number[] | null }>`
    with c as (
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
      insert into routing_requests (contact_id, created_at) select c.id, ${w.at} from c where ${w.routed}::boolean
      on conflict (contact_id) do nothing
    ), news as (
      insert into referral_events (referral_id, type, at, actor_user_id, details)
      select r.id, 'new_information', ${w.at}, ${w.operator.id}, ${JSON.stringify(w.news ?? {})}::jsonb
      from c join referrals r on r.contact_id = ${w.caseContactId}::bigint
      where ${w.news != null}::boolean and r.status in (${sql.join(OPEN_REFERRAL_STATUSES)})
      order by r.id
      returning referral_id
    ), audit as (${audit})
    select c.*, (select array_agg(referral_id order by referral_id) from news) as informed from c`.execute(db);
  const row = r.rows[0];
  return row ? { summary: toSummary(row), informed: (row.informed ?? []).map(Number) } : null;
}
