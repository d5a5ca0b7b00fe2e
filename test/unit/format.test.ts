import { expect } from 'chai';
import { formatDate, formatDateTime, formatHours, formatMinutes, formatNumber, formatPeriod, formatTime, statValue } from '../../client/src/i18n/format.js';
import { coverageFacts, coverageSentence } from '../../server/domain/routing/jurisdiction.js';
import type { MapUnit } from '../../server/domain/units/unit-cover.js';
import { ruleNameText, targetText, whyText } from '../../shared/i18n/why-text.js';

describe('one way to write things (client/src/i18n/format.ts)', () => {
  it('writes dates dd/mm/yyyy and times 24 h in Vietnam time, whatever the instant’s zone', () => {
    // 17:30 UTC on 31 Dec is already 1 January in Vietnam (UTC+7).
    expect(formatDateTime('2026-12-31T17:30:00Z')).to.equal('01/01/2027 00:30');
    expect(formatDate('2026-12-31T17:30:00Z')).to.equal('01/01/2027');
    expect(formatDate('2026-12-05')).to.equal('05/12/2026');
    expect(formatTime('2026-12-05T06:04:09Z')).to.equal('13:04:09');
    expect(formatTime('2026-12-05T15:04:09Z', false)).to.equal('22:04');
    expect(formatPeriod({ from: '2026-01-01', to: '2026-06-30' })).to.equal('01/01/2026 – 30/06/2026');
    expect(formatDate('not a date')).to.equal('not a date');
  });

  it('writes numbers in the language’s format', () => {
    expect(formatNumber(4610, 'vi')).to.equal('4.610');
    expect(formatNumber(4610, 'en')).to.equal('4,610');
    expect(formatNumber(1.25, 'vi', 1)).to.match(/^1,[23]$/);
    expect(formatNumber(1.25, 'en', 1)).to.match(/^1\.[23]$/);
  });

  it('writes spans in words: never "1,65", "0.2 phút" or "603,76 giờ"', () => {
    expect(formatHours(1.65, 'vi')).to.equal('1 giờ 39 phút');
    expect(formatHours(1.65, 'en')).to.equal('1 h 39 min');
    expect(formatMinutes(0.2, 'vi')).to.equal('dưới 1 phút');
    expect(formatMinutes(0.2, 'en')).to.equal('under 1 min');
    expect(formatMinutes(0, 'en')).to.equal('0 min');
    expect(formatMinutes(12.4, 'vi')).to.equal('12 phút');
    expect(formatHours(2, 'en')).to.equal('2 h');
    expect(formatHours(603.76, 'vi')).to.equal('25 ngày 4 giờ');
    expect(formatHours(603.76, 'en')).to.equal('25 d 4 h');
    expect(formatHours(48, 'en')).to.equal('2 d');
    expect(formatHours(24 * 1500, 'vi')).to.equal('1.500 ngày');
    for (const s of [formatHours(1.65, 'vi'), formatHours(0.004, 'en'), formatHours(603.76, 'vi')]) expect(s).not.to.match(/\d[.,]\d/);
  });

  it('writes statistics values by unit: counts whole, spans in words, percentages to one decimal', () => {
    expect(statValue(12345, 'count', 'vi')).to.equal('12.345');
    expect(statValue(1.65, 'hours', 'en')).to.equal('1 h 39 min');
    expect(statValue(12.34, 'percent', 'en', true)).to.equal('12.3%');
    expect(statValue(null, 'hours', 'vi')).to.equal('—');
  });
});

describe('no internal identifier on screen: targets, rule names and why-this-agency in both languages', () => {
  it('labels a stored routing target in each language', () => {
    expect(targetText('district_office@jurisdiction', 'vi')).to.equal('Phòng Lao động – Thương binh và Xã hội cấp huyện (địa bàn cụ thể nhất có cơ quan này)');
    expect(targetText('shelter@nearest_with_capacity', 'en')).to.equal('Shelter (social assistance facility) (nearest with a free place)');
    expect(targetText('made_up@nowhere', 'en')).to.equal('Other agency');
    for (const lang of ['vi', 'en'] as const) expect(targetText('provincial_department@province', lang)).not.to.match(/[a-z]+_[a-z_]+|@/);
  });

  it('reads a bilingual rule name in the reader’s language, and any other name as written', () => {
    const name = 'Cơ quan địa phương, mua bán người (Local office, trafficking)';
    expect(ruleNameText(name, 'vi')).to.equal('Cơ quan địa phương, mua bán người');
    expect(ruleNameText(name, 'en')).to.equal('Local office, trafficking');
    expect(ruleNameText('Quy tắc riêng', 'en')).to.equal('Quy tắc riêng');
  });

  it('renders why-this-agency from its facts: the Vietnamese equals the stored sentence, the English has no Vietnamese words', () => {
    const unit = (id: number, dataset: 'vn-2023' | 'vn-2025', path: string, level: MapUnit['level']): MapUnit =>
      ({ id, dataset, code: String(id), name: path, level, path, groundSize: 1, lat: null, lon: null });
    const covered = unit(1, 'vn-2023', 'Huyện Vị Xuyên, Hà Giang', 'district');
    const anchor = unit(2, 'vn-2025', 'Xã Vị Xuyên, Tuyên Quang', 'commune');
    const facts = { ...coverageFacts('Phòng LĐ-TB&XH huyện Vị Xuyên', covered, anchor, 'location'), skipped: ['district_office'], abroad: null };
    const why = { rule: null, target: 'commune_committee@jurisdiction', explanation: '', facts };
    expect(whyText(why, 'vi')).to.equal(`${coverageSentence('Phòng LĐ-TB&XH huyện Vị Xuyên', covered, anchor, 'location')}; không có Phòng Lao động – Thương binh và Xã hội cấp huyện phù hợp`);
    const en = whyText(why, 'en');
    expect(en).to.equal(
      'Phòng LĐ-TB&XH huyện Vị Xuyên covers Huyện Vị Xuyên, Hà Giang, where the victim is (Xã Vị Xuyên, Tuyên Quang, by the boundaries before 1 July 2025); no matching District labour and social affairs office',
    );
    expect(en).not.to.match(/phụ trách|nơi nạn nhân|không có|[a-z]+_[a-z_]+/);
  });
});
