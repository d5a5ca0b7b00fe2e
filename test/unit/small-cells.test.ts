import { expect } from 'chai';
import type { StatTable } from '../../shared/index.js';
import { suppressSmallCells } from '../../server/domain/reports/small-cells.js';

const L = (s: string) => ({ vi: s, en: s });
const table = (id: StatTable['id'], rows: [string, number[]][], total: number[]): StatTable => ({
  id, title: L(id), dimension: L('d'), note: null, total,
  columns: [{ key: 'trafficking', label: L('t'), unit: 'count' }, { key: 'total', label: L('total'), unit: 'count' }],
  rows: rows.map(([key, values]) => ({ key, label: L(key), values })),
});

describe('small-cell suppression of an agency\'s statistics', () => {
  it('hides counts from 1 to 4, and a second cell where a total would give the first away', () => {
    const [t] = suppressSmallCells([table('victims_by_ethnicity', [['01', [10, 10]], ['17', [2, 2]], ['22', [6, 6]], ['unknown', [0, 0]]], [18, 18])]);
    const values = Object.fromEntries(t!.rows.map((r) => [r.key, r.values]));
    expect(values['17']).to.deep.equal([null, null]);
    expect(values['22'], 'the smallest other cell of each column is hidden with it').to.deep.equal([null, null]);
    expect(values['01']).to.deep.equal([10, 10]);
    expect(values.unknown, 'zeros stay').to.deep.equal([0, 0]);
    expect(t!.total).to.deep.equal([18, 18]);
    expect(t!.note!.en).to.match(/from 1 to 4 are hidden/);
  });

  it('hides a small total, and leaves alone tables about the agency\'s own work and tables with nothing small', () => {
    const [people, work, big] = suppressSmallCells([
      table('victims_by_sex', [['female', [3, 3]], ['male', [0, 0]]], [3, 3]),
      table('referrals_by_status', [['pending', [1, 1]]], [1, 1]),
      table('cases_by_purpose', [['forced_labour', [7, 7]], ['other', [0, 0]]], [7, 7]),
    ]);
    expect(people!.total).to.deep.equal([null, null]);
    expect(people!.rows[0]!.values).to.deep.equal([null, null]);
    expect(work!.rows[0]!.values).to.deep.equal([1, 1]);
    expect(big!.note).to.equal(null);
  });
});
