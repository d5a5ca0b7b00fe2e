import { label } from '../../../shared/i18n/labels.js';
import type { ReferralStatus } from '../../../shared/index.js';

/**
 * Vietnamese for the English messages the shared zod schemas (and so the server) produce.
 * Keyed by the exact English text; a message not listed here is shown as a general sentence (messages.ts).
 */
export const viMessages: Record<string, string> = {
  'username is required': 'Cần nhập tên đăng nhập.',
  'sign-in is unavailable for a moment (the login counters do not answer); try again in a minute':
    'Tạm thời chưa đăng nhập được (bộ đếm đăng nhập không phản hồi). Vui lòng thử lại sau một phút.',
  // The phone line (server/domain/voice)
  'finish the call first': 'Hãy kết thúc cuộc gọi trước.',
  'this call is no longer offered to you': 'Cuộc gọi này không còn dành cho bạn (đã hết thời gian chờ nhận hoặc đã kết thúc).',
  'another operator already took this call': 'Một tư vấn viên khác đã nhận cuộc gọi này.',
  'no such call offer': 'Không tìm thấy cuộc gọi đến này.',
  'this call is not yours': 'Đây không phải cuộc gọi của bạn.',
  'this call has ended': 'Cuộc gọi đã kết thúc.',
  'the call is not connected yet': 'Cuộc gọi chưa được kết nối.',
  'the softphone is not configured (TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWILIO_TWIML_APP_SID)':
    'Chưa cấu hình điện thoại trên trình duyệt (TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWILIO_TWIML_APP_SID).',
  'the training line runs only without Twilio: calls come in through Twilio here':
    'Đường dây tập huấn chỉ dùng được khi chưa cấu hình Twilio: ở đây cuộc gọi đến qua Twilio.',
  'no such training call': 'Không tìm thấy cuộc gọi tập huấn.',
  'this training call has ended': 'Cuộc gọi tập huấn này đã kết thúc.',
  'this training call was answered': 'Cuộc gọi tập huấn này đã được nhận.',
  'from must look like +84912345678': 'Số người gọi phải có dạng +84912345678.',
  'password is required': 'Cần nhập mật khẩu.',
  'display name is required': 'Cần nhập họ tên.',
  'username: 3-64 of a-z 0-9 . _ -': 'Tên đăng nhập gồm 3–64 ký tự a-z, 0-9 và . _ -',
  'password must have at least 12 characters': 'Mật khẩu phải có ít nhất 12 ký tự.',
  'this password is too common: choose a longer phrase of your own': 'Mật khẩu này quá phổ biến: hãy chọn một cụm từ dài hơn của riêng bạn.',
  'must not contain NUL or unpaired surrogate characters': 'Có ký tự không hợp lệ (ký tự NUL hoặc ký tự mã hóa lỗi).',
  'must be between 1900 and a year from now': 'Ngày phải từ năm 1900 đến một năm kể từ hôm nay.',
  'must be between 1900 and 2100': 'Ngày phải từ năm 1900 đến năm 2100.',
  'must be an id (at most 2147483647)': 'Mã số không hợp lệ.',
  'an agency officer must belong to an agency': 'Cán bộ đầu mối phải thuộc một cơ quan.',
  'only agency officers belong to an agency': 'Chỉ cán bộ đầu mối mới thuộc một cơ quan.',
  'a desk phone needs its number, like +84241234567': 'Cần nhập số điện thoại nhận cuộc gọi, dạng quốc tế như +84241234567.',
  'a SIP address looks like sip:agent7@pbx.example.vn': 'Địa chỉ SIP có dạng sip:tuvanvien7@pbx.example.vn.',
  'only operators and supervisors take calls on a phone or SIP device': 'Chỉ tư vấn viên và giám sát viên nhận cuộc gọi qua điện thoại hoặc thiết bị SIP.',
  'code: 2-80 of a-z 0-9 -': 'Mã gồm 2–80 ký tự a-z, 0-9 và dấu gạch ngang.',
  'name is required': 'Cần nhập tên.',
  'time must be HH:MM': 'Giờ phải có dạng HH:MM.',
  'a working interval must end after it starts': 'Giờ kết thúc phải sau giờ bắt đầu.',
  'a working-hours calendar needs at least one working interval': 'Lịch giờ hành chính cần ít nhất một khoảng giờ làm việc.',
  'a shelter accepts at least one sex': 'Cơ sở phải tiếp nhận ít nhất một giới tính.',
  'ageMin must not exceed ageMax': 'Tuổi tối thiểu không được lớn hơn tuổi tối đa.',
  'occupancy cannot exceed capacity': 'Số người đang tiếp nhận không được vượt quá sức chứa.',
  'a shelter needs its accepted sexes, ages and capacity': 'Cơ sở bảo trợ cần khai báo giới tính, độ tuổi tiếp nhận và sức chứa.',
  'only shelters have a shelter profile': 'Chỉ cơ sở bảo trợ mới có thông tin tiếp nhận.',
  'phone number must look like 0912345678 or +84912345678': 'Số điện thoại phải có dạng 0912345678 hoặc +84912345678.',
  'unit code must be 2 to 5 digits': 'Mã đơn vị hành chính gồm 2 đến 5 chữ số.',
  'a trafficking classification needs at least one purpose': 'Phân loại mua bán người cần ít nhất một mục đích.',
  'a case to refer needs at least one victim': 'Ca cần chuyển gửi phải có ít nhất một nạn nhân.',
  'a contact in immediate danger cannot be not relevant': 'Liên hệ có nguy hiểm tức thời không thể phân loại là không liên quan.',
  'age must be a whole number': 'Tuổi phải là số nguyên.',
  'age must be between 0 and 120': 'Tuổi phải từ 0 đến 120.',
  'country must be a 2-letter ISO code': 'Mã quốc gia gồm 2 chữ cái (ví dụ KH, CN).',
  'not an ISO 3166-1 country code': 'Không có quốc gia nào mang mã này (ISO 3166-1).',
  'not an ethnic group code (01–54, or 55 for a foreign national)': 'Hãy chọn một dân tộc trong danh sách.',
  'abroad means outside Viet Nam': 'Nước ngoài phải là quốc gia khác Việt Nam.',
  'message is empty': 'Tin nhắn đang trống.',
  'unknown administrative unit': 'Không tìm thấy đơn vị hành chính.',
  'message is too long': 'Tin nhắn quá dài (tối đa 1600 ký tự).',
  'a reason is required to decline': 'Cần ghi lý do từ chối (ít nhất 3 ký tự).',
  'date must be YYYY-MM-DD': 'Ngày phải có dạng năm-tháng-ngày (YYYY-MM-DD).',
  'say why the referral was not successful': 'Cần ghi lý do ca không thành công.',
  'the shelter track only targets shelters': 'Tuyến cơ sở trợ giúp chỉ chuyển đến cơ sở trợ giúp xã hội.',
  'nearest_with_capacity applies to shelters only': 'Phạm vi «gần nhất còn chỗ» chỉ áp dụng cho cơ sở trợ giúp xã hội.',
  'timeout must be at least 1 minute': 'Thời gian chờ ít nhất là 1 phút.',
  // Server-side checks (conflicts, references, permissions).
  'only a shelter has an occupancy': 'Chỉ cơ sở trợ giúp (nơi tạm trú) mới có số người đang tiếp nhận.',
  'administrators do not read case referrals': 'Quản trị viên không xem nội dung ca chuyển gửi.',
  'you may only update your own agency': 'Bạn chỉ được cập nhật cơ quan của mình.',
  'no such failed job': 'Không tìm thấy công việc lỗi này (có thể đã được thử lại).',
  'already taken': 'Tên đăng nhập này đã được sử dụng.',
  'username already taken': 'Tên đăng nhập này đã được sử dụng.',
  'already used': 'Mã này đã được sử dụng.',
  'cannot be itself': 'Không thể chọn chính cơ quan này.',
  'would create a cycle': 'Lựa chọn này tạo thành vòng lặp cấp trên – cấp dưới.',
  'no agency with this id': 'Không tìm thấy cơ quan này.',
  'cannot demote or disable yourself': 'Bạn không thể tự hạ quyền hoặc vô hiệu hóa tài khoản của mình.',
  'no such agency': 'Không tìm thấy cơ quan.',
  'no such user': 'Không tìm thấy người dùng.',
  'no such routing rule': 'Không tìm thấy quy tắc chuyển gửi (có thể đã bị xóa).',
  'your role may not do this': 'Vai trò của bạn không được phép thực hiện thao tác này.',
  'login required': 'Cần đăng nhập.',
  // Referrals and their assignment.
  'no such referral': 'Không tìm thấy ca chuyển gửi (có thể đã được chuyển cho cơ quan khác).',
  'unknown or inactive agency': 'Cơ quan không tồn tại hoặc đã ngừng hoạt động.',
  'no active agency with this id': 'Không có cơ quan đang hoạt động nào như vậy.',
  'no such open escalation for your agency': 'Không tìm thấy báo cáo chưa xử lý này của cơ quan bạn (có thể đã được xử lý).',
  'network error': 'Không kết nối được máy chủ.',
  'malformed JSON body': 'Dữ liệu gửi lên không đọc được.',
  'request body too large': 'Dữ liệu gửi lên quá lớn.',
  'cross-origin request refused': 'Yêu cầu từ trang khác bị từ chối.',
};

