import { expect } from 'chai';
import { countTicks, logDomain, timeMark, wrapLabel } from '../../client/src/stats/chart-axes.js';
import { STAT_SECTIONS, WIDE_TABLES } from '../../client/src/stats/sections.js';
import { STAT_TABLE_IDS } from '../../shared/index.js';

describe('the statistics dashboard: sections and chart axes', () => {
  it('shows every table once, and never leaves half a row empty (half-width cards come in pairs)', () => {
    expect(STAT_SECTIONS.flatMap((s) => s.tables).sort()).to.deep.equal([...STAT_TABLE_IDS].sort());
    for (const s of STAT_SECTIONS) expect(s.tables.filter((id) => !WIDE_TABLES.has(id)).length % 2, s.key).to.equal(0);
  });

  it('marks a count axis with round numbers from 0 past the largest value, whole numbers only', () => {
    expect(countTicks(203)).to.deep.equal([0, 100, 200, 300]);
    expect(countTicks(36)).to.deep.equal([0, 10, 20, 30, 40]);
    expect(countTicks(3)).to.deep.equal([0, 1, 2, 3]);
    expect(countTicks(2788)).to.deep.equal([0, 1000, 2000, 3000]);
    expect(countTicks(0)).to.deep.equal([0, 1]);
  });

  it('marks the time axis in one unit a reader pictures, in both languages', () => {
    expect([0.1, 1, 6, 24, 168, 2160].map((h) => timeMark(h, 'vi'))).to.deep.equal(['6 phút', '1 giờ', '6 giờ', '1 ngày', '7 ngày', '90 ngày']);
    expect([0.1, 24, 8760].map((h) => timeMark(h, 'en'))).to.deep.equal(['6 min', '1 d', '365 d']);
    expect(logDomain([1.2, 1475]).domain).to.deep.equal([1, 2160]);
    expect(logDomain([1.2, 1475]).marks).to.deep.equal([1, 6, 24, 168, 720, 2160]);
  });

  it('wraps a long category label to two lines of the given length, cut with … beyond', () => {
    expect(wrapLabel('Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An')).to.deep.equal(['Sở Lao động - Thương binh và', 'Xã hội tỉnh Nghệ An']);
    const narrow = wrapLabel('Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An', 14);
    expect(narrow).to.have.length(2);
    expect(narrow[1]!.endsWith('…')).to.equal(true);
    for (const line of narrow) expect(line.length).to.be.at.most(14);
  });
});
