import { auditActionLabel, auditRoleLabel, type AuditEntryView, type Lang } from '../../../shared/index.js';
import { csvLine } from '../reports/csv.js';

const HEADINGS = {
  vi: ['Thời gian', 'Người thực hiện', 'Tên đăng nhập', 'Vai trò', 'Thao tác', 'Mã thao tác', 'Ca', 'Ca chuyển gửi', 'Cơ quan', 'Địa chỉ IP', 'Chi tiết'],
  en: ['Time', 'Person', 'Username', 'Role', 'Action', 'Action code', 'Case', 'Referral', 'Agency', 'IP address', 'Details'],
} as const satisfies Record<Lang, readonly string[]>;

const TRUNCATED = {
  vi: (n: number) => `Tệp dừng ở ${n.toLocaleString('vi-VN')} dòng: hãy thu hẹp bộ lọc để xuất phần còn lại.`,
  en: (n: number) => `The file stops at ${n.toLocaleString('en-GB')} rows: narrow the filters to export the rest.`,
};

/** dd/mm/yyyy HH:mm:ss in Vietnam's time (UTC+7, no daylight saving), whatever the server's zone. */
function vnTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 19)}`;
}

export const auditCsvHeading = (lang: Lang) => csvLine([...HEADINGS[lang]]) + '\r\n';
export const auditCsvTruncated = (lang: Lang, max: number) => csvLine([TRUNCATED[lang](max)]) + '\r\n';

export function auditCsvRows(entries: AuditEntryView[], lang: Lang): string {
  return entries.map((e) => csvLine([
    vnTime(e.at), e.actor?.displayName ?? null, e.actor?.username ?? null, e.actorRole ? auditRoleLabel(e.actorRole, lang) : null,
    auditActionLabel(e.action, lang), e.action, e.caseRef, e.referralId, e.agency?.name ?? null, e.ip,
    Object.keys(e.details).length ? JSON.stringify(e.details) : null,
  ]) + '\r\n').join('');
}
