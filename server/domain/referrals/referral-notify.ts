import { JOB_IDS, type ReferralSummary } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { maskPhone, type FieldCrypto } from '../crypto/field-crypto.js';
import { contactRef } from '../contacts/contacts.repo.js';
import { liveSummary, referralAudience } from '../disclosure/disclosure.js';
import { getReferralSummary } from './referral-views.js';

/** The SMS text: a reference and the urgency only, never anything about the victim. */
export function alertBody(contactId: number, priority: string): string {
  const urgency = priority === 'urgent' ? 'KHẨN CẤP' : 'mới';
  return `Tổng đài 111: có ca chuyển gửi ${urgency} ${contactRef(contactId)}. Vui lòng đăng nhập hệ thống để tiếp nhận.`;
}

/** The SMS alerts' rows for an agency's focal points: number and text encrypted (the key never reaches the database). */
export function alertRows(crypto: FieldCrypto, contactId: number, priority: string, phones: readonly string[]) {
  const body = phones.length ? crypto.encrypt(alertBody(contactId, priority)) : '';
  return phones.map((p) => ({ to_enc: crypto.encrypt(p), to_masked: maskPhone(p) ?? '••••', body_enc: body }));
}

/** SMS to the agency's focal points (a referral assigned by hand; a new one gets them in referral-write.ts). */
export async function recordReferralAlerts(tx: Executor, ctx: Pick<AppContext, 'crypto'>, referralId: number, at: Date): Promise<number[]> {
  const r = await tx
    .selectFrom('referrals as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.contact_id', 'r.priority', 'a.focal_phones'])
    .where('r.id', '=', referralId)
    .executeTakeFirst();
  if (!r) return [];
  const rows = alertRows(ctx.crypto, r.contact_id, r.priority, r.focal_phones);
  if (!rows.length) return [];
  const ids = await tx
    .insertInto('notifications')
    .values(rows.map((a) => ({ purpose: 'referral_alert', channel: 'sms' as const, ...a, referral_id: referralId, created_at: at, updated_at: at })))
    .returning('id')
    .execute();
  return ids.map((x) => x.id);
}

/** `at`: when the rows were written (their created_at, part of each job's id). */
export async function enqueueNotifications(ctx: Pick<AppContext, 'queues' | 'log'>, ids: number[], at: Date) {
  if (!ids.length) return;
  await ctx.queues.notify
    .addBulk(ids.map((id) => ({ name: 'send', data: { notificationId: id }, opts: { jobId: JOB_IDS.notify(id, at) } })))
    // The outbox relay re-enqueues queued notifications, so a Redis hiccup here delays, never loses, an alert.
    .catch((e) => ctx.log.warn(`referral alerts ${ids.join(',')} enqueue deferred: ${(e as Error).message}`));
}

/**
 * Live: the agency's inbox and the supervisors' board, and no one else: an agency hears only of referrals it may
 * read (a re-routed case's new referral never reaches the agency that declined it). Summaries without free text:
 * no identity travels on the socket, nor through Redis. `known`: the summary the write already returned (a new
 * referral), so it is not read again.
 */
export async function publishReferral(
  ctx: Pick<AppContext, 'db' | 'realtime'>, id: number, event: 'referral:created' | 'referral:updated', known?: ReferralSummary,
) {
  const s = known ?? (await getReferralSummary(ctx.db, id));
  if (!s) return null;
  ctx.realtime.emit(referralAudience(s), event, liveSummary(s));
  return s;
}

