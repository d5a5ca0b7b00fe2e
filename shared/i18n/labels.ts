/**
 * Vietnamese and English labels for every stored enumeration value (browser-safe, no dependencies outside shared/).
 *
 * Each table is checked with `satisfies Record<Enum, L>`: adding a value to an enumeration without a label here
 * is a compile error, and so is a label for a value that does not exist.
 * Vietnamese follows the vocabulary of Law 53/2024/QH15 and Vietnamese child-protection practice.
 */
import {
  type AgeBand, type CallType, type Channel, type Classification, type Consent, type ContactStatus,
  type TraffickingPurpose, type VictimSex, type Wish,
} from '../intake.js';
import { type AgencyType, type SupportRegime } from '../agencies.js';
import { isCountryCode } from '../country-codes.js';
import { type Indicator, type IndicatorGroup } from '../triage/indicators.js';
import { type Outcome, type ReferralStatus, type TargetScope, type WhyReason } from '../referrals.js';
import { type ClockKind } from '../sla/sla.js';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type L = { readonly vi: string; readonly en: string };

const channel = {
  voice: { vi: 'Cuộc gọi', en: 'Phone call' },
  sms: { vi: 'Tin nhắn SMS', en: 'SMS' },
  whatsapp: { vi: 'WhatsApp', en: 'WhatsApp' },
  walk_in: { vi: 'Trực tiếp', en: 'Walk-in' },
  zalo: { vi: 'Zalo', en: 'Zalo' },
  app_111: { vi: 'Ứng dụng 111', en: '111 app' },
  facebook: { vi: 'Facebook', en: 'Facebook' },
  email: { vi: 'Thư điện tử', en: 'Email' },
  web_chat: { vi: 'Trò chuyện trên web', en: 'Web chat' },
} as const satisfies Record<Channel, L>;

