import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/** A code that expired is not handed to another referral for this long: a late reply must not act on someone else's case. */
const COOLING_DAYS = 7;
const TRIES = 30;

/**
 * A new short code for a referral's alert SMS: a random 4-digit code free for COOLING_DAYS since it last expired,
 * 5-digit when 4-digit ones are scarce. Atomic per try: the insert takes a code only if nobody holds it. (A code the
 * referral still holds is reused instead: notifications.repo.ts reads it with the alert and extends it when sent.)
 */
export async function takeNewReferralCode(db: Executor, referralId: number, now: Date, ttlHours: number): Promise<number> {
  const expires = new Date(now.getTime() + ttlHours * 3600_000);
  const freeBefore = new Date(now.getTime() - COOLING_DAYS * 86_400_000);
  for (let i = 0; i < TRIES * 2; i++) {
    const code = i < TRIES ? randomInt(1000, 10_000) : randomInt(10_000, 100_000);
    const r = await sql<{ code: number }>`
      insert into referral_sms_codes (code, referral_id, issued_at, expires_at) values (${code}, ${referralId}, ${now}, ${expires})
      on conflict (code) do update set referral_id = excluded.referral_id, issued_at = excluded.issued_at, expires_at = excluded.expires_at
        where referral_sms_codes.expires_at < ${freeBefore}
      returning code`.execute(db);
    if (r.rows.length) return code;
  }
  throw new Error(`no free SMS code for referral ${referralId}`);
}

/** What a code names: its referral and whether it is still valid. */
export async function findCode(db: Executor, code: number, now: Date) {
  const r = await db.selectFrom('referral_sms_codes').select(['referral_id', 'expires_at']).where('code', '=', code).executeTakeFirst();
  return r ? { referralId: Number(r.referral_id), expired: new Date(r.expires_at) <= now } : null;
}

/** The code a referral holds now, or a new one (for setting up a referral's code outside an alert, as the benchmark does). */
export async function issueReferralCode(db: Executor, referralId: number, now: Date, ttlHours: number): Promise<number> {
  const held = await db.selectFrom('referral_sms_codes').select('code')
    .where('referral_id', '=', referralId).where('expires_at', '>', now).orderBy('expires_at', 'desc').limit(1).executeTakeFirst();
  return held?.code ?? takeNewReferralCode(db, referralId, now, ttlHours);
}
