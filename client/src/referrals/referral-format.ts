import type { TFunction } from 'i18next';
import { AGE_BANDS, type ReferralStatus, type ReferralSummary } from '../../../shared/index.js';

/** The agency inbox's tabs (shared with the server, which pages each): new (pending), in progress, everything finished. */
export { INBOX_TABS, inboxTabOf as tabOf, type InboxTab } from '../../../shared/index.js';

/** What the status allows an agency officer to do. */
export const can = {
  acceptOrDecline: (s: ReferralStatus) => s === 'pending',
  recordSupport: (s: ReferralStatus) => s === 'accepted' || s === 'in_progress',
  close: (s: ReferralStatus) => s === 'accepted' || s === 'in_progress',
};

/** "2 nạn nhân · 1 trẻ em · 12-15, 16-17" */
export function victimsSummary(v: ReferralSummary['victims'], t: TFunction): string {
  if (v.count === 0) return t('referral.victims.unknown');
  const parts = [t('referral.victims.count', { count: v.count })];
  if (v.children > 0) parts.push(t('referral.victims.children', { count: v.children }));
  const bands = AGE_BANDS.filter((b) => b !== 'unknown' && v.ageBands.includes(b));
  if (bands.length > 0) parts.push(bands.join(', '));
  return parts.join(' · ');
}

export function locationText(loc: ReferralSummary['location'], t: TFunction, country: (code: string) => string): string {
  if (loc.kind === 'abroad') {
    const where = loc.label ?? (loc.country ? country(loc.country) : null);
    return where ? t('referral.location.abroad', { country: where }) : t('referral.location.abroadUnknown');
  }
  if (loc.label && loc.now) return t('referral.location.oldNow', { place: loc.label, now: loc.now });
  return loc.label ?? (loc.parts.length ? loc.parts.map((p) => p.name).join(', ') : t('referral.location.unknown'));
}

/** How long ago, coarse enough to read at a glance: "45 giây", "12 phút", "3 giờ 5 phút", "2 ngày 4 giờ". */
export function ageText(sinceIso: string, now: number, t: TFunction): string {
  const s = Math.max(0, Math.floor((now - new Date(sinceIso).getTime()) / 1000));
  if (s < 60) return t('referral.age.seconds', { count: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('referral.age.minutes', { count: m });
  const h = Math.floor(m / 60);
  if (h < 24) return t('referral.age.hours', { h, m: m % 60 });
  return t('referral.age.days', { d: Math.floor(h / 24), h: h % 24 });
}

/** Newest first, but urgent pending work always on top. */
export function inboxOrder(a: ReferralSummary, b: ReferralSummary): number {
  const ua = a.priority === 'urgent' && a.status === 'pending' ? 0 : 1;
  const ub = b.priority === 'urgent' && b.status === 'pending' ? 0 : 1;
  return ua - ub || b.createdAt.localeCompare(a.createdAt);
}
