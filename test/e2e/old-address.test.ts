import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { claimRingingCall } from '../support/e2e-cases.js';
import { TEST_TWILIO } from '../support/twilio.js';

const PUBLIC = 'https://hotline111.test';

describe("browser: a caller names an old address; the operator picks today's commune and the urgent case reaches police, shelter and the local office live", function () {
  this.timeout(150_000);
  const session = withProductAndBrowser('e2e_oldaddr', PUBLIC, TEST_TWILIO);

  /** An agency officer's inbox in a page of its own, connected live. */
  async function inbox(username: string): Promise<Page> {
    const page = await session.page.context().browser()!.newPage({ viewport: { width: 1280, height: 900 } });
    await loginInBrowser(page, session.product.url, username, 'agency_officer');
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 10_000 });
    return page;
  }

  /** A signed call comes in; the operator claims it and its triage form opens. Returns the contact id. */
  async function claimNewCall(): Promise<number> {
    const { product, page, db } = session;
    return claimRingingCall(page, product.url, db, PUBLIC, '+84912345777');
  }

  it('works end to end', async () => {
    const { product, page, db } = session;
    const officers = { vixuyen: await inbox('vixuyen'), congan: await inbox('congan'), shelter: await inbox('shelter') };
    await loginInBrowser(page, product.url, 'operator', 'operator');
    await page.locator('[data-testid="queue"][data-synced="true"]').waitFor({ state: 'attached' });
    const id = await claimNewCall();
    await page.getByTestId('call-type').selectOption('report');
    await page.getByTestId('classification-trafficking').check();
    await page.getByTestId('purpose-forced_labour').check();
    await page.getByTestId('add-victim').click();
    await page.getByTestId('victim-0-sex').selectOption('female');
    await page.getByTestId('victim-0-age').fill('15');

    // The caller says the old address: "xã Đạo Đức, huyện Vị Xuyên, Hà Giang". Typed without accents, as operators do.
    await page.getByTestId('location-kind').selectOption('unit');
    const place = page.getByTestId('location-place');
    await place.fill('dao duc, vi xuyen');
    const old = page.getByRole('option', { name: /Xã Đạo Đức, huyện Vị Xuyên, Hà Giang \(cũ\)/ });
    await old.waitFor();
    expect(await old.innerText()).to.include('Nay là: Xã Vị Xuyên, Tuyên Quang');
    await page.screenshot({ path: 'test-results/old-address-suggestions.png' });
    // Today's commune, listed under the old one, is what the operator picks.
    await page.locator('[role="option"][data-value="vn-2025:00913"]').click();
    expect(await place.inputValue()).to.equal('Xã Vị Xuyên, Tuyên Quang');
    expect(await place.getAttribute('data-value')).to.equal('vn-2025:00913');

    await page.getByTestId('immediate-danger').check();
    await page.getByTestId('wish-shelter').check();
    await page.getByTestId('consent-victim').check();
    await page.getByTestId('submit-wrap-up').click();
    await page.getByTestId(`queue-item-${id}`).waitFor({ state: 'detached', timeout: 10_000 });

    // Each agency's inbox shows its referral without a reload.
    for (const [who, officer] of Object.entries(officers)) {
      const item = officer.locator('[data-testid^="referral-item-"][data-status="pending"]').first();
      await item.waitFor({ timeout: 20_000 });
      expect(await item.innerText(), who).to.include('Xã Vị Xuyên, Tuyên Quang');
      await officer.screenshot({ path: `test-results/old-address-${who}.png` });
    }
    const routed = await db.query<{ track: string; code: string }>(
      `select r.track, a.code from referrals r join agencies a on a.id = r.agency_id where r.contact_id = $1 order by r.track`, [id]);
    expect(Object.fromEntries(routed.rows.map((r) => [r.track, r.code]))).to.deep.equal({
      border_guard: 'tuyen-quang-border-guard', police: 'tuyen-quang-police', primary: 'tuyen-quang-commune-00913', shelter: 'ha-giang-shelter',
    });
    for (const p of Object.values(officers)) await p.close();
  });

  it('asks which new commune is meant when the old one was divided, and keeps the old one when nobody knows', async () => {
    const { page } = session;
    await claimNewCall();
    await page.getByTestId('location-kind').selectOption('unit');
    const place = page.getByTestId('location-place');
    await place.fill('viet lam, vi xuyen');
    const divided = page.locator('[role="option"][data-value="vn-2023:00967"]');
    await divided.waitFor();
    expect(await divided.innerText()).to.include('Đã chia cho: Xã Vị Xuyên, Tuyên Quang · Xã Việt Lâm, Tuyên Quang');
    await divided.click();
    const now = page.getByTestId('location-place-now');
    await now.waitFor();
    expect(await now.innerText()).to.include('Hỏi thôn/bản của người gọi');
    await page.screenshot({ path: 'test-results/old-address-divided.png' });
    await page.getByTestId('location-successor-00967').click();
    expect(await place.getAttribute('data-value')).to.equal('vn-2025:00967');
    expect(await now.isVisible()).to.equal(false);
  });
});
