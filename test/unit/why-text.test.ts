import { expect } from 'chai';
import { deadlineText, whyReasonText, whyText } from '../../shared/i18n/why-text.js';

describe('why a referral is where it is (shared/i18n/why-text.ts)', () => {
  it('names the deadline nobody acknowledged within, in each language', () => {
    const why = { rule: null, target: null, explanation: '', reason: 'expired', deadlineMinutes: 15 } as const;
    expect(whyText(why, 'vi')).to.equal('Không có cơ quan xác nhận trong 15 phút');
    expect(whyText(why, 'en')).to.equal('No agency acknowledged within 15 minutes');
    expect(whyText({ ...why, deadlineMinutes: 60 }, 'vi')).to.equal('Không có cơ quan xác nhận trong 1 giờ');
    expect(whyText({ ...why, deadlineMinutes: 480 }, 'en')).to.equal('No agency acknowledged within 8 hours');
    expect(whyText({ ...why, deadlineMinutes: undefined }, 'en')).to.equal('No agency acknowledged in time');
  });

  it('says no agency covers the place, the agencies declined, or a supervisor assigned it (attempt N)', () => {
    const base = { rule: 'r', target: null, explanation: 'ignored when coded' };
    expect(whyText({ ...base, reason: 'no_agency' }, 'en')).to.equal('No matching agency covers this place');
    expect(whyText({ ...base, reason: 'declined' }, 'vi')).to.equal('Các cơ quan được chuyển đều đã từ chối');
    expect(whyText({ ...base, reason: 'assigned', attempt: 2 }, 'en')).to.equal('Assigned by a supervisor (attempt 2 to this agency)');
    expect(whyText({ ...base, reason: 'assigned', attempt: 1 }, 'vi')).to.equal('Giám sát viên giao trực tiếp');
  });

  it('renders referrals stored before the codes sensibly: the old queue sentence or an empty why becomes "no agency took it"', () => {
    const legacy = { rule: null, target: null, explanation: 'Không tìm được cơ quan phù hợp: chuyển giám sát viên' };
    expect(whyText(legacy, 'en')).to.equal('No agency took this case');
    expect(whyText({ ...legacy, explanation: '' }, 'vi')).to.equal('Không có cơ quan nào nhận ca này');
    expect(whyReasonText({ reason: undefined }, 'en')).to.equal(null);
    // A row without the sentence at all (written by hand) reads the same, rather than failing the screen.
    expect(whyText({ rule: null, target: null } as unknown as typeof legacy, 'en')).to.equal('No agency took this case');
    // An agency chosen by the rules keeps the sentence naming it.
    expect(whyText({ ...legacy, explanation: 'Phòng LĐ-TB&XH huyện Vị Xuyên phụ trách Thị trấn Vị Xuyên' }, 'en')).to.include('Vị Xuyên');
  });

  it('writes whole days, hours or minutes', () => {
    expect(deadlineText(1, 'en')).to.equal('1 minute');
    expect(deadlineText(90, 'vi')).to.equal('90 phút');
    expect(deadlineText(2880, 'en')).to.equal('2 days');
  });
});
