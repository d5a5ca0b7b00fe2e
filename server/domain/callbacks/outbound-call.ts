import type { AppContext } from '../../app-context.js';
import { operatorIdentity } from '../voice/identity.js';

/**
 * The softphone's outgoing call (the TwiML App's voice URL): allowed only for the callback attempt the operator just
 * started on a contact they hold. The caller's number is decrypted here and never reaches the browser. Returns what
 * to dial, or null (refused).
 */
export async function outboundCallback(
  ctx: Pick<AppContext, 'db' | 'crypto' | 'config'>, p: { from: string; contactId: number; callSid: string },
): Promise<{ number: string; attemptId: number } | null> {
  const row = await ctx.db.selectFrom('contacts as c')
    .innerJoin('callbacks as cb', 'cb.contact_id', 'c.id')
    .innerJoin('callback_attempts as a', 'a.callback_id', 'cb.id')
    .select(['c.claimed_by', 'c.caller_phone_enc', 'a.id as attempt_id', 'a.operator_id', 'a.call_sid', 'a.outcome'])
    .where('c.id', '=', p.contactId).where('cb.status', '=', 'open')
    .orderBy('a.id', 'desc').limit(1).executeTakeFirst();
  if (!row || row.claimed_by == null || row.operator_id !== row.claimed_by || row.outcome || row.call_sid || !row.caller_phone_enc) return null;
  if (p.from !== `client:${operatorIdentity(ctx.config.SESSION_SECRET, row.claimed_by)}`) return null;
  const claimed = await ctx.db.updateTable('callback_attempts').set({ call_sid: p.callSid }).where('id', '=', row.attempt_id).where('call_sid', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return null;
  return { number: ctx.crypto.decrypt(row.caller_phone_enc), attemptId: row.attempt_id };
}

/** How the callback's call went at Twilio (completed, no-answer, busy, failed): the operator records the outcome. */
export async function outboundResult(ctx: Pick<AppContext, 'db' | 'clock'>, attemptId: number, dialStatus: string): Promise<void> {
  await ctx.db.updateTable('callback_attempts').set({ dial_status: dialStatus, ended_at: ctx.clock.now() }).where('id', '=', attemptId).execute();
}
