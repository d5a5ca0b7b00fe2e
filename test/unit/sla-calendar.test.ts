import { expect } from 'chai';
import { OFFICE_HOURS, type SlaTarget, type TargetUnit, type WorkingCalendar } from '../../shared/index.js';
import { addWorkingMs, dueAt, resumeShift, warnAt, workingMsBetween } from '../../server/domain/sla/business-calendar.js';
import { buildDayRules, type DayRules } from '../../server/domain/sla/vn-holidays.js';

// All instants are written and read as Vietnamese wall time (UTC+7), whatever TZ the tests run under.
const vn = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const show = (d: Date): string => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const LAW = buildDayRules([]);
const H = 3_600_000;
const M = 60_000;
const ALWAYS: WorkingCalendar = { mode: '24x7' };

interface DueCase {
  title: string;
  from: string;
  value: number;
  unit: TargetUnit;
  due: string;
  calendar?: WorkingCalendar;
  days?: DayRules;
}

function dueCases(cases: DueCase[]): void {
  for (const c of cases) {
    it(`${c.title}: ${c.value} ${c.unit} from ${c.from} → ${c.due}`, () => {
      const target: SlaTarget = { value: c.value, unit: c.unit };
      expect(show(dueAt(vn(c.from), target, c.calendar ?? OFFICE_HOURS, c.days ?? LAW))).to.equal(c.due);
    });
  }
}

