import { sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { writeAudit } from '../audit/audit.repo.js';

/**
 * Recordings older than RECORDING_RETENTION_DAYS are deleted at Twilio (0 keeps them), a batch at a time, each
 * deletion audited. Returns how many were deleted. A failure leaves the rest for the next run.
 */
export async function deleteOldRecordings(ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'voice' | 'log'>, batch = 100): Promise<number> {
  const days = ctx.config.RECORDING_RETENTION_DAYS;
  if (days === 0) return 0;
  const before = new Date(ctx.clock.now().getTime() - days * 86_400_000);
  const rows = await ctx.db.selectFrom('contacts').select(['id', 'recording_sid'])
    .where('recording_sid', 'is not', null).where('recording_deleted_at', 'is', null)
    .where(sql<boolean>`coalesce(answered_at, received_at) < ${before}`)
    .orderBy('id').limit(batch).execute();
  let deleted = 0;
  for (const r of rows) {
    try {
      await ctx.voice.deleteRecording(r.recording_sid!);
    } catch (err) {
      ctx.log.warn(`recording of contact ${r.id} not deleted yet: ${(err as Error).message}`);
      continue;
    }
    const at = ctx.clock.now();
    await ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('contacts').set({ recording_deleted_at: at, recording_url: null }).where('id', '=', r.id).execute();
      await writeAudit(tx, { actorUserId: null, actorRole: 'system', action: 'contact.recording.delete', entityType: 'contact', entityId: r.id, details: { retentionDays: days } });
    });
    deleted++;
  }
  return deleted;
}
