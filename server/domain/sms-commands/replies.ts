import type { ReferralStatus } from '../../../shared/index.js';

/**
 * The short answers a focal point gets back, in their language. They name the case by its reference and the
 * command's code only: never anything about the victim.
 */
export type Reply =
  | { kind: 'unregistered' }
  | { kind: 'malformed'; command: 'accept' | 'decline' | 'support'; problem: 'code' | 'reason' | 'regimes' }
  | { kind: 'unknown_code'; code: number }
  | { kind: 'expired'; code: number; ref: string }
  | { kind: 'conflict'; ref: string; status: ReferralStatus }
  | { kind: 'accepted' | 'declined'; ref: string }
  | { kind: 'support'; ref: string; regimes: string[] };

const USAGE_VI = 'Cú pháp: NHAN <mã> | TUCHOI <mã> <lý do> | HOTRO <mã> b,g';
const USAGE_EN = 'Use: NHAN <code> | TUCHOI <code> <reason> | HOTRO <code> b,g';

const STATUS_VI: Record<ReferralStatus, string> = {
  pending: 'đang chờ tiếp nhận', accepted: 'đã được tiếp nhận', in_progress: 'đang hỗ trợ', declined: 'đã bị từ chối', expired: 'đã quá hạn',
  closed: 'đã đóng', needs_supervisor: 'đã chuyển giám sát viên', cancelled: 'đã huỷ',
};
const STATUS_EN: Record<ReferralStatus, string> = {
  pending: 'waiting to be accepted', accepted: 'already accepted', in_progress: 'in progress', declined: 'declined', expired: 'expired',
  closed: 'closed', needs_supervisor: 'with the supervisor', cancelled: 'cancelled',
};
const regimeLabel = (r: string) => (r === 'dd' ? 'đ' : r);

export function replyText(r: Reply, locale: 'vi' | 'en'): string {
  const vi = locale === 'vi';
  switch (r.kind) {
    case 'unregistered':
      return vi ? 'Tổng đài 111: số điện thoại này chưa được đăng ký cho cán bộ đầu mối. Vui lòng đăng nhập hệ thống.' : 'Hotline 111: this number is not registered to a focal point. Please sign in to the system.';
    case 'malformed': {
      const what = { code: vi ? 'thiếu mã ca (4–5 chữ số)' : 'the case code (4–5 digits) is missing', reason: vi ? 'cần ghi lý do từ chối' : 'a reason to decline is required', regimes: vi ? 'chế độ hỗ trợ phải là a, b, c, d, đ, e, g, h, i, k' : 'support must be among a, b, c, d, đ, e, g, h, i, k' }[r.problem];
      return `${vi ? 'Tổng đài 111: tin nhắn chưa đúng' : 'Hotline 111: message not understood'} (${what}). ${vi ? USAGE_VI : USAGE_EN}`;
    }
    case 'unknown_code':
      return vi ? `Tổng đài 111: mã ${r.code} không đúng với ca nào của cơ quan bạn. Không có gì thay đổi.` : `Hotline 111: code ${r.code} matches no case of your agency. Nothing changed.`;
    case 'expired':
      return vi ? `Tổng đài 111: mã ${r.code} (ca ${r.ref}) đã hết hạn. Vui lòng đăng nhập hệ thống.` : `Hotline 111: code ${r.code} (case ${r.ref}) has expired. Please sign in to the system.`;
    case 'conflict':
      return vi ? `Tổng đài 111: ca ${r.ref} ${STATUS_VI[r.status]}, không thay đổi.` : `Hotline 111: case ${r.ref} is ${STATUS_EN[r.status]}; nothing changed.`;
    case 'accepted':
      return vi ? `Tổng đài 111: đã ghi nhận cơ quan bạn TIẾP NHẬN ca ${r.ref}.` : `Hotline 111: your agency has ACCEPTED case ${r.ref}.`;
    case 'declined':
      return vi ? `Tổng đài 111: đã ghi nhận TỪ CHỐI ca ${r.ref}; ca được chuyển tiếp.` : `Hotline 111: case ${r.ref} DECLINED; it is being passed on.`;
    case 'support':
      return vi
        ? `Tổng đài 111: đã ghi nhận hỗ trợ (${r.regimes.map(regimeLabel).join(', ')}) cho ca ${r.ref}.`
        : `Hotline 111: support (${r.regimes.map(regimeLabel).join(', ')}) recorded for case ${r.ref}.`;
  }
}

/** The line an alert SMS ends with, so the focal point knows how to answer. */
export function commandHint(code: number): string {
  return `Trả lời NHAN ${code} để tiếp nhận, TUCHOI ${code} <lý do> để từ chối.`;
}
