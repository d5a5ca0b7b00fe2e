import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';

export interface AuditEntry {
  actorUserId: number | null;
  actorRole?: string | null;
  action: string;
  entityType?: string;
  entityId?: string | number;
  ip?: string | null;
  userAgent?: string | null;
  /** Never victim data: ids, field names and counts only. */
  details?: Record<string, unknown>;
}

function auditRow(e: AuditEntry) {
  return {
    actor_user_id: e.actorUserId,
    actor_role: e.actorRole ?? null,
    action: e.action,
    entity_type: e.entityType ?? null,
    entity_id: e.entityId == null ? null : String(e.entityId),
    ip: e.ip ?? null,
    user_agent: e.userAgent?.slice(0, 300) ?? null,
    details: JSON.stringify(e.details ?? {}),
  };
}

/** Who did what to which record, when and from where. The table refuses updates and deletes. */
export async function writeAudit(db: Executor, e: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(e)).execute();
}

/**
 * The same entry as an INSERT … SELECT, written once for each row of `source`: a CTE of a larger statement, so the
 * entry exists exactly when that statement's change happened (contacts/wrap-up-write.ts). With `entityIdColumn`, the
 * entity id is read from that column of `source` (a row the statement itself inserts, whose id is not yet known).
 */
export function auditInsertFor(e: AuditEntry, source: string, opts: { entityIdColumn?: string; moreDetails?: RawBuilder<unknown> } = {}) {
  const r = auditRow(e);
  // `moreDetails`: a jsonb object the statement itself decides (what it did), merged into the details.
  const details = opts.moreDetails ? sql`${r.details}::jsonb || ${opts.moreDetails}` : sql`${r.details}::jsonb`;
  const entityId = opts.entityIdColumn ? sql`${sql.ref(`${source}.${opts.entityIdColumn}`)}::text` : sql`${r.entity_id}`;
  return sql`insert into audit_log (actor_user_id, actor_role, action, entity_type, entity_id, ip, user_agent, details)
    select ${r.actor_user_id}, ${r.actor_role}, ${r.action}, ${r.entity_type}, ${entityId}, ${r.ip}, ${r.user_agent}, ${details}
    from ${sql.table(source)}`;
}
