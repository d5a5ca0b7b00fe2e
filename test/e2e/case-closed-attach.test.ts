import { expect } from 'chai';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { claimRingingCall, classifyCallInViXuyen } from '../support/e2e-cases.js';
import { TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';

const PUBLIC = 'https://hotline111.test';

describe('browser: attaching a follow-up to a closed case tells the operator it will be routed again', function () {
  this.timeout(120_000);
  const session = withProductAndBrowser('e2e_reopen', PUBLIC, TEST_TWILIO);

  it('says so in Vietnamese and in English', async () => {
    const { product, page, db } = session;
    // The caller's first case, referred and since closed by every agency it reached.
    const first = await classifyCallInViXuyen(product.url, db, PUBLIC);
    await until(async () => (await db.query('select 1 from referrals where contact_id = $1', [first])).rowCount! > 0);
    await db.query(`update referrals set status = 'closed', closed_at = now(), outcome = 'successful' where contact_id = $1`, [first]);

    await loginInBrowser(page, product.url, 'operator', 'operator');
    await page.locator('[data-testid="queue"][data-synced="true"]').waitFor({ state: 'attached' });
    // The same number calls again (classifyCallInViXuyen calls from +84912000999).
    const id = await claimRingingCall(page, product.url, db, PUBLIC, '+84912000999');

    await page.getByTestId('case-pick').selectOption(String(first));
    await page.getByTestId('case-attach-submit').click();
    const notice = page.getByTestId('case-closed-routed-again');
    await notice.waitFor();
    expect(await notice.innerText()).to.match(/^Ca đã đóng — cuộc liên hệ này sẽ được chuyển gửi lại/);
    expect(await page.getByTestId('routed-again').innerText()).to.include(`LH-${String(first).padStart(6, '0')}`);
    expect(await page.getByTestId('no-new-referral').count()).to.equal(0);
    expect((await db.query('select case_contact_id from contacts where id = $1', [id])).rows[0].case_contact_id).to.equal(first);

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByText(/^Case closed — this contact will be routed again/).first().waitFor();
    await page.screenshot({ path: 'test-results/case-closed-attach.png' });
    await page.getByRole('button', { name: 'VI', exact: true }).click();
  });
});
