import { sql } from 'kysely';
import type { CallType, Channel, Classification, RepeatContact } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { auditInsertFor, type AuditEntry } from '../audit/audit.repo.js';
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
 * A contact logged by hand, in one statement (atomic without BEGIN/COMMIT, one WAL flush): the contact with its
 * first draft and claim, and the audit entry. It returns the whole row, the queue summary's columns and the earlier
 * contacts from the same number, so the answer and the live event need no further reads. The statement's snapshot
 * never includes the row it inserts, so "earlier" and repeat_count count only other contacts.
 */
export async function insertManualContact(db: Executor, w: ManualContactWrite): Promise<ManualContactRow> {
  const claimedBy = w.claimedAt ? w.createdBy : null;
  const audit = auditInsertFor({ ...w.audit, entityType: 'contact' }, 'c', { entityIdColumn: 'id' });
  const r = await sql<ManualContactRow>`
    with c as (
      insert into contacts (channel, caller_phone_enc, caller_phone_hash, caller_masked, caller_handle_enc, received_at, created_by,
        draft_enc, status, claimed_by, claimed_at)
      values (${w.channel}, ${w.phoneEnc}, ${w.phoneHash}, ${w.masked}, ${w.handleEnc}, ${w.receivedAt}, ${w.createdBy},
        ${w.draftEnc}, ${claimedBy == null ? 'queued' : 'in_progress'}, ${claimedBy}, ${w.claimedAt})
      returning *
    ), audit as (${audit})
    select c.*,
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
    from c`.execute(db);
  return r.rows[0]!;
}

export const earlierFromJson = (rows: EarlierJson[] | null): RepeatContact[] => (rows ?? []).map(toRepeatContact);
