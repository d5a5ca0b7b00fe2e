/** Vietnamese and English headings of the statistics tables (the workbook uses the Vietnamese ones). */
import type { L } from '../i18n/labels.js';
import type { StatTableId } from './stats.js';

export const STAT_TABLE_TITLES = {
  contacts_by_channel: { vi: 'Số cuộc gọi, tin nhắn tiếp nhận theo kênh', en: 'Contacts by channel' },
  contacts_by_call_type: { vi: 'Số cuộc gọi, tin nhắn theo loại', en: 'Contacts by call type' },
  contacts_by_classification: { vi: 'Số cuộc gọi, tin nhắn theo phân loại', en: 'Contacts by classification' },
  cases_by_purpose: { vi: 'Vụ việc mua bán người theo mục đích', en: 'Trafficking cases by purpose' },
  cases_by_destination: { vi: 'Vụ việc mua bán người theo nước đến', en: 'Trafficking cases by destination country' },
  cases_by_province: { vi: 'Vụ việc mua bán người theo tỉnh, thành phố', en: 'Trafficking cases by province' },
  victims_by_sex: { vi: 'Nạn nhân theo giới tính', en: 'Victims by sex' },
  victims_by_age_band: { vi: 'Nạn nhân theo độ tuổi', en: 'Victims by age band' },
  victims_by_ethnicity: { vi: 'Nạn nhân theo dân tộc', en: 'Victims by ethnicity' },
  victims_by_nationality: { vi: 'Nạn nhân theo quốc tịch', en: 'Victims by nationality' },
  referrals_by_agency: { vi: 'Chuyển gửi theo cơ quan tiếp nhận', en: 'Referrals by agency' },
  referrals_by_status: { vi: 'Chuyển gửi theo trạng thái', en: 'Referrals by status' },
  referrals_by_outcome: { vi: 'Chuyển gửi theo kết quả', en: 'Referrals by outcome' },
  support_by_regime: { vi: 'Chế độ hỗ trợ đã thực hiện (Điều 37)', en: 'Support delivered by regime (Art. 37)' },
  response_times: { vi: 'Thời gian phản hồi', en: 'Response times' },
  sla_compliance: { vi: 'Tỷ lệ đúng hạn', en: 'SLA compliance' },
} as const satisfies Record<StatTableId, L>;

/** Worksheet names: at most 31 characters, no []:*?/\ (Excel's rules). */
export const STAT_SHEET_NAMES = {
  contacts_by_channel: 'Kênh tiếp nhận',
  contacts_by_call_type: 'Loại cuộc gọi',
  contacts_by_classification: 'Phân loại',
  cases_by_purpose: 'Mục đích mua bán',
  cases_by_destination: 'Nước đến',
  cases_by_province: 'Tỉnh, thành phố',
  victims_by_sex: 'Giới tính',
  victims_by_age_band: 'Độ tuổi',
  victims_by_ethnicity: 'Dân tộc',
  victims_by_nationality: 'Quốc tịch',
  referrals_by_agency: 'Cơ quan tiếp nhận',
  referrals_by_status: 'Trạng thái chuyển gửi',
  referrals_by_outcome: 'Kết quả chuyển gửi',
  support_by_regime: 'Chế độ hỗ trợ',
  response_times: 'Thời gian phản hồi',
  sla_compliance: 'Tỷ lệ đúng hạn',
} as const satisfies Record<StatTableId, string>;

