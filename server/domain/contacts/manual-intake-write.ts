import { sql } from 'kysely';
import type { CallType, Channel, Classification, RepeatContact } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import type { AuditEntry } from '../audit/audit.repo.js';
import { toRepeatContact, type ContactRow, type SummaryRow } from './contacts.repo.js';

export interface ManualContactWrite {
  channel: Channel;
  /** Already encrypted / hashed / masked. */
  phoneEnc: string | null;
  phoneHash: string | null;
  masked: string | null;
  handleEnc: string | null;
  draftEnc: string | null;
  receivedAt: Date;
  createdBy: number;
  /** Claimed by its creator at once (an operator always; a supervisor may log one for the queue). */
  claimedAt: Date | null;
  audit: Omit<AuditEntry, 'entityId' | 'entityType'>;
}

type EarlierJson = { id: number; channel: Channel; received_at: string; call_type: CallType | null; classification: Classification | null; operator: string | null };
export type ManualContactRow = ContactRow & SummaryRow & { earlier: EarlierJson[] | null };

/**
 * Contacts logged by hand, in one statement for the whole batch (atomic without BEGIN/COMMIT, one WAL flush; the
 * requests that arrive together share it: intake.service.ts): each contact with its first draft and claim, and its
 * audit entry. It returns each whole row, the queue summary's columns and the earlier contacts from the same number,
 * in the order given, so the answers and the live events need no further reads. The statement's snapshot never
 * includes the rows it inserts, so "earlier" and repeat_count count only other contacts (a batch never holds two
 * contacts from one number: the group commit's key keeps them apart). Unlike the webhook batches it runs prepared
 * (db/prepared-statements.ts): its plan does not depend on the batch, and bench:intake measured PostgreSQL's CPU per
 * create at 600/s 0.48 ms prepared against 0.63 ms planned afresh.
 */
export async function insertManualContacts(db: Executor, ws: ManualContactWrite[]): Promise<ManualContactRow[]> {
  const input = JSON.stringify(ws.map((w, ord) => ({
    ord, channel: w.channel, phone_enc: w.phoneEnc, phone_hash: w.phoneHash, masked: w.masked, handle_enc: w.handleEnc, draft_enc: w.draftEnc,
    received_at: w.receivedAt.toISOString(), created_by: w.createdBy, claimed_at: w.claimedAt?.toISOString() ?? null,
    actor_role: w.audit.actorRole ?? null, action: w.audit.action, ip: w.audit.ip ?? null, user_agent: w.audit.userAgent?.slice(0, 300) ?? null,
    details: w.audit.details ?? {},
  })));
  const r = await sql<ManualContactRow & { ord: number }>`
    with input as materialized (
      select i.*, nextval(pg_get_serial_sequence('contacts', 'id')) as new_id
      from json_to_recordset(${input}::json)
        as i(ord int, channel text, phone_enc text, phone_hash text, masked text, handle_enc text, draft_enc text, received_at timestamptz,
             created_by int, claimed_at timestamptz, actor_role text, action text, ip text, user_agent text, details jsonb)
    ), c as (
      insert into contacts (id, channel, caller_phone_enc, caller_phone_hash, caller_masked, caller_handle_enc, received_at, created_by,
        draft_enc, status, claimed_by, claimed_at)
      select i.new_id, i.channel, i.phone_enc, i.phone_hash, i.masked, i.handle_enc, i.received_at, i.created_by, i.draft_enc,
        case when i.claimed_at is null then 'queued' else 'in_progress' end, case when i.claimed_at is null then null else i.created_by end, i.claimed_at
      from input i order by i.ord
      returning *
    ), audit as (
      insert into audit_log (actor_user_id, actor_role, action, entity_type, entity_id, ip, user_agent, details)
      select i.created_by, i.actor_role, i.action, 'contact', i.new_id::text, i.ip, i.user_agent, i.details from input i order by i.ord
    )
    select c.*, input.ord,
      (select u.display_name from users u where u.id = c.claimed_by) as claimed_by_name,
      null::json as callback,
      case when c.caller_phone_hash is null then 0 else (
        select count(*)::int from contacts p where p.caller_phone_hash = c.caller_phone_hash and p.received_at < c.received_at
      ) end as repeat_count,
      case when c.caller_phone_hash is null then null else (
        select json_agg(e order by e.received_at desc) from (
          select p.id, p.channel, p.received_at, p.call_type, p.classification, u.display_name as operator
          from contacts p left join users u on u.id = p.closed_by
          where p.caller_phone_hash = c.caller_phone_hash order by p.received_at desc limit 20
        ) e
      ) end as earlier
    from c join input on input.new_id = c.id`.execute(db);
  const byOrd = new Map(r.rows.map(({ ord, ...row }) => [Number(ord), row as ManualContactRow]));
  return ws.map((_, ord) => byOrd.get(ord)!);
}

export const earlierFromJson = (rows: EarlierJson[] | null): RepeatContact[] => (rows ?? []).map(toRepeatContact);
