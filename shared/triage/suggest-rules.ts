/**
 * Triage aid: the checked screening indicators suggest a classification, purposes and urgency, each with the reasons
 * shown. The operator decides; nothing here is stored as a decision.
 *
 * Legal basis (domain.md, "Law that shapes the data"): under Law 53/2024/QH15 trafficking is an ACT (recruit,
 * transport, transfer, harbour, receive) + a MEANS (force, threat, deception, abuse of vulnerability, debt…) + a PURPOSE
 * (exploitation). For a person under 18 no means is needed. The screening checklist follows the ILO/UNODC indicators:
 *   - recruitment and transport indicators are evidence of the ACT;
 *   - control indicators, deceptive recruitment (false or "easy job, high pay" offers, recruitment debt) and documents
 *     taken on the way are evidence of the MEANS;
 *   - exploitation indicators are evidence of the PURPOSE. A person who is controlled in order to be exploited is
 *     being harboured or received, so the act is implied.
 *
 * How the table below is read (a supervisor can review it without reading code):
 *   1. URGENCY rules: every rule that applies adds a reason; any of them makes the contact urgent.
 *   2. CLASSIFICATION rules: read top to bottom; the FIRST rule that applies gives the suggestion and its reason.
 *      A rule whose outcome is "no suggestion" (null) still explains why.
 *   3. PURPOSE rules: every rule that applies adds its purposes and a reason.
 *   4. Then, if no victim is known to be under 18 and some victim's age is unknown (or no victim is recorded yet), and
 *      the classification would differ for a child, a reason "ask_age" says what it would be.
 * A condition holds when every part it lists holds:
 *   allOf: every indicator listed is checked; anyOf: for each list, at least one of its indicators is checked;
 *   noneOf: none of the indicators listed is checked; atLeast: at least `count` different indicators of the list are
 *   checked; child: at least one victim is under 18 (true) or none is known to be (false); noIndicators: nothing is
 *   checked; callTypeIn: the call type is one of those listed; immediateDanger: the operator's flag.
 * A reason names the checked indicators the rule looked at and found (in checklist order).
 *
 * The checklist screens for trafficking only, so "other_child_protection" is never suggested: that is the operator's
 * call. No indicator maps to forced_surrogacy or other_inhumane; the operator adds those purposes by hand.
 */
import type { CallType, Classification, TraffickingPurpose } from '../intake.js';
import { INDICATOR_GROUPS, INDICATORS, type Indicator } from './indicators.js';

export type Text = { vi: string; en: string };
export type Reason = { rule: string; indicators: Indicator[]; message: Text };
export type Suggestion = { classification: Classification | null; purposes: TraffickingPurpose[]; reasons: Reason[]; urgent: boolean };
export type SuggestInput = {
  indicators: Indicator[];
  victims: { under18: boolean | null; age?: number | null }[];
  callType?: CallType | null;
  immediateDanger?: boolean;
};

export type Condition = {
  allOf?: readonly Indicator[];
  anyOf?: readonly (readonly Indicator[])[];
  noneOf?: readonly Indicator[];
  atLeast?: { count: number; of: readonly Indicator[] };
  child?: boolean;
  noIndicators?: boolean;
  callTypeIn?: readonly CallType[];
  immediateDanger?: boolean;
};

type RuleBase = { id: string; description: Text; when: Condition };
export type UrgencyRule = RuleBase & { kind: 'urgency'; then: { urgent: true } };
export type ClassificationRule = RuleBase & { kind: 'classification'; then: { classification: Classification | null } };
export type PurposeRule = RuleBase & { kind: 'purpose'; then: { purposes: readonly TraffickingPurpose[] } };
export type Rule = UrgencyRule | ClassificationRule | PurposeRule;

// ---------------------------------------------------------------------------------------------------------------
// Indicator sets the rules speak of
// ---------------------------------------------------------------------------------------------------------------

