import { groupCommit } from '../../db/group-commit.js';
import type { ReferralCtx } from './referral-materialise.js';
import { writeReferrals, type ReferralWrite, type WrittenReferral } from './referral-write.js';

/**
 * Group commit of the routing worker's writes: the referrals of the cases routed at the same moment share one
 * statement (referral-write.ts), one round trip and one commit, instead of one each. An item is one case's referrals
 * (every track at once, atomically, as before); two items of the same case never share a statement (keyOf). A lone
 * case goes at the end of the event-loop turn, so a quiet line adds no wait.
 */
const BATCHING = { maxBatch: 64, maxInFlight: 2, minIntervalMs: 2 };

export function referralWriter(ctx: Pick<ReferralCtx, 'db' | 'crypto'>): (writes: ReferralWrite[]) => Promise<(WrittenReferral | null)[]> {
  return groupCommit(async (cases: ReferralWrite[][]) => {
    const written = await writeReferrals(ctx.db, ctx, cases.flat());
    let at = 0;
    return cases.map((c) => written.slice(at, (at += c.length)));
  }, { ...BATCHING, keyOf: (writes) => (writes.length ? String(writes[0]!.contactId) : null) });
}
