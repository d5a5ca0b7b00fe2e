import { expect } from 'chai';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { classifyCallInViXuyen, demoCookie } from '../support/e2e-cases.js';
import { TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';

const PUBLIC = 'https://hotline111.test';
const DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;
/** An action code as stored (contact.view, auth.login_failed): never on screen. */
const CODE = /\b(auth|contact|referral|audit|sla|stats|user|agency)\.[a-z_.]+\b/;

describe('browser: a supervisor reads who looked at a case, and the audit log', function () {
  this.timeout(120_000);
  const session = withProductAndBrowser('e2e_audit', PUBLIC, TEST_TWILIO);

  it("shows the officer's view on the case's page, then the log filtered by that case, in words and dd/mm/yyyy", async () => {
    const { product, page, db } = session;
    const contactId = await classifyCallInViXuyen(product.url, db, PUBLIC);
    const ref = `LH-${String(contactId).padStart(6, '0')}`;
    const referralOf = async () => (await db.query('select id from referrals where contact_id = $1 order by id limit 1', [contactId])).rows[0]?.id as number | undefined;
    await until(async () => (await referralOf()) != null);
    const referralId = (await referralOf())!;
    // The commune's officer reads the referral (an audited view).
    const viewed = await fetch(`${product.url}/api/referrals/${referralId}`, { headers: { cookie: await demoCookie(product.url, 'vixuyen') } });
    expect(viewed.status).to.equal(200);

    await loginInBrowser(page, product.url, 'supervisor', 'supervisor');
    await page.getByTestId('board-tab-referrals').click();
    await page.getByTestId(`referral-row-${referralId}`).click();
    const panel = page.getByTestId('referral-detail').getByTestId('case-access-log');
    await panel.getByTestId('case-access-row').first().waitFor();
    const lines = await panel.getByTestId('case-access-row').allInnerTexts();
    expect(lines.some((l) => l.includes('Xem ca chuyển gửi') && l.includes('Cán bộ đầu mối'))).to.equal(true, lines.join('\n'));
    expect(lines.join('\n')).not.to.match(CODE);
    await page.keyboard.press('Escape');

    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-title').waitFor();
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor();
    expect(await page.locator('[data-testid="audit-row"][data-action="auth.login"]').count()).to.be.greaterThan(0);

    await page.getByTestId('audit-case').fill(ref);
    await page.getByTestId('audit-apply').click();
    await page.waitForURL((u) => u.searchParams.get('case') === ref);
    // The filtered page is in when the login rows are gone (the unfiltered one also has a wrap-up row).
    const rowsOf = (action: string) => page.locator(`[data-testid="audit-row"][data-action="${action}"]`).count();
    await until(async () => (await rowsOf('auth.login')) === 0 && (await rowsOf('contact.wrap_up')) > 0);
    const table = await page.getByTestId('audit-table').innerText();
    expect(table).to.include('Hoàn tất phân loại ca').and.include('Xem ca chuyển gửi').and.include(ref);
    expect(table).not.to.match(CODE);
    const times = await page.locator('[data-testid="audit-row"] td:first-child').allInnerTexts();
    expect(times.length).to.be.greaterThan(2);
    for (const t of times) expect(t).to.match(DATE_TIME);
    expect(await page.getByTestId('audit-export').getAttribute('href')).to.equal(`/api/audit/export.csv?case=${ref}&lang=vi`);
    await page.screenshot({ path: 'test-results/audit-log.png', fullPage: true });
  });
});
