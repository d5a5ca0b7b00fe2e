/** Vietnamese strings of cases that group contacts: attaching a follow-up, a case's history (en-cases.ts has the same shape). */
export const viCases = {
  attach: {
    legend: 'Gắn vào ca đã có',
    hint: 'Cuộc gọi tiếp theo, thông tin mới, nạn nhân gọi lại: gắn vào ca cũ để cơ quan đang xử lý nhận thông tin trong cùng chuyển gửi.',
    pick: 'Chọn từ các cuộc gọi trước của số này',
    pickNone: '— Chọn ca —',
    byRef: 'Hoặc nhập mã ca',
    refPlaceholder: 'LH-000123',
    submit: 'Gắn vào ca',
    detach: 'Bỏ gắn',
    attached: 'Đã gắn vào ca {{ref}} ({{status}})',
    noNewReferral: 'Khi kết thúc, sẽ không tạo chuyển gửi mới: thông tin được gửi vào các chuyển gửi đang mở của ca {{ref}}.',
    closedRoutedAgain: 'Ca đã đóng — cuộc liên hệ này sẽ được chuyển gửi lại: khi kết thúc, hệ thống định tuyến như một cuộc liên hệ mới và mở lại ca {{ref}}.',
    badRef: 'Mã ca không hợp lệ (ví dụ LH-000123).',
    errors: {
      invalid: 'Không có ca đã kết thúc với mã này.',
      forbidden: 'Ca này của số điện thoại khác: cần giám sát viên cấp quyền xem ca trước khi gắn.',
      conflict: 'Cuộc liên hệ này không còn do bạn xử lý.',
    },
    open: 'Xem lịch sử ca',
  },
  status: { open: 'đang mở', closed: 'đã đóng' },
  history: {
    title: 'Lịch sử ca',
    status: 'Trạng thái ca',
    closedAt: 'Đóng lúc {{time}}',
    contacts: 'Các cuộc liên hệ',
    first: 'Cuộc gọi đầu tiên',
    followUp: 'Cuộc gọi tiếp theo',
    reopened: 'mở lại ca',
    referrals: 'Chuyển gửi',
    noReferrals: 'Ca này không có chuyển gửi nào.',
    supervisorQueue: 'Giám sát viên',
  },
};

export type CasesMessages = typeof viCases;