/** The act: recruiting or moving the person. */
export const ACT: readonly Indicator[] = [...INDICATOR_GROUPS.recruitment, ...INDICATOR_GROUPS.transport];
/** The means: control, deceptive recruitment, debt, documents taken. */
export const MEANS: readonly Indicator[] = [
  ...INDICATOR_GROUPS.control,
  'deceptive_job_offer',
  'easy_job_high_pay',
  'recruitment_debt',
  'documents_taken',
];
/** The purpose: exploitation is evident. */
export const EXPLOITATION: readonly Indicator[] = INDICATOR_GROUPS.exploitation;
/** Someone may be in danger right now. */
export const DANGER: readonly Indicator[] = ['confinement', 'violence', 'ransom_demand', 'threats_to_family'];
/** Call types that are not relevant when nothing was screened. */
export const NOT_RELEVANT_CALL_TYPES: readonly CallType[] = ['silent', 'hang_up', 'prank', 'wrong_number', 'information'];

const ASK_MORE = {
  vi: 'Hỏi thêm: người đó được tuyển mộ, đưa đi thế nào; có được tự do rời đi không; có bị giữ giấy tờ, điện thoại hay bị đe dọa không; công việc thực tế là gì.',
  en: 'Ask: how the person was recruited and moved; whether they are free to leave; whether documents or phone were taken or anyone was threatened; what the work really is.',
};

// ---------------------------------------------------------------------------------------------------------------
// The rule table
// ---------------------------------------------------------------------------------------------------------------

export const URGENCY_RULES: readonly UrgencyRule[] = [
  {
    id: 'urgent_flagged',
    kind: 'urgency',
    description: {
      vi: 'Tư vấn viên đánh dấu có nguy hiểm tức thời: có thể có người đang gặp nguy hiểm ngay lúc này, cân nhắc báo ngay cho Công an.',
      en: 'The operator flagged immediate danger: someone may be in danger now, consider police.',
    },
    when: { immediateDanger: true },
    then: { urgent: true },
  },
  {
    id: 'urgent_danger_signs',
    kind: 'urgency',
    description: {
      vi: 'Có dấu hiệu giam giữ, bạo lực, đòi tiền chuộc hoặc đe dọa gia đình: có thể có người đang gặp nguy hiểm ngay lúc này, cân nhắc báo ngay cho Công an.',
      en: 'Confinement, violence, a ransom demand or threats to the family: someone may be in danger now, consider police.',
    },
    when: { anyOf: [DANGER] },
    then: { urgent: true },
  },
];