describe('SLA: business calendar arithmetic (pure)', () => {
  it('test helpers read and write Vietnamese wall time', () => {
    expect(vn('2026-03-10 07:30').toISOString()).to.equal('2026-03-10T00:30:00.000Z');
    expect(show(new Date('2026-03-09T17:00:00Z'))).to.equal('2026-03-10 00:00');
  });

  describe('wall-clock targets ignore the calendar and holidays', () => {
    dueCases([
      { title: 'minutes into a holiday', from: '2026-04-29 23:50', value: 30, unit: 'minutes', due: '2026-04-30 00:20' },
      { title: 'hours on a Saturday', from: '2026-05-02 10:00', value: 4, unit: 'hours', due: '2026-05-02 14:00' },
      { title: 'fractional hours', from: '2026-03-10 10:00', value: 1.5, unit: 'hours', due: '2026-03-10 11:30' },
      { title: 'days over 30/4–1/5', from: '2026-04-29 10:00', value: 2, unit: 'days', due: '2026-05-01 10:00' },
      { title: 'across Tết', from: '2027-02-04 16:00', value: 8, unit: 'hours', due: '2027-02-05 00:00' },
    ]);
  });

  describe('business hours (office hours 07:30–11:30, 13:30–17:00 Mon–Fri)', () => {
    dueCases([
      { title: 'within a morning', from: '2026-03-10 08:00', value: 2, unit: 'business_hours', due: '2026-03-10 10:00' },
      { title: 'across lunch', from: '2026-03-10 10:30', value: 3, unit: 'business_hours', due: '2026-03-10 15:30' },
      { title: 'ending exactly at closing', from: '2026-03-10 10:30', value: 4.5, unit: 'business_hours', due: '2026-03-10 17:00' },
      { title: 'ending exactly at lunch stays at 11:30', from: '2026-03-10 10:30', value: 1, unit: 'business_hours', due: '2026-03-10 11:30' },
      { title: 'across an evening', from: '2026-03-10 16:00', value: 5, unit: 'business_hours', due: '2026-03-11 11:30' },
      { title: 'across a weekend', from: '2026-03-13 16:00', value: 2, unit: 'business_hours', due: '2026-03-16 08:30' },
      { title: 'starting on a Saturday', from: '2026-03-14 10:00', value: 1, unit: 'business_hours', due: '2026-03-16 08:30' },
      { title: 'starting at lunch', from: '2026-03-10 12:00', value: 1, unit: 'business_hours', due: '2026-03-10 14:30' },
      { title: 'starting before opening', from: '2026-03-10 06:00', value: 1, unit: 'business_hours', due: '2026-03-10 08:30' },
      { title: 'half an hour from the evening', from: '2026-03-10 20:00', value: 0.5, unit: 'business_hours', due: '2026-03-11 08:00' },
      { title: 'a quarter hour across lunch', from: '2026-03-10 11:20', value: 0.25, unit: 'business_hours', due: '2026-03-10 13:35' },
      { title: 'a week of working time', from: '2026-03-09 07:30', value: 37.5, unit: 'business_hours', due: '2026-03-13 17:00' },
      { title: 'over 30/4–1/5 and the weekend', from: '2026-04-29 16:30', value: 1, unit: 'business_hours', due: '2026-05-04 08:00' },
      { title: 'over Tết 2027 (eve Fri 5 Feb, substitutes 10–11 Feb)', from: '2027-02-04 16:00', value: 8, unit: 'business_hours', due: '2027-02-12 16:30' },
      { title: 'over Tết 2026 (16–20 Feb)', from: '2026-02-13 16:00', value: 8, unit: 'business_hours', due: '2026-02-23 16:30' },
    ]);
  });

  describe('business days: N working days later at the same time of day', () => {
    dueCases([
      { title: 'over a weekend', from: '2026-03-13 10:00', value: 1, unit: 'business_days', due: '2026-03-16 10:00' },
      { title: 'same day of next week', from: '2026-03-10 09:15', value: 5, unit: 'business_days', due: '2026-03-17 09:15' },
      { title: 'over 30/4–1/5', from: '2026-04-29 10:00', value: 2, unit: 'business_days', due: '2026-05-05 10:00' },
      { title: 'over National Day 2026 (Tue 1/9, Wed 2/9)', from: '2026-08-31 15:00', value: 1, unit: 'business_days', due: '2026-09-03 15:00' },
      { title: 'over National Day 2027 (Wed 1/9, Thu 2/9)', from: '2027-08-31 09:00', value: 1, unit: 'business_days', due: '2027-09-03 09:00' },
      { title: 'over Tết 2027', from: '2027-02-04 09:00', value: 1, unit: 'business_days', due: '2027-02-12 09:00' },
      { title: 'over Tết 2026', from: '2026-02-13 09:00', value: 3, unit: 'business_days', due: '2026-02-25 09:00' },
      { title: 'starting on a Saturday counts from Monday opening', from: '2026-03-14 10:00', value: 1, unit: 'business_days', due: '2026-03-17 07:30' },
      { title: 'starting at lunch counts from 13:30', from: '2026-03-10 12:00', value: 1, unit: 'business_days', due: '2026-03-11 13:30' },
      { title: 'starting in the evening counts from next opening', from: '2026-03-10 18:00', value: 1, unit: 'business_days', due: '2026-03-12 07:30' },
      { title: 'half a day = half the due day’s working time', from: '2026-03-09 09:00', value: 0.5, unit: 'business_days', due: '2026-03-09 14:45' },
      { title: 'one and a half days', from: '2026-03-09 09:00', value: 1.5, unit: 'business_days', due: '2026-03-10 14:45' },
      { title: 'a fraction rolling into the next day', from: '2026-03-09 16:00', value: 0.5, unit: 'business_days', due: '2026-03-10 10:15' },
    ]);

    const day: [string, string][] = [['07:30', '11:30'], ['13:30', '17:00']];
    const shortFriday: WorkingCalendar = {
      mode: 'working_hours',
      hours: { mon: day, tue: day, wed: [['07:30', '17:00']], thu: day, fri: [['07:30', '11:30']] },
    };
    const lateFriday: WorkingCalendar = { mode: 'working_hours', hours: { thu: [['07:30', '11:30']], fri: [['13:00', '17:00']] } };
    dueCases([
      { title: 'due day closes earlier: end of its last interval', from: '2026-03-12 15:00', value: 1, unit: 'business_days', due: '2026-03-13 11:30', calendar: shortFriday },
      { title: 'due day opens later: its first working instant after', from: '2026-03-12 09:00', value: 1, unit: 'business_days', due: '2026-03-13 13:00', calendar: lateFriday },
      { title: 'a start at lunch moves to 13:30 even if the due day works through lunch', from: '2026-03-17 12:00', value: 1, unit: 'business_days', due: '2026-03-18 13:30', calendar: shortFriday },
    ]);
  });

  describe('substitute days and overrides', () => {
    dueCases([
      { title: 'Hùng Kings on Sun 26 Apr 2026 → Mon 27 Apr off', from: '2026-04-24 10:00', value: 1, unit: 'business_days', due: '2026-04-28 10:00' },
      { title: '1/5 on Sat 2027 → Mon 3 May off', from: '2027-04-29 10:00', value: 1, unit: 'business_days', due: '2027-05-04 10:00' },
      {
        title: 'an extra day off (holiday override)',
        from: '2026-03-10 10:00',
        value: 1,
        unit: 'business_days',
        due: '2026-03-12 10:00',
        days: buildDayRules([{ date: '2026-03-11', kind: 'holiday' }]),
      },
      {
        title: 'a make-up working Saturday works Monday’s hours',
        from: '2026-03-13 16:00',
        value: 2,
        unit: 'business_hours',
        due: '2026-03-14 08:30',
        days: buildDayRules([{ date: '2026-03-14', kind: 'workday' }]),
      },
      {
        title: 'a make-up Saturday is a business day',
        from: '2026-03-13 16:00',
        value: 1,
        unit: 'business_days',
        due: '2026-03-14 16:00',
        days: buildDayRules([{ date: '2026-03-14', kind: 'workday' }]),
      },
      {
        title: 'the Prime Minister picks 3/9 instead of 1/9',
        from: '2026-08-31 15:00',
        value: 2,
        unit: 'business_days',
        due: '2026-09-04 15:00',
        days: buildDayRules([
          { date: '2026-09-01', kind: 'workday' },
          { date: '2026-09-03', kind: 'holiday' },
        ]),
      },
    ]);
  });

  describe("business units on a '24x7' calendar count every day but holidays", () => {
    dueCases([
      { title: 'hours skip 30/4–1/5 whole', from: '2026-04-29 12:00', value: 24, unit: 'business_hours', due: '2026-05-02 12:00', calendar: ALWAYS },
      { title: 'days skip 30/4–1/5, keep weekends', from: '2026-04-29 12:00', value: 1, unit: 'business_days', due: '2026-05-02 12:00', calendar: ALWAYS },
      { title: 'from inside a holiday', from: '2026-04-30 09:00', value: 1, unit: 'business_hours', due: '2026-05-02 01:00', calendar: ALWAYS },
    ]);

    it('workingMsBetween and addWorkingMs are plain wall time there', () => {
      expect(workingMsBetween(vn('2026-04-29 12:00'), vn('2026-05-02 12:00'), ALWAYS, LAW)).to.equal(72 * H);
      expect(show(addWorkingMs(vn('2026-04-29 12:00'), 24 * H, ALWAYS, LAW))).to.equal('2026-04-30 12:00');
    });
  });

  describe('workingMsBetween / addWorkingMs', () => {
    it('counts only working time', () => {
      expect(workingMsBetween(vn('2026-03-10 10:00'), vn('2026-03-10 15:00'), OFFICE_HOURS, LAW)).to.equal(3 * H);
      expect(workingMsBetween(vn('2026-03-13 16:00'), vn('2026-03-16 08:30'), OFFICE_HOURS, LAW)).to.equal(2 * H);
      expect(workingMsBetween(vn('2026-04-29 00:00'), vn('2026-05-05 00:00'), OFFICE_HOURS, LAW)).to.equal(2 * 7.5 * H);
      expect(workingMsBetween(vn('2026-03-10 15:00'), vn('2026-03-10 10:00'), OFFICE_HOURS, LAW)).to.equal(0);
    });

    it('adding nothing stays put; an exact fit ends at the interval end', () => {
      const sat = vn('2026-03-14 10:00');
      expect(addWorkingMs(sat, 0, OFFICE_HOURS, LAW).getTime()).to.equal(sat.getTime());
      expect(show(addWorkingMs(vn('2026-03-10 11:00'), 30 * M, OFFICE_HOURS, LAW))).to.equal('2026-03-10 11:30');
    });

    it('adding then measuring gives back the same working time', () => {
      const starts = ['2026-03-10 06:00', '2026-03-10 11:29', '2026-03-13 16:59', '2026-04-29 13:00', '2027-02-04 08:00', '2026-12-31 20:00'];
      const amounts = [1, 59 * M, 3.25 * H, 7.5 * H, 40 * H, 300 * H];
      for (const s of starts)
        for (const ms of amounts) {
          const end = addWorkingMs(vn(s), ms, OFFICE_HOURS, LAW);
          expect(workingMsBetween(vn(s), end, OFFICE_HOURS, LAW), `${s} + ${ms}`).to.equal(ms);
        }
    });

    it('merges overlapping intervals instead of counting them twice', () => {
      const overlapping: WorkingCalendar = { mode: 'working_hours', hours: { tue: [['09:00', '12:00'], ['08:00', '10:00']] } };
      expect(workingMsBetween(vn('2026-03-10 00:00'), vn('2026-03-11 00:00'), overlapping, LAW)).to.equal(4 * H);
    });
  });

  describe('no working time at all fails instead of looping', () => {
    it('a calendar without hours', () => {
      const empty: WorkingCalendar = { mode: 'working_hours', hours: { mon: [] } };
      expect(() => dueAt(vn('2026-03-10 10:00'), { value: 1, unit: 'business_hours' }, empty, LAW)).to.throw(/no working hours/);
    });

    it('overrides that take every day off', () => {
      const everyDay = Array.from({ length: 500 }, (_, i) => ({
        date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
        kind: 'holiday' as const,
      }));
      const days = buildDayRules(everyDay);
      expect(() => dueAt(vn('2026-01-01 10:00'), { value: 1, unit: 'business_hours' }, OFFICE_HOURS, days)).to.throw(/no working time/);
      expect(() => dueAt(vn('2026-01-01 10:00'), { value: 1, unit: 'business_days' }, OFFICE_HOURS, days)).to.throw(/no working time/);
    });
  });

  describe('warnAt', () => {
    it('75% of wall time', () => {
      expect(show(warnAt(vn('2026-03-14 10:00'), vn('2026-03-14 14:00'), 75, false, OFFICE_HOURS, LAW))).to.equal('2026-03-14 13:00');
    });

    it('75% of working time, across lunch', () => {
      const start = vn('2026-03-10 10:30');
      const due = dueAt(start, { value: 4, unit: 'business_hours' }, OFFICE_HOURS, LAW);
      expect(show(due)).to.equal('2026-03-10 16:30');
      expect(show(warnAt(start, due, 75, true, OFFICE_HOURS, LAW))).to.equal('2026-03-10 15:30');
    });

    it('75% of working time, across a weekend', () => {
      const start = vn('2026-03-13 16:00');
      const due = dueAt(start, { value: 8, unit: 'business_hours' }, OFFICE_HOURS, LAW);
      expect(show(due)).to.equal('2026-03-16 16:30');
      expect(show(warnAt(start, due, 75, true, OFFICE_HOURS, LAW))).to.equal('2026-03-16 14:30');
    });

    it('a start outside working time warns inside it', () => {
      const start = vn('2026-03-14 10:00');
      const due = dueAt(start, { value: 4, unit: 'business_hours' }, OFFICE_HOURS, LAW);
      expect(show(due)).to.equal('2026-03-16 11:30');
      expect(show(warnAt(start, due, 75, true, OFFICE_HOURS, LAW))).to.equal('2026-03-16 10:30');
    });

    it('above 100% reaches past due; due <= start gives due', () => {
      const start = vn('2026-03-10 10:30');
      const due = vn('2026-03-10 16:30'); // 4 working hours, 6 wall hours
      expect(show(warnAt(start, due, 125, true, OFFICE_HOURS, LAW))).to.equal('2026-03-11 08:00');
      expect(show(warnAt(start, due, 125, false, OFFICE_HOURS, LAW))).to.equal('2026-03-10 18:00');
      expect(warnAt(due, start, 75, true, OFFICE_HOURS, LAW).getTime()).to.equal(start.getTime());
    });
  });

  describe('resumeShift', () => {
    it('wall time: the pause length is added', () => {
      const moved = resumeShift(vn('2026-03-10 22:00'), vn('2026-03-11 07:00'), vn('2026-03-10 23:30'), false, OFFICE_HOURS, LAW);
      expect(show(moved)).to.equal('2026-03-11 08:30');
    });

    it('working time: a pause over a night only costs the working time it covered', () => {
      // Due Wed 09:30, paused Tue 16:00: 1 h Tue + 2 h Wed left; resumed Wed 08:00.
      const moved = resumeShift(vn('2026-03-10 16:00'), vn('2026-03-11 08:00'), vn('2026-03-11 09:30'), true, OFFICE_HOURS, LAW);
      expect(show(moved)).to.equal('2026-03-11 11:00');
    });

    it('working time: a pause over a weekend', () => {
      const moved = resumeShift(vn('2026-03-13 15:00'), vn('2026-03-16 10:00'), vn('2026-03-13 17:00'), true, OFFICE_HOURS, LAW);
      expect(show(moved)).to.equal('2026-03-16 14:00');
    });

    it('working time: resumed outside working hours counts from the next opening', () => {
      const moved = resumeShift(vn('2026-03-13 15:00'), vn('2026-03-14 10:00'), vn('2026-03-13 17:00'), true, OFFICE_HOURS, LAW);
      expect(show(moved)).to.equal('2026-03-16 09:30');
    });

    it('working time: a deadline with no working time left lands on the next opening, never in closed hours', () => {
      // Due Wed 07:30 (the opening), paused Tue 18:00: nothing left; resumed Wed 06:00, before the office opens.
      const morning = resumeShift(vn('2026-03-10 18:00'), vn('2026-03-11 06:00'), vn('2026-03-11 07:30'), true, OFFICE_HOURS, LAW);
      expect(show(morning)).to.equal('2026-03-11 07:30');
      // Due 13:30 (after lunch), paused and resumed during lunch.
      const lunch = resumeShift(vn('2026-03-11 12:00'), vn('2026-03-11 12:45'), vn('2026-03-11 13:30'), true, OFFICE_HOURS, LAW);
      expect(show(lunch)).to.equal('2026-03-11 13:30');
    });

    it('an instant at or before the pause stays', () => {
      const warned = vn('2026-03-10 15:00');
      for (const business of [true, false]) {
        const moved = resumeShift(vn('2026-03-10 15:00'), vn('2026-03-12 09:00'), warned, business, OFFICE_HOURS, LAW);
        expect(moved.getTime()).to.equal(warned.getTime());
      }
    });
  });

  it('stays fast: 100,000 due dates on office hours', () => {
    const t0 = performance.now();
    const base = vn('2026-01-05 08:00').getTime();
    for (let i = 0; i < 100_000; i++) {
      const start = new Date(base + (i % 5000) * 37 * M);
      dueAt(start, { value: 1 + (i % 10), unit: 'business_days' }, OFFICE_HOURS, LAW);
      dueAt(start, { value: 8, unit: 'business_hours' }, OFFICE_HOURS, LAW);
    }
    expect(performance.now() - t0).to.be.below(10_000);
  });
});
