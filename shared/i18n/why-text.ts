import type { ReferralWhy } from '../referrals.js';
import { label, type Lang } from './labels.js';

/** A whole number of days, hours or else minutes: "15 phút", "1 giờ", "8 hours", "3 ngày". */
export function deadlineText(minutes: number, lang: Lang): string {
  const [n, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  if (lang === 'vi') return `${n} ${{ day: 'ngày', hour: 'giờ', minute: 'phút' }[unit]}`;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * The reason a referral is where it is, in `lang`, from its code (`why.reason`), with the deadline nobody met or the
 * attempt number; null when the row has no code (a referral routed to an agency, or one stored before the codes).
 */
export function whyReasonText(why: Pick<ReferralWhy, 'reason' | 'deadlineMinutes' | 'attempt'>, lang: Lang): string | null {
  switch (why.reason) {
    case undefined:
      return null;
    case 'expired':
      if (!why.deadlineMinutes) break;
      return lang === 'vi'
        ? `Không có cơ quan xác nhận trong ${deadlineText(why.deadlineMinutes, lang)}`
        : `No agency acknowledged within ${deadlineText(why.deadlineMinutes, lang)}`;
    case 'assigned':
      if (!why.attempt || why.attempt < 2) break;
      return lang === 'vi'
        ? `Giám sát viên giao trực tiếp (lần thứ ${why.attempt} cho cơ quan này)`
        : `Assigned by a supervisor (attempt ${why.attempt} to this agency)`;
  }
  return label('whyReason', why.reason, lang);
}

/** What the supervisor's queue stored before reason codes (routing/plan.ts NO_AGENCY_EXPLANATION), or nothing at all. */
const LEGACY_QUEUE_SENTENCES = new Set(['', 'Không tìm được cơ quan phù hợp: chuyển giám sát viên']);
const LEGACY_QUEUE = { vi: 'Không có cơ quan nào nhận ca này', en: 'No agency took this case' } as const;

/**
 * A referral's `why` for a person reading it in `lang`: the reason code when it has one; a referral stored before
 * the codes that waited on the queue says only that no agency took it (the timeline tells the rest); otherwise the
 * sentence that names how the routing rules chose the agency.
 */
export function whyText(why: Pick<ReferralWhy, 'reason' | 'deadlineMinutes' | 'attempt' | 'explanation'>, lang: Lang): string {
  const coded = whyReasonText(why, lang);
  if (coded) return coded;
  return LEGACY_QUEUE_SENTENCES.has(why.explanation.trim()) ? LEGACY_QUEUE[lang] : why.explanation;
}
