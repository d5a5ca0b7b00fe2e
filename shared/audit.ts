import type { L, Lang } from './i18n/labels.js';

/**
 * Every kind of entry the audit log holds (server/domain/audit/audit.repo.ts writes them), each with its label in
 * both languages: the viewer never shows a code. A writer of a new action adds it here
 * (test/unit/audit-actions.test.ts fails otherwise).
 */
export const AUDIT_ACTION_LABELS = {
  'auth.login': { vi: 'Đăng nhập', en: 'Signed in' },
  'auth.login_failed': { vi: 'Đăng nhập không thành công', en: 'Failed sign-in' },
  'auth.logout': { vi: 'Đăng xuất', en: 'Signed out' },
  'contact.view': { vi: 'Xem hồ sơ ca', en: 'Viewed the case' },
  'contact.claim': { vi: 'Nhận xử lý ca', en: 'Took the case' },
  'contact.release': { vi: 'Trả ca về hàng chờ', en: 'Released the case' },
  'contact.manual_intake': { vi: 'Tạo ca thủ công', en: 'Recorded a case by hand' },
  'contact.wrap_up': { vi: 'Hoàn tất phân loại ca', en: 'Completed the case record' },
  'contact.reply': { vi: 'Gửi tin nhắn trả lời', en: 'Sent a reply' },
  'contact.message.view': { vi: 'Xem tin nhắn', en: 'Read a message' },
  'contact.attach_case': { vi: 'Gắn cuộc gọi vào ca đã có', en: 'Attached a contact to an existing case' },
  'contact.detach_case': { vi: 'Bỏ gắn cuộc gọi khỏi ca', en: 'Detached a contact from its case' },
  'case.view': { vi: 'Xem lịch sử ca', en: 'Viewed the case history' },
  'contact.recording.play': { vi: 'Nghe ghi âm cuộc gọi', en: 'Played the call recording' },
  'contact.recording.delete': { vi: 'Xóa ghi âm (hết hạn lưu)', en: 'Deleted the recording (retention)' },
  'callback.attempt': { vi: 'Gọi lại', en: 'Called back' },
  'callback.outcome': { vi: 'Ghi kết quả gọi lại', en: 'Recorded a callback outcome' },
  'training.call': { vi: 'Cuộc gọi tập huấn', en: 'Training call' },
  'disclosure.grant': { vi: 'Cho phép xem danh tính', en: 'Granted access to identity' },
  'disclosure.revoke': { vi: 'Thu hồi quyền xem danh tính', en: 'Revoked access to identity' },
  'referral.view': { vi: 'Xem ca chuyển gửi', en: 'Viewed the referral' },
  'referral.assign': { vi: 'Giao ca cho cơ quan', en: 'Assigned to an agency' },
  'referral.accept': { vi: 'Tiếp nhận ca chuyển gửi', en: 'Accepted the referral' },
  'referral.decline': { vi: 'Từ chối ca chuyển gửi', en: 'Declined the referral' },
  'referral.support': { vi: 'Ghi nhận hỗ trợ', en: 'Recorded support' },
  'referral.close': { vi: 'Đóng ca chuyển gửi', en: 'Closed the referral' },
  'sla.clock.pause': { vi: 'Tạm dừng thời hạn', en: 'Paused a deadline' },
  'sla.clock.resume': { vi: 'Tiếp tục thời hạn', en: 'Resumed a deadline' },
  'sla.escalation.resolve': { vi: 'Giải quyết cảnh báo quá hạn', en: 'Resolved an escalation' },
  'sla.escalation.follow_up': { vi: 'Theo dõi cảnh báo quá hạn', en: 'Followed up an escalation' },
  'sla.policy.update': { vi: 'Sửa thời hạn xử lý', en: 'Changed deadlines' },
  'sla.holiday.add': { vi: 'Thêm ngày nghỉ', en: 'Added a holiday' },
  'sla.holiday.delete': { vi: 'Xóa ngày nghỉ', en: 'Removed a holiday' },
  'stats.view': { vi: 'Xem thống kê', en: 'Viewed statistics' },
  'stats.export_csv': { vi: 'Xuất bảng thống kê (CSV)', en: 'Exported statistics (CSV)' },
  'report.request': { vi: 'Yêu cầu báo cáo định kỳ', en: 'Requested a report' },
  'report.download': { vi: 'Tải báo cáo', en: 'Downloaded a report' },
  'export.htcds': { vi: 'Xuất dữ liệu ẩn danh (HTCDS)', en: 'De-identified export (HTCDS)' },
  'search.performed': { vi: 'Tìm kiếm ca', en: 'Searched cases' },
  'sms_command.refused': { vi: 'Từ chối lệnh SMS', en: 'Refused an SMS command' },
  'audit.viewed': { vi: 'Xem nhật ký truy cập', en: 'Read the audit log' },
  'audit.exported': { vi: 'Xuất nhật ký truy cập', en: 'Exported the audit log' },
  'user.create': { vi: 'Tạo tài khoản', en: 'Created an account' },
  'user.update': { vi: 'Sửa tài khoản', en: 'Changed an account' },
  'agency.create': { vi: 'Thêm cơ quan', en: 'Added an agency' },
  'agency.update': { vi: 'Sửa cơ quan', en: 'Changed an agency' },
  'shelter.occupancy': { vi: 'Cập nhật chỗ ở cơ sở bảo trợ', en: 'Updated shelter places' },
  'routing_rule.create': { vi: 'Thêm quy tắc chuyển gửi', en: 'Added a routing rule' },
  'routing_rule.update': { vi: 'Sửa quy tắc chuyển gửi', en: 'Changed a routing rule' },
  'job.retry': { vi: 'Chạy lại tác vụ lỗi', en: 'Retried a failed job' },
  'seed.import': { vi: 'Nhập dữ liệu ban đầu', en: 'Imported starting data' },
} as const satisfies Record<string, L>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];
export const isAuditAction = (v: string): v is AuditAction => Object.hasOwn(AUDIT_ACTION_LABELS, v);

