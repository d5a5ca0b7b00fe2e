import { expect } from 'chai';
import { buildDayRules, lawHolidays } from '../../server/domain/sla/vn-holidays.js';

const dates = (year: number): string[] => lawHolidays(year).map((h) => h.date);
const nameOn = (date: string): string | undefined => lawHolidays(Number(date.slice(0, 4))).find((h) => h.date === date)?.name;

describe('SLA: Vietnamese public holidays (Labour Code 2019, Art. 112)', () => {
  it('2026: Tết 16–20 Feb, Hùng Kings on a Sunday gives Monday 27 Apr off', () => {
    expect(dates(2026)).to.deep.equal([
      '2026-01-01',
      '2026-02-16', // lunar new year's eve (Mon)
      '2026-02-17', // lunar 1/1 (Tue)
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26', // Giỗ Tổ Hùng Vương, Sunday
      '2026-04-27', // its substitute
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(nameOn('2026-04-27')).to.equal('Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)');
    expect(nameOn('2026-02-16')).to.equal('Tết Nguyên Đán (Giao thừa)');
  });

  it('2027: Tết on a weekend gives two substitute days, 1/5 on a Saturday gives Monday 3 May', () => {
    expect(dates(2027)).to.deep.equal([
      '2027-01-01',
      '2027-02-05', // eve (Fri)
      '2027-02-06', // lunar 1/1 (Sat)
      '2027-02-07', // Sun
      '2027-02-08',
      '2027-02-09',
      '2027-02-10', // substitute for Sat 6 Feb
      '2027-02-11', // substitute for Sun 7 Feb
      '2027-04-16', // Hùng Kings (Fri)
      '2027-04-30',
      '2027-05-01', // Sat
      '2027-05-03', // its substitute (Sun 2 May is a rest day anyway)
      '2027-09-01',
      '2027-09-02',
    ]);
    expect(nameOn('2027-02-10')).to.equal('Nghỉ bù Tết Nguyên Đán (Mùng 1)');
    expect(nameOn('2027-02-11')).to.equal('Nghỉ bù Tết Nguyên Đán (Mùng 2)');
    expect(nameOn('2027-05-03')).to.equal('Nghỉ bù Ngày Quốc tế Lao động (1/5)');
  });

  it('a substitute skips holidays and other substitutes (2023: Hùng Kings Sat 29 Apr, 30/4 Sun, 1/5 Mon)', () => {
    const may = lawHolidays(2023).filter((h) => h.date >= '2023-04-29' && h.date <= '2023-05-05');
    expect(may.map((h) => h.date)).to.deep.equal(['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03']);
    expect(may[3]?.name).to.match(/^Nghỉ bù Giỗ Tổ/);
    expect(may[4]?.name).to.match(/^Nghỉ bù Ngày Chiến thắng/);
  });

  it('New Year and National Day on a Saturday (2028)', () => {
    const d = dates(2028);
    expect(d).to.include.members(['2028-01-01', '2028-01-03', '2028-09-01', '2028-09-02', '2028-09-04']);
    expect(d).not.to.include('2028-01-02');
    expect(new Set(d).size).to.equal(d.length);
    expect([...d].sort()).to.deep.equal(d);
  });

  it('returns copies: callers cannot corrupt the cache', () => {
    const list = lawHolidays(2026);
    list[0]!.date = '1999-01-01';
    list.pop();
    expect(dates(2026)).to.have.length(12);
    expect(dates(2026)[0]).to.equal('2026-01-01');
  });

  describe('buildDayRules', () => {
    it('law holidays of any year, ordinary days not', () => {
      const rules = buildDayRules([]);
      expect(rules.isHoliday('2026-02-17')).to.equal(true);
      expect(rules.isHoliday('2031-09-02')).to.equal(true);
      expect(rules.isHoliday('2026-02-23')).to.equal(false);
      expect(rules.isHoliday('2026-02-21')).to.equal(false); // a Saturday is a rest day, not a holiday
      expect(rules.isWorkdayOverride('2026-02-21')).to.equal(false);
    });

    it('a holiday override adds a day off; a workday override wins over law and override holidays', () => {
      const rules = buildDayRules([
        { date: '2026-09-03', kind: 'holiday' },
        { date: '2026-09-01', kind: 'workday' },
        { date: '2026-02-28', kind: 'workday' },
        { date: '2026-03-05', kind: 'holiday' },
        { date: '2026-03-05', kind: 'workday' },
      ]);
      expect(rules.isHoliday('2026-09-03')).to.equal(true);
      expect(rules.isHoliday('2026-09-01')).to.equal(false);
      expect(rules.isWorkdayOverride('2026-09-01')).to.equal(true);
      expect(rules.isWorkdayOverride('2026-02-28')).to.equal(true);
      expect(rules.isHoliday('2026-03-05')).to.equal(false);
    });
  });
});
