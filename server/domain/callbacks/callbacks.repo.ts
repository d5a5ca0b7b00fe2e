import type { CallbackReason } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';

/**
 * A missed call becomes a callback task (once per contact: a second report of the same miss changes nothing). The
 * contact stays in the operators' queue until someone reaches the caller or the attempts run out. Returns the new
 * callback's id, or null when the contact had one already.
 */
export async function openCallback(db: Executor, contactId: number, reason: CallbackReason, at: Date): Promise<number | null> {
  const r = await db.insertInto('callbacks').values({ contact_id: contactId, reason, created_at: at })
    .onConflict((oc) => oc.column('contact_id').doNothing()).returning('id').executeTakeFirst();
  return r?.id ?? null;
}