/** A stored action's label; an action this build does not know reads as "Other action", never as its code. */
export const auditActionLabel = (action: string, lang: Lang): string =>
  isAuditAction(action) ? AUDIT_ACTION_LABELS[action][lang] : lang === 'vi' ? 'Thao tác khác' : 'Other action';

const ROLE_LABELS: Record<string, L> = {
  operator: { vi: 'Tư vấn viên', en: 'Operator' },
  supervisor: { vi: 'Giám sát viên', en: 'Supervisor' },
  agency_officer: { vi: 'Cán bộ đầu mối', en: 'Agency officer' },
  admin: { vi: 'Quản trị', en: 'Administrator' },
  system: { vi: 'Hệ thống', en: 'System' },
};
/** The role an entry was written under (the system writes some entries itself). */
export const auditRoleLabel = (role: string, lang: Lang): string => ROLE_LABELS[role]?.[lang] ?? (lang === 'vi' ? 'Khác' : 'Other');

/** What a case's own page lists under "who looked at this case": reading it, its messages, its recording. */
export const CASE_ACCESS_ACTIONS = [
  'contact.view', 'contact.message.view', 'contact.recording.play', 'referral.view', 'disclosure.grant', 'disclosure.revoke',
] as const satisfies readonly AuditAction[];

/** At most this many entries a page; the CSV export stops at AUDIT_EXPORT_MAX rows (and says so). */
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_EXPORT_MAX = 100_000;

/** The contact id behind a case's reference as people type it: LH-000123, lh-123 or 123. */
export function contactIdOfRef(ref: string): number | null {
  const m = /^(?:LH-?)?0*(\d{1,10})$/i.exec(ref.trim());
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
}

/** One entry as the viewer shows it: who, what, when, which case, referral or agency. Ids and codes only. */
export interface AuditEntryView {
  id: number;
  at: string;
  actor: { id: number; displayName: string; username: string } | null;
  actorRole: string | null;
  action: string;
  caseRef: string | null;
  contactId: number | null;
  referralId: number | null;
  agency: { id: number; name: string } | null;
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}
