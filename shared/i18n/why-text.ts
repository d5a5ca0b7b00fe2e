import type { AgencyType } from '../agencies.js';
import type { ReferralWhy, TargetScope, WhyFacts } from '../referrals.js';
import { lowerKind } from '../unit-names.js';
import { countryName, label, LABELS, type Lang } from './labels.js';

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
export function whyText(why: Pick<ReferralWhy, 'reason' | 'deadlineMinutes' | 'attempt' | 'explanation' | 'facts'>, lang: Lang): string {
  const coded = whyReasonText(why, lang);
  if (coded) return coded;
  if (why.facts) return whyFactsText(why.facts, lang);
  // A row written by hand or by an older release may lack the sentence: say nothing rather than fail the screen.
  const explanation = typeof why.explanation === 'string' ? why.explanation.trim() : '';
  return LEGACY_QUEUE_SENTENCES.has(explanation) ? LEGACY_QUEUE[lang] : explanation;
}

/** "district_office@jurisdiction" (how a referral stores its routing target) in words: "Phòng LĐ-TB&XH cấp huyện (địa bàn…)". */
export function targetText(target: string, lang: Lang): string {
  const [type = '', scope = ''] = target.split('@');
  const typeText = Object.hasOwn(LABELS.agencyType, type) ? label('agencyType', type as AgencyType, lang) : null;
  const scopeText = Object.hasOwn(LABELS.targetScope, scope) ? label('targetScope', scope as TargetScope, lang) : null;
  if (!typeText) return lang === 'vi' ? 'Cơ quan khác' : 'Other agency';
  return scopeText ? `${typeText} (${scopeText})` : typeText;
}

/**
 * A rule's name in `lang`. Names may carry their English form in final parentheses, as the default rules do:
 * "Cơ quan địa phương, mua bán người (Local office, trafficking)" reads "Cơ quan địa phương, mua bán người" in
 * Vietnamese and "Local office, trafficking" in English. A name without one is shown as written.
 */
export function ruleNameText(name: string, lang: Lang): string {
  const m = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(name);
  if (!m) return name;
  return lang === 'vi' ? m[1]! : m[2]!;
}

const LEVEL_WORD = { vi: { province: 'tỉnh', district: 'huyện', commune: 'xã' }, en: { province: 'province', district: 'district', commune: 'commune' } } as const;

/** A place mid-sentence with its full path: "huyện Vị Xuyên, Hà Giang"; a bare province: "tỉnh Tuyên Quang" / "Tuyên Quang province". */
function placeText(path: string, level: keyof (typeof LEVEL_WORD)['vi'], lang: Lang): string {
  const lowered = lowerKind(path);
  if (lowered !== path) return lang === 'vi' ? lowered : path;
  return lang === 'vi' ? `${LEVEL_WORD.vi[level]} ${path}` : `${path} ${LEVEL_WORD.en[level]}`;
}

const ROLE = { vi: { location: 'nơi nạn nhân đang ở', home: 'nơi nạn nhân cư trú' }, en: { location: 'where the victim is', home: 'where the victim lives' } } as const;
const ACROSS = {
  vi: { now_in_2025: ', địa danh cũ, nay thuộc địa bàn này theo sắp xếp năm 2025', before_2025: ', theo địa giới trước 01/7/2025' },
  en: { now_in_2025: ', a former place name, now within this area after the 2025 reorganisation', before_2025: ', by the boundaries before 1 July 2025' },
} as const;

/** The sentence naming how the routing rules chose the agency, in `lang`, from its facts. */
export function whyFactsText(f: WhyFacts, lang: Lang): string {
  const vi = lang === 'vi';
  const role = ROLE[lang][f.anchorRole];
  const anchorDetail = f.anchor ? ` (${f.anchor}${f.across ? ACROSS[lang][f.across] : ''})` : '';
  let text: string;
  if (f.shelter) {
    const s = f.shelter;
    const km = s.km == null ? '' : vi ? `, cách khoảng ${Math.round(s.km)} km` : `, about ${Math.round(s.km)} km away`;
    const where =
      !s.nearest && f.covered
        ? vi
          ? `phụ trách ${placeText(f.covered.path, f.covered.level, lang)}, ${role}${f.anchor ? ` (${f.anchor})` : ''}${km}`
          : `covers ${placeText(f.covered.path, f.covered.level, lang)}, ${role}${f.anchor ? ` (${f.anchor})` : ''}${km}`
        : vi
          ? `cơ sở gần nhất còn chỗ${km}${s.wherePath ? ` (${s.wherePath})` : ''}, vì không có cơ sở phù hợp phụ trách ${f.anchor ?? ''} (${role})`
          : `the nearest with a free place${km}${s.wherePath ? ` (${s.wherePath})` : ''}, as no suitable shelter covers ${f.anchor ?? ''} (${role})`;
    text = vi
      ? `${f.agency} tiếp nhận nạn nhân: ${where}; đúng giới tính, độ tuổi và còn ${s.freePlaces} chỗ trống`
      : `${f.agency} takes the victims in: ${where}; right sex and age, with ${s.freePlaces} ${s.freePlaces === 1 ? 'place' : 'places'} free`;
  } else {
    const place = f.covered ? placeText(f.covered.path, f.covered.level, lang) : '';
    text = vi ? `${f.agency} phụ trách ${place}, ${role}${anchorDetail}` : `${f.agency} covers ${place}, ${role}${anchorDetail}`;
  }
  if (f.skipped.length) {
    const names = f.skipped.map((t) => (Object.hasOwn(LABELS.agencyType, t) ? label('agencyType', t as AgencyType, lang) : t)).join(', ');
    text += vi ? `; không có ${names} phù hợp` : `; no matching ${names}`;
  }
  if (f.abroad) text += vi ? `; nạn nhân đang ở nước ngoài (${countryName(f.abroad, 'vi')})` : `; the victim is abroad (${countryName(f.abroad, 'en')})`;
  return text;
}