/** A referral's status in Vietnamese, for server messages that name it. */
const status = (s: string) => label('referralStatus', s as ReferralStatus, 'vi').toLocaleLowerCase('vi');
const ACTIONS: Record<string, string> = { accept: 'tiếp nhận', decline: 'từ chối', close: 'kết thúc', 'record support on': 'ghi nhận hỗ trợ cho' };

/** Referral server messages that name the state the referral is in. */
export const viReferralMessagePatterns: [RegExp, (m: string, ...groups: string[]) => string][] = [
  [/^cannot (accept|decline|close|record support on) a referral that is (\w+)$/, (_m, a, s) => `Không thể ${ACTIONS[a!] ?? a} ca đang ở trạng thái «${status(s!)}».`],
  [/^only a referral waiting for a supervisor can be assigned \(this one is (\w+)\)$/, (_m, s) => `Chỉ giao được ca đang chờ giám sát viên (ca này đang «${status(s!)}»).`],
  [/^invalid (body|params|query): .+$/, () => 'Dữ liệu gửi lên chưa hợp lệ.'],
];

/** Server messages that carry values. */
export const viMessagePatterns: [RegExp, string][] = [
  [/^unknown unit (\S+) in (\S+)$/, 'Không có đơn vị $1 trong bộ dữ liệu $2.'],
  [/^agency code "(.+)" is already used$/, 'Mã cơ quan "$1" đã được sử dụng.'],
  [/^no unit (\S+) in (\S+)$/, 'Không có đơn vị hành chính $1 trong bộ dữ liệu $2.'],
  [/^occupancy cannot exceed the capacity \((\d+)\)$/, 'Số người đang tiếp nhận không được vượt quá sức chứa ($1).'],
  [/^at most (\d+)$/, 'Tối đa $1.'],
  [/^internal error \(reference (.+)\)$/, 'Lỗi hệ thống (mã tham chiếu $1).'],
];
