import { expect } from 'chai';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { classifyCallInViXuyen } from '../support/e2e-cases.js';
import { TEST_TWILIO } from '../support/twilio.js';

const PUBLIC = 'https://hotline111.test';

describe('browser: the Vị Xuyên officer sees a referral arrive live, accepts it, records support and closes it', function () {
  this.timeout(120_000);
  const session = withProductAndBrowser('e2e_agency', PUBLIC, TEST_TWILIO);

  it('works end to end', async () => {
    const { product, page, db } = session;
    await loginInBrowser(page, product.url, 'vixuyen', 'agency_officer');
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 10_000 });

    const contactId = await classifyCallInViXuyen(product.url, db, PUBLIC);
    // The routing worker picks the job up from the outbox relay; the referral must appear without a reload.
    const item = page.locator('[data-testid^="referral-item-"][data-status="pending"]').first();
    await item.waitFor({ timeout: 15_000 });
    const referralId = Number((await item.getAttribute('data-testid'))!.replace('referral-item-', ''));
    const row = await db.query('select contact_id, track from referrals where id = $1', [referralId]);
    expect(Number(row.rows[0].contact_id)).to.equal(contactId);

    await item.locator('button').first().click();
    await page.getByTestId('referral-detail').waitFor();
    expect(await page.getByTestId('why-agency').innerText()).to.include('Vị Xuyên');
    expect(await page.getByTestId('disclosure-withheld').getAttribute('data-reason')).to.equal('not_accepted');

    await page.getByTestId('accept-referral').click();
    await page.getByTestId('disclosure').waitFor();
    expect(await page.getByTestId('disclosure').innerText()).to.include('Campuchia');
    // The victim's ethnic group and nationality by name, not by their stored codes (08, VN); after #, name, sex, age, band, under 18.
    const victimCells = page.getByTestId('disclosure').locator('tbody tr').first().locator('td');
    expect([await victimCells.nth(6).innerText(), await victimCells.nth(7).innerText()]).to.deep.equal(['HMông', 'Việt Nam']);

    await page.getByTestId('support-regime').selectOption('g');
    await page.getByTestId('support-note').fill('Tư vấn tâm lý lần đầu');
    await page.getByTestId('support-submit').click();
    await page.getByTestId('support-list').getByText('Tư vấn tâm lý lần đầu').waitFor();

    await page.getByTestId('close-referral').click();
    await page.getByTestId('close-outcome-successful').check();
    await page.getByTestId('close-confirm').click();
    await page.locator('[data-testid="referral-detail"][data-status="closed"]').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: 'test-results/agency-closed.png' });

    const stored = await db.query(
      `select r.status, r.outcome, r.accepted_at is not null as accepted, r.first_action_at is not null as acted,
              (select array_agg(type order by id) from referral_events e where e.referral_id = r.id) as events,
              (select count(*)::int from referral_support s where s.referral_id = r.id and s.regime = 'g') as support
         from referrals r where r.id = $1`,
      [referralId],
    );
    expect(stored.rows[0]).to.deep.include({ status: 'closed', outcome: 'successful', accepted: true, acted: true, support: 1 });
    expect(stored.rows[0].events).to.include.members(['created', 'accepted', 'support_recorded', 'closed']);

    // The focal points' SMS alert waits in the local outbox (no Twilio delivery here), visible to the supervisor.
    const sup = await page.context().browser()!.newPage({ viewport: { width: 1440, height: 1000 } });
    await loginInBrowser(sup, product.url, 'supervisor', 'supervisor');
    const alert = sup.locator('[data-testid="outbox"] [data-status="outbox"]').first();
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.innerText()).to.include(`LH-${String(contactId).padStart(6, '0')}`);
    await sup.close();
  });
});
