import { expect } from 'chai';
import { vnDay, vnLocal, vnMidnight } from '../../shared/time.js';

describe('Vietnam local time (shared/time.ts)', () => {
  it('reads an instant as UTC+7, whatever the machine’s time zone', () => {
    expect(vnDay(new Date('2026-11-22T16:59:59Z'))).to.equal('2026-11-22');
    expect(vnDay(new Date('2026-11-22T17:00:00Z'))).to.equal('2026-11-23'); // midnight in Hà Nội
    expect(vnLocal(new Date('2026-11-22T02:30:00Z')).getUTCHours()).to.equal(9);
  });

  it('gives the instant a local day begins', () => {
    expect(vnMidnight('2026-11-23').toISOString()).to.equal('2026-11-22T17:00:00.000Z');
    expect(vnDay(vnMidnight('2027-02-06'))).to.equal('2027-02-06');
  });
});