/** Headings of dimensions, columns and pseudo-values the enumerations' own labels do not cover. */
export const STAT_TERMS = {
  channel: { vi: 'Kênh', en: 'Channel' },
  callType: { vi: 'Loại cuộc gọi', en: 'Call type' },
  classification: { vi: 'Phân loại', en: 'Classification' },
  purpose: { vi: 'Mục đích', en: 'Purpose' },
  destination: { vi: 'Nước đến', en: 'Destination' },
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  ageBand: { vi: 'Độ tuổi', en: 'Age band' },
  ethnicity: { vi: 'Dân tộc', en: 'Ethnicity' },
  nationality: { vi: 'Quốc tịch', en: 'Nationality' },
  agency: { vi: 'Cơ quan', en: 'Agency' },
  status: { vi: 'Trạng thái', en: 'Status' },
  outcome: { vi: 'Kết quả', en: 'Outcome' },
  regime: { vi: 'Chế độ hỗ trợ', en: 'Support regime' },
  deadline: { vi: 'Mốc thời gian', en: 'Deadline' },
  contacts: { vi: 'Số lượt', en: 'Contacts' },
  cases: { vi: 'Số vụ việc', en: 'Cases' },
  victims: { vi: 'Số nạn nhân', en: 'Victims' },
  referrals: { vi: 'Số lượt chuyển gửi', en: 'Referrals' },
  open: { vi: 'Đang xử lý', en: 'Open' },
  successful: { vi: 'Thành công', en: 'Successful' },
  notSuccessful: { vi: 'Không thành công', en: 'Not successful' },
  notTaken: { vi: 'Từ chối, quá hạn, hủy', en: 'Declined, expired, cancelled' },
  notClosed: { vi: 'Chưa kết thúc', en: 'Not closed yet' },
  records: { vi: 'Số lượt hỗ trợ', en: 'Times given' },
  measured: { vi: 'Số lượt đo', en: 'Measured' },
  p50: { vi: 'Trung vị (giờ)', en: 'Median, p50 (hours)' },
  p90: { vi: 'Phân vị 90 (giờ)', en: 'p90 (hours)' },
  metOnTime: { vi: 'Đúng hạn', en: 'Met on time' },
  breached: { vi: 'Quá hạn', en: 'Breached' },
  running: { vi: 'Đang chạy', en: 'Running' },
  compliance: { vi: 'Tỷ lệ đúng hạn (%)', en: 'Compliance (%)' },
  total: { vi: 'Tổng cộng', en: 'Total' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
  notClassified: { vi: 'Chưa phân loại', en: 'Not classified yet' },
  domestic: { vi: 'Trong nước (Việt Nam)', en: 'Domestic (Viet Nam)' },
  abroad: { vi: 'Ở nước ngoài', en: 'Abroad' },
  supervisorQueue: { vi: 'Giám sát viên tổng đài (chưa có cơ quan)', en: 'Hotline supervisor (no agency)' },
  acknowledge: { vi: 'Tiếp nhận chuyển gửi', en: 'Acknowledge' },
  first_action: { vi: 'Hành động đầu tiên', en: 'First action' },
  close: { vi: 'Kết thúc vụ việc', en: 'Close' },
  nation: { vi: 'Toàn quốc', en: 'Whole country' },
  period: { vi: 'Kỳ báo cáo', en: 'Period' },
  area: { vi: 'Địa bàn', en: 'Area' },
} as const satisfies Record<string, L>;

export const STAT_NOTES = {
  multiValued: {
    vi: 'Một vụ việc có thể có nhiều mục đích: tổng cộng là số vụ việc, không phải tổng các dòng.',
    en: 'A case may have several purposes: the total counts each case once, not the sum of the rows.',
  },
  victimsOfCases: {
    vi: 'Nạn nhân của các vụ việc mua bán người, nghi mua bán người và bảo vệ trẻ em khác tiếp nhận trong kỳ.',
    en: 'Victims of the trafficking, suspected trafficking and other child-protection cases received in the period.',
  },
  responseTimes: {
    vi: 'Tính từ lúc chuyển gửi đến lúc cơ quan tiếp nhận, hành động đầu tiên và kết thúc; theo giờ thực tế.',
    en: 'From the referral to its acknowledgement, first action and closure, in wall-clock hours.',
  },
  compliance: {
    vi: 'Đúng hạn / (đúng hạn + quá hạn); mốc thời gian đang chạy chưa được tính.',
    en: 'Met on time / (met on time + breached); clocks still running are not counted.',
  },
  smallCells: {
    vi: 'Số từ 1 đến 4 được ẩn (—), cùng một ô khác khi có thể suy ra chúng từ tổng, để không nhận diện được cá nhân.',
    en: 'Counts from 1 to 4 are hidden (—), with another cell where a total would give them away, so no one can be identified.',
  },
  support: {
    vi: 'Các lượt hỗ trợ ghi nhận trong kỳ (theo ngày hỗ trợ).',
    en: 'Support recorded as given during the period (by the date given).',
  },
} as const satisfies Record<string, L>;

