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

/** Who did what to which record, when and from where. The table refuses updates and deletes. */
export async function writeAudit(db: Executor, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: e.actorUserId,
      actor_role: e.actorRole ?? null,
      action: e.action,
      entity_type: e.entityType ?? null,
      entity_id: e.entityId == null ? null : String(e.entityId),
      ip: e.ip ?? null,
      user_agent: e.userAgent?.slice(0, 300) ?? null,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}
