import { expect } from 'chai';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { classifyCallInViXuyen } from '../support/e2e-cases.js';
import { TEST_TWILIO } from '../support/twilio.js';

const PUBLIC = 'https://hotline111.test';

describe('browser: a supervisor finds a case by its caller\'s number and place, and opens it', function () {
  this.timeout(120_000);
  const session = withProductAndBrowser('e2e_search', PUBLIC, TEST_TWILIO);

  it('searches from the navigation and opens the result', async () => {
    const { product, page, db } = session;
    const contactId = await classifyCallInViXuyen(product.url, db, PUBLIC);
    const ref = `LH-${String(contactId).padStart(6, '0')}`;

    await loginInBrowser(page, product.url, 'supervisor', 'supervisor');
    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-title').waitFor();
    // The number as a caller would say it, in local form (stored as +84912000999).
    await page.getByTestId('search-phone').fill('0912 000 999');
    await page.getByTestId('search-submit').click();
    const row = page.getByTestId(`search-row-${ref}`);
    await row.waitFor({ timeout: 10_000 });
    const text = await row.innerText();
    expect(text).to.match(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(text).to.include('Vị Xuyên');
    expect(text).to.include('Mua bán người');
    await page.screenshot({ path: 'test-results/search-results.png' });

    await row.getByRole('link', { name: ref }).click();
    await page.getByTestId('case-title').waitFor();
    expect(await page.getByTestId('case-title').innerText()).to.include(ref);
    expect(await page.getByTestId('case-victims').innerText()).to.include('16');
    expect(page.url()).to.match(new RegExp(`/cases/${contactId}$`));

    // The phone number travelled as a search term only: the audit entry names the filter, not the number.
    const audit = await db.query(`select details from audit_log where action = 'search.performed' order by id desc limit 1`);
    expect(audit.rows[0].details.filters).to.deep.equal(['phone']);
    expect(JSON.stringify(audit.rows[0])).not.to.include('912000999');
  });
});
