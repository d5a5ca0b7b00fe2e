import { expect } from 'chai';
import { maskDateText } from '../../client/src/components/date-text.js';
import { parseDate } from '../../client/src/i18n/format.js';

describe('dates typed as dd/mm/yyyy (the shared date field)', () => {
  it('reads day/month/year as the calendar day YYYY-MM-DD, never month first', () => {
    expect(parseDate('05/12/2026')).to.equal('2026-12-05');
    expect(parseDate(' 5/1/2026 ')).to.equal('2026-01-05');
    expect(parseDate('31.12.2025')).to.equal('2025-12-31');
    expect(parseDate('2026-12-05'), 'an ISO day pasted').to.equal('2026-12-05');
    expect(parseDate('29/02/2024')).to.equal('2024-02-29');
  });

  it('refuses what is not a day of the calendar or not a whole date', () => {
    for (const text of ['31/02/2026', '29/02/2025', '13/13/2026', '00/12/2026', '05/12/26', '12/2026', '05122026', '', 'hôm nay', '2026-13-01'])
      expect(parseDate(text), text).to.equal(null);
  });

  it('adds the slashes as one types, keeps only digits and separators, and lets one delete', () => {
    const typed = [...'05122026'].reduce((text, ch) => maskDateText(text + ch, text), '');
    expect(typed).to.equal('05/12/2026');
    expect(maskDateText('05122026', ''), 'eight digits pasted').to.equal('05/12/2026');
    expect(maskDateText('05//', '05/'), 'a slash typed after the automatic one').to.equal('05/');
    expect(maskDateText('5/12', '5/1')).to.equal('5/12/');
    expect(maskDateText('05/1', '05/12'), 'deleting is left alone').to.equal('05/1');
    expect(maskDateText('ab05/12/2026xyz', '')).to.equal('05/12/2026');
    expect(maskDateText('05/12/20261', '05/12/2026')).to.equal('05/12/2026');
  });
});