export const CLASSIFICATION_RULES: readonly ClassificationRule[] = [
  {
    id: 'child_sold',
    kind: 'classification',
    description: {
      vi: 'Trẻ em bị bán: chuyển giao, tiếp nhận người dưới 18 tuổi để nhận tiền, tài sản hoặc lợi ích vật chất là mua bán người; với người dưới 18 tuổi không cần yếu tố thủ đoạn (Luật 53/2024).',
      en: 'A child was sold: transferring or receiving a person under 18 for money or material gain is trafficking; for a person under 18 no means is needed (Law 53/2024).',
    },
    when: { allOf: ['child_sold'] },
    then: { classification: 'trafficking' },
  },
  {
    id: 'ransom_while_confined',
    kind: 'classification',
    description: {
      vi: 'Người bị giam giữ và gia đình bị đòi tiền chuộc: có hành vi (chứa chấp, tiếp nhận), thủ đoạn (vũ lực, giam giữ) và mục đích (thu tiền). Dạng thường gặp ở các cơ sở lừa đảo trực tuyến tại Campuchia, Mi-an-ma.',
      en: 'The person is held and a ransom is demanded: act (harbouring), means (force, confinement) and purpose (money) are all present. A frequent pattern of online-scam compounds in Cambodia and Myanmar.',
    },
    when: { allOf: ['ransom_demand', 'confinement'] },
    then: { classification: 'trafficking' },
  },
  {
    id: 'brokered_forced_marriage',
    kind: 'classification',
    description: {
      vi: 'Qua môi giới và bị ép kết hôn: có hành vi (môi giới, đưa đi), thủ đoạn (ép buộc) và mục đích (kết hôn trái ý muốn).',
      en: 'Brokered and forced to marry: act (brokering, moving the person), means (force) and purpose (marriage against her or his will) are all present.',
    },
    when: { allOf: ['marriage_broker', 'forced_marriage'] },
    then: { classification: 'trafficking' },
  },
  {
    id: 'exploitation_with_means',
    kind: 'classification',
    description: {
      vi: 'Có dấu hiệu bóc lột (mục đích đã rõ) cùng dấu hiệu kiểm soát hoặc tuyển mộ lừa gạt (thủ đoạn); người bị kiểm soát để bóc lột là đã bị chứa chấp, tiếp nhận (hành vi): đủ ba yếu tố của Luật 53/2024.',
      en: 'Exploitation (the purpose is evident) together with control or deceptive recruitment (the means); a person controlled to be exploited is being harboured or received (the act): all three elements of Law 53/2024.',
    },
    when: { anyOf: [EXPLOITATION, MEANS] },
    then: { classification: 'trafficking' },
  },
  {
    id: 'child_act_and_exploitation',
    kind: 'classification',
    description: {
      vi: 'Nạn nhân dưới 18 tuổi, có hành vi tuyển mộ hoặc vận chuyển và có dấu hiệu bóc lột: với người dưới 18 tuổi không cần yếu tố thủ đoạn (Luật 53/2024).',
      en: 'A victim under 18, recruited or moved, and exploited: for a person under 18 no means is needed (Law 53/2024).',
    },
    when: { child: true, anyOf: [ACT, EXPLOITATION] },
    then: { classification: 'trafficking' },
  },
  {
    id: 'exploitation_without_means',
    kind: 'classification',
    description: {
      vi: `Có dấu hiệu bóc lột nhưng chưa có dấu hiệu về thủ đoạn (kiểm soát, lừa gạt) hoặc, với trẻ em, về hành vi tuyển mộ, vận chuyển: nghi mua bán người. ${ASK_MORE.vi}`,
      en: `Exploitation, but no sign yet of the means (control, deception) or, for a child, of recruitment or transport: suspected trafficking. ${ASK_MORE.en}`,
    },
    when: { anyOf: [EXPLOITATION], noneOf: MEANS },
    then: { classification: 'suspected_trafficking' },
  },
  {
    id: 'child_act_only',
    kind: 'classification',
    description: {
      vi: 'Nạn nhân dưới 18 tuổi và có dấu hiệu tuyển mộ hoặc vận chuyển: với trẻ em không cần yếu tố thủ đoạn; mục đích bóc lột chưa rõ nên là nghi mua bán người.',
      en: 'A victim under 18 who was recruited or moved: no means is needed for a child; the purpose is not evident yet, so suspected trafficking.',
    },
    when: { child: true, anyOf: [ACT], noneOf: EXPLOITATION },
    then: { classification: 'suspected_trafficking' },
  },
  {
    id: 'recruitment_transport_pattern',
    kind: 'classification',
    description: {
      vi: 'Có dấu hiệu tuyển mộ hoặc vận chuyển, tổng cộng từ hai dấu hiệu về tuyển mộ, vận chuyển, kiểm soát, nhưng chưa thấy bóc lột: nghi mua bán người. Hỏi thêm về công việc thực tế và điều kiện ở nơi đến.',
      en: 'Recruitment or transport, with at least two signs of recruitment, transport or control in all, but no exploitation yet: suspected trafficking. Ask about the real work and the conditions at the destination.',
    },
    when: { anyOf: [ACT], atLeast: { count: 2, of: [...ACT, ...INDICATOR_GROUPS.control] }, noneOf: EXPLOITATION },
    then: { classification: 'suspected_trafficking' },
  },
  {
    id: 'not_enough',
    kind: 'classification',
    description: {
      vi: `Các dấu hiệu đã đánh dấu chưa đủ để gợi ý phân loại; tư vấn viên tự quyết định. ${ASK_MORE.vi}`,
      en: `The indicators checked are not enough to suggest a classification; the operator decides. ${ASK_MORE.en}`,
    },
    when: { anyOf: [INDICATORS] },
    then: { classification: null },
  },
  {
    id: 'not_relevant_call',
    kind: 'classification',
    description: {
      vi: 'Không có dấu hiệu nào, không có nguy hiểm tức thời và cuộc gọi là im lặng, cúp máy, quấy rối, nhầm số hoặc hỏi thông tin: không liên quan.',
      en: 'No indicator, no immediate danger, and a silent, hung-up, prank, wrong-number or information call: not relevant.',
    },
    when: { noIndicators: true, immediateDanger: false, callTypeIn: NOT_RELEVANT_CALL_TYPES },
    then: { classification: 'not_relevant' },
  },
];