const contactStatus = {
  queued: { vi: 'Đang chờ', en: 'Waiting' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
} as const satisfies Record<ContactStatus, L>;

const callType = {
  silent: { vi: 'Cuộc gọi im lặng', en: 'Silent call' },
  hang_up: { vi: 'Gọi rồi cúp máy', en: 'Hung up' },
  prank: { vi: 'Gọi quấy rối/đùa', en: 'Prank or nuisance call' },
  wrong_number: { vi: 'Nhầm số', en: 'Wrong number' },
  information: { vi: 'Cung cấp thông tin', en: 'Information request' },
  counselling: { vi: 'Tư vấn', en: 'Counselling' },
  report: { vi: 'Thông báo/tố giác', en: 'Report' },
} as const satisfies Record<CallType, L>;

const classification = {
  trafficking: { vi: 'Mua bán người', en: 'Trafficking' },
  suspected_trafficking: { vi: 'Nghi mua bán người', en: 'Suspected trafficking' },
  other_child_protection: { vi: 'Bảo vệ trẻ em khác', en: 'Other child protection' },
  not_relevant: { vi: 'Không liên quan', en: 'Not relevant' },
} as const satisfies Record<Classification, L>;

const purpose = {
  sexual_exploitation: { vi: 'Bóc lột tình dục', en: 'Sexual exploitation' },
  forced_labour: { vi: 'Cưỡng bức lao động', en: 'Forced labour' },
  organ_removal: { vi: 'Lấy bộ phận cơ thể người', en: 'Organ removal' },
  forced_marriage: { vi: 'Ép buộc kết hôn', en: 'Forced or illegal marriage' },
  child_sale_adoption: { vi: 'Mua bán trẻ em, cho nhận con nuôi trái phép', en: 'Sale of children, illegal adoption' },
  forced_surrogacy: { vi: 'Cưỡng bức mang thai, mang thai hộ vì mục đích thương mại', en: 'Forced childbearing, commercial surrogacy' },
  forced_begging: { vi: 'Cưỡng bức đi ăn xin', en: 'Forced begging' },
  forced_criminality: { vi: 'Cưỡng bức thực hiện hành vi vi phạm pháp luật', en: 'Forced criminality' },
  other_inhumane: { vi: 'Mục đích vô nhân đạo khác', en: 'Other inhumane purposes' },
  financial_gain: { vi: 'Nhận tiền, tài sản hoặc lợi ích vật chất khác', en: 'Money or material gain' },
} as const satisfies Record<TraffickingPurpose, L>;

const indicatorGroup = {
  recruitment: { vi: 'Tuyển mộ', en: 'Recruitment' },
  transport: { vi: 'Vận chuyển', en: 'Transport' },
  control: { vi: 'Kiểm soát', en: 'Control' },
  exploitation: { vi: 'Bóc lột', en: 'Exploitation' },
} as const satisfies Record<IndicatorGroup, L>;

const indicator = {
  // recruitment
  deceptive_job_offer: { vi: 'Hứa hẹn việc làm không đúng sự thật', en: 'Deceptive job offer' },
  easy_job_high_pay: { vi: 'Lời mời “việc nhẹ lương cao”', en: '“Easy job, high pay” offer' },
  marriage_broker: { vi: 'Qua môi giới hôn nhân', en: 'Marriage broker involved' },
  recruitment_debt: { vi: 'Mắc nợ phí môi giới, tuyển dụng', en: 'Debt for recruitment or broker fees' },
  recruited_online: { vi: 'Được tuyển qua mạng xã hội, Internet', en: 'Recruited online or on social media' },
  // transport
  irregular_border_crossing: { vi: 'Vượt biên, xuất cảnh trái phép', en: 'Irregular border crossing' },
  documents_taken: { vi: 'Bị thu giữ giấy tờ trên đường đi', en: 'Documents taken on the way' },
  moved_by_others: { vi: 'Bị người khác đưa đi, sắp xếp việc đi lại', en: 'Moved or escorted by others' },
  destination_unknown: { vi: 'Không biết mình bị đưa đi đâu', en: 'Does not know the destination' },
  // control
  confinement: { vi: 'Bị giam giữ, không được tự do đi lại', en: 'Confined, not free to leave' },
  phone_confiscated: { vi: 'Bị thu điện thoại', en: 'Phone confiscated' },
  passport_confiscated: { vi: 'Bị giữ hộ chiếu', en: 'Passport confiscated' },
  threats_to_family: { vi: 'Gia đình bị đe dọa', en: 'Threats to the family' },
  ransom_demand: { vi: 'Bị đòi tiền chuộc', en: 'Ransom demanded' },
  debt_bondage: { vi: 'Bị gán nợ, ép làm việc trả nợ', en: 'Debt bondage' },
  violence: { vi: 'Bị đánh đập, bạo lực', en: 'Violence' },
  isolated_no_language: { vi: 'Bị cô lập, không biết tiếng địa phương', en: 'Isolated, does not speak the language' },
  // exploitation
  forced_work_quotas: { vi: 'Bị ép làm việc, giao chỉ tiêu', en: 'Forced work or quotas' },
  commercial_sex: { vi: 'Bị ép bán dâm, hoạt động mại dâm', en: 'Commercial sex' },
  forced_marriage: { vi: 'Bị ép kết hôn', en: 'Forced marriage' },
  child_sold: { vi: 'Trẻ em bị bán', en: 'Child sold' },
  organ_removal_pressure: { vi: 'Bị ép, dụ dỗ bán bộ phận cơ thể', en: 'Pressure to give or sell an organ' },
  forced_begging_crime: { vi: 'Bị ép đi ăn xin hoặc phạm tội', en: 'Forced begging or crime' },
  unpaid_wages: { vi: 'Không được trả lương', en: 'Unpaid wages' },
} as const satisfies Record<Indicator, L>;

const ageBand = {
  '0-5': { vi: '0–5 tuổi', en: '0–5 years' },
  '6-11': { vi: '6–11 tuổi', en: '6–11 years' },
  '12-15': { vi: '12–15 tuổi', en: '12–15 years' },
  '16-17': { vi: '16–17 tuổi', en: '16–17 years' },
  '18-24': { vi: '18–24 tuổi', en: '18–24 years' },
  '25-39': { vi: '25–39 tuổi', en: '25–39 years' },
  '40-59': { vi: '40–59 tuổi', en: '40–59 years' },
  '60+': { vi: 'Từ 60 tuổi trở lên', en: '60 and over' },
  unknown: { vi: 'Không rõ tuổi', en: 'Age unknown' },
} as const satisfies Record<AgeBand, L>;

const victimSex = {
  female: { vi: 'Nữ', en: 'Female' },
  male: { vi: 'Nam', en: 'Male' },
  other: { vi: 'Khác', en: 'Other' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
} as const satisfies Record<VictimSex, L>;

const wish = {
  go_home: { vi: 'Về gia đình', en: 'Return home to family' },
  shelter: { vi: 'Vào cơ sở trợ giúp', en: 'Go to a shelter' },
  other: { vi: 'Nguyện vọng khác', en: 'Other wish' },
  unknown: { vi: 'Chưa rõ nguyện vọng', en: 'Wishes not known yet' },
} as const satisfies Record<Wish, L>;

const consent = {
  victim: { vi: 'Nạn nhân đồng ý', en: 'Victim consents' },
  legal_representative: { vi: 'Người đại diện hợp pháp đồng ý', en: 'Legal representative consents' },
  none: { vi: 'Không đồng ý chia sẻ', en: 'No consent to share' },
} as const satisfies Record<Consent, L>;

/** Art. 37, Law 53/2024/QH15. The law's letter is in SUPPORT_REGIME_LETTERS ('dd' is shown as 'đ'). */
const supportRegime = {
  a: { vi: 'Hỗ trợ nhu cầu thiết yếu', en: 'Essential needs' },
  b: { vi: 'Hỗ trợ y tế', en: 'Medical care' },
  c: { vi: 'Hỗ trợ phiên dịch', en: 'Interpretation' },
  d: { vi: 'Trợ giúp thông tin pháp lý', en: 'Legal information' },
  dd: { vi: 'Trợ giúp pháp lý', en: 'Legal aid' },
  e: { vi: 'Hỗ trợ chi phí đi lại', en: 'Travel costs' },
  g: { vi: 'Hỗ trợ tâm lý', en: 'Psychological support' },
  h: { vi: 'Hỗ trợ học văn hóa', en: 'Schooling' },
  i: { vi: 'Hỗ trợ học nghề, tư vấn việc làm', en: 'Vocational training and job counselling' },
  k: { vi: 'Trợ cấp khó khăn ban đầu và vay vốn', en: 'Initial hardship allowance and loans' },
} as const satisfies Record<SupportRegime, L>;

const agencyType = {
  district_office: { vi: 'Phòng Lao động – Thương binh và Xã hội cấp huyện', en: 'District labour and social affairs office' },
  commune_committee: { vi: 'Ủy ban nhân dân cấp xã', en: "Commune People's Committee" },
  provincial_department: { vi: 'Sở cấp tỉnh (Sở Y tế, trước đây Sở LĐ-TB&XH)', en: 'Provincial department (Health, formerly Labour)' },
  shelter: { vi: 'Cơ sở trợ giúp xã hội', en: 'Shelter (social assistance facility)' },
  police: { vi: 'Công an', en: 'Police' },
  border_guard: { vi: 'Bộ đội Biên phòng', en: 'Border Guard' },
  ngo: { vi: 'Tổ chức phi chính phủ', en: 'Non-governmental organisation' },
} as const satisfies Record<AgencyType, L>;

const referralStatus = {
  pending: { vi: 'Chờ tiếp nhận', en: 'Waiting for acceptance' },
  accepted: { vi: 'Đã tiếp nhận', en: 'Accepted' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  declined: { vi: 'Đã từ chối', en: 'Declined' },
  expired: { vi: 'Quá hạn', en: 'Expired' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
  needs_supervisor: { vi: 'Chờ giám sát viên', en: 'Needs supervisor' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
} as const satisfies Record<ReferralStatus, L>;

const outcome = {
  successful: { vi: 'Thành công', en: 'Successful' },
  not_successful: { vi: 'Không thành công', en: 'Not successful' },
} as const satisfies Record<Outcome, L>;

/** The SLA deadlines of a referral (and the routing target's re-route timeout). */
const clockKind = {
  acknowledge: { vi: 'Tiếp nhận', en: 'Acknowledge' },
  first_action: { vi: 'Hành động đầu tiên', en: 'First action' },
  close: { vi: 'Đóng ca', en: 'Close' },
  reroute: { vi: 'Chuyển tiếp', en: 'Re-route' },
  callback: { vi: 'Gọi lại lần đầu', en: 'First callback' },
} as const satisfies Record<ClockKind, L>;

/** Why a referral is where it is (`why.reason`); the deadline and attempt are added by why-text.ts. */
const whyReason = {
  no_agency: { vi: 'Không có cơ quan phù hợp phụ trách địa bàn này', en: 'No matching agency covers this place' },
  declined: { vi: 'Các cơ quan được chuyển đều đã từ chối', en: 'The agencies it was sent to declined' },
  expired: { vi: 'Không có cơ quan xác nhận trong thời hạn', en: 'No agency acknowledged in time' },
  assigned: { vi: 'Giám sát viên giao trực tiếp', en: 'Assigned by a supervisor' },
} as const satisfies Record<WhyReason, L>;

/** Where a routing target looks for its agency. */
const targetScope = {
  jurisdiction: { vi: 'địa bàn cụ thể nhất có cơ quan này', en: 'most specific area with such an agency' },
  province: { vi: 'cấp tỉnh', en: 'province level' },
  nearest_with_capacity: { vi: 'nơi gần nhất còn chỗ', en: 'nearest with a free place' },
} as const satisfies Record<TargetScope, L>;

export const LABELS = {
  targetScope,
  channel,
  contactStatus,
  callType,
  classification,
  purpose,
  indicatorGroup,
  indicator,
  ageBand,
  victimSex,
  wish,
  consent,
  supportRegime,
  agencyType,
  referralStatus,
  outcome,
  clockKind,
  whyReason,
} as const;

export type LabelKind = keyof typeof LABELS;
export type LabelValue<K extends LabelKind> = keyof (typeof LABELS)[K] & string;

/**
 * The label of one value in one language. A value not in the table (an old row, a typo) comes back as itself,
 * so the screen shows something rather than nothing.
 */
/** One label table in one language, as a plain map (for the console's message files). */
export function labelsIn<K extends LabelKind>(kind: K, lang: Lang): Record<LabelValue<K>, string> {
  return Object.fromEntries(Object.entries(LABELS[kind] as Readonly<Record<string, L>>).map(([k, l]) => [k, l[lang]])) as Record<LabelValue<K>, string>;
}

export function label<K extends LabelKind>(kind: K, value: LabelValue<K>, lang: Lang): string {
  const table = LABELS[kind] as Readonly<Record<string, L>>;
  return Object.hasOwn(table, value) ? (table[value] as L)[lang] : String(value);
}

/** The law's lettering of Art. 37: the stored 'dd' is the Vietnamese letter 'đ'. */
export const SUPPORT_REGIME_LETTERS = {
  a: 'a', b: 'b', c: 'c', d: 'd', dd: 'đ', e: 'e', g: 'g', h: 'h', i: 'i', k: 'k',
} as const satisfies Record<SupportRegime, string>;

/** "đ) Trợ giúp pháp lý": the regime as the law cites it. */
export function supportRegimeLabel(regime: SupportRegime, lang: Lang): string {
  return `${SUPPORT_REGIME_LETTERS[regime]}) ${supportRegime[regime][lang]}`;
}

/** Countries that matter for the hotline: Viet Nam, its neighbours and the main destinations of trafficking and migration. */
export const COUNTRY_NAMES = {
  VN: { vi: 'Việt Nam', en: 'Viet Nam' },
  KH: { vi: 'Campuchia', en: 'Cambodia' },
  CN: { vi: 'Trung Quốc', en: 'China' },
  LA: { vi: 'Lào', en: 'Laos' },
  MM: { vi: 'Mi-an-ma', en: 'Myanmar' },
  TH: { vi: 'Thái Lan', en: 'Thailand' },
  MY: { vi: 'Ma-lai-xi-a', en: 'Malaysia' },
  KR: { vi: 'Hàn Quốc', en: 'South Korea' },
  JP: { vi: 'Nhật Bản', en: 'Japan' },
  TW: { vi: 'Đài Loan (Trung Quốc)', en: 'Taiwan' },
  SG: { vi: 'Xin-ga-po', en: 'Singapore' },
  ID: { vi: 'In-đô-nê-xi-a', en: 'Indonesia' },
  PH: { vi: 'Phi-líp-pin', en: 'Philippines' },
} as const satisfies Record<string, L>;
export type NamedCountry = keyof typeof COUNTRY_NAMES;

const displayNames = new Map<Lang, Intl.DisplayNames>();

/** The region's name from the runtime's CLDR data (browsers and Node both carry it), or null when it has none. */
function cldrName(code: string, lang: Lang): string | null {
  let names = displayNames.get(lang);
  if (!names) displayNames.set(lang, (names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' })));
  try {
    return names.of(code) ?? null;
  } catch {
    return null; // not a well-formed region code
  }
}

/**
 * The country's name: COUNTRY_NAMES first (the spellings Vietnamese official documents use, e.g. Mi-an-ma), then the
 * runtime's CLDR names (Pháp, France) for an ISO code; anything else comes back as the code itself (upper-cased).
 */
export function countryName(code: string, lang: Lang): string {
  const c = code.trim().toUpperCase();
  if (Object.hasOwn(COUNTRY_NAMES, c)) return COUNTRY_NAMES[c as NamedCountry][lang];
  return (isCountryCode(c) && cldrName(c, lang)) || c;
}