export const PURPOSE_RULES: readonly PurposeRule[] = [
  {
    id: 'purpose_sexual_exploitation',
    kind: 'purpose',
    description: { vi: 'Mại dâm, bị ép bán dâm: mục đích bóc lột tình dục.', en: 'Commercial sex: sexual exploitation.' },
    when: { anyOf: [['commercial_sex']] },
    then: { purposes: ['sexual_exploitation'] },
  },
  {
    id: 'purpose_forced_labour',
    kind: 'purpose',
    description: {
      vi: 'Bị ép làm việc, giao chỉ tiêu hoặc không được trả lương: mục đích cưỡng bức lao động.',
      en: 'Forced work, quotas or unpaid wages: forced labour.',
    },
    when: { anyOf: [['forced_work_quotas', 'unpaid_wages']] },
    then: { purposes: ['forced_labour'] },
  },
  {
    id: 'purpose_online_scam',
    kind: 'purpose',
    description: {
      vi: '“Việc nhẹ lương cao” tuyển qua mạng là mồi nhử điển hình của các cơ sở lừa đảo trực tuyến ở Campuchia, Mi-an-ma, Lào: mục đích cưỡng bức lao động. Hỏi về chỉ tiêu công việc và việc có được tự do rời đi không.',
      en: '“Easy job, high pay” recruited online is the classic lure of online-scam compounds in Cambodia, Myanmar and Laos: forced labour. Ask about work quotas and whether the person is free to leave.',
    },
    when: { allOf: ['easy_job_high_pay', 'recruited_online'] },
    then: { purposes: ['forced_labour'] },
  },
  {
    id: 'purpose_forced_marriage',
    kind: 'purpose',
    description: { vi: 'Bị ép kết hôn hoặc qua môi giới hôn nhân: mục đích ép buộc kết hôn.', en: 'Forced marriage or a marriage broker: forced or illegal marriage.' },
    when: { anyOf: [['forced_marriage', 'marriage_broker']] },
    then: { purposes: ['forced_marriage'] },
  },
  {
    id: 'purpose_child_sale',
    kind: 'purpose',
    description: { vi: 'Trẻ em bị bán: mua bán trẻ em, cho nhận con nuôi trái phép.', en: 'A child sold: sale of children, illegal adoption.' },
    when: { anyOf: [['child_sold']] },
    then: { purposes: ['child_sale_adoption'] },
  },
  {
    id: 'purpose_organ_removal',
    kind: 'purpose',
    description: { vi: 'Bị ép, dụ dỗ bán bộ phận cơ thể: mục đích lấy bộ phận cơ thể người.', en: 'Pressure to give or sell an organ: organ removal.' },
    when: { anyOf: [['organ_removal_pressure']] },
    then: { purposes: ['organ_removal'] },
  },
  {
    id: 'purpose_begging_crime',
    kind: 'purpose',
    description: {
      vi: 'Bị ép đi ăn xin hoặc phạm tội: cưỡng bức ăn xin và cưỡng bức thực hiện hành vi vi phạm pháp luật (bỏ mục không đúng).',
      en: 'Forced begging or crime: forced begging and forced criminality (remove the one that does not apply).',
    },
    when: { anyOf: [['forced_begging_crime']] },
    then: { purposes: ['forced_begging', 'forced_criminality'] },
  },
  {
    id: 'purpose_financial_gain',
    kind: 'purpose',
    description: {
      vi: 'Đòi tiền chuộc hoặc gán nợ: mục đích nhận tiền, tài sản hoặc lợi ích vật chất.',
      en: 'A ransom demand or debt bondage: money or material gain.',
    },
    when: { anyOf: [['ransom_demand', 'debt_bondage']] },
    then: { purposes: ['financial_gain'] },
  },
];

/** The whole table in evaluation order. */
export const RULES: readonly Rule[] = [...URGENCY_RULES, ...CLASSIFICATION_RULES, ...PURPOSE_RULES];

/** Id of the reason added after the table when the victim's age would change the suggestion. */
export const ASK_AGE_RULE = 'ask_age';
