import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { classifyCallInViXuyen } from '../support/e2e-cases.js';
import { TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';

const PUBLIC = 'https://hotline111.test';
const TABS = ['clocks', 'escalations', 'queue', 'operators', 'callbacks', 'outbox', 'referrals', 'metrics', 'jobs'] as const;
const COUNTED = ['clocks', 'escalations', 'queue', 'operators', 'callbacks', 'outbox', 'referrals', 'jobs'] as const;

/** What no screen may show: a routing target as stored, an agency-type code, or any raw snake_case code. */
const INTERNAL = [/[a-z]+_[a-z_]+@/, /_office\b/, /\b[a-z]+(?:_[a-z]+)+\b/];

async function internalIdentifiers(page: Page): Promise<string[]> {
  const text = await page.evaluate<string>('document.body.innerText');
  return INTERNAL.flatMap((re) => [...text.matchAll(new RegExp(re, 'g'))].map((m) => m[0]));
}

/** The browser's own measure: the page is never wider than the window. */
async function overflow(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate<{ scroll: number; client: number }>('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })');
}

async function setLanguage(page: Page, lang: 'vi' | 'en') {
  await page.evaluate(`localStorage.setItem('hotline111.language', '${lang}')`);
  await page.reload();
}

describe('browser: the supervisor board in tabs with live counts, at 1440 × 900, in both languages and on the wall', function () {
  this.timeout(180_000);
  const session = withProductAndBrowser('e2e_board', PUBLIC, TEST_TWILIO);

  it('fits 1440 × 900, counts every tab, updates the outbound messages live, and shows no internal identifier', async () => {
    const { product, page, db } = session;
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginInBrowser(page, product.url, 'supervisor', 'supervisor');
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 10_000 });
    for (const k of COUNTED) await page.getByTestId(`board-count-${k}`).waitFor({ timeout: 10_000 });
    const outboxCount = async () => Number(await page.getByTestId('board-count-outbox').innerText());
    const before = await outboxCount();

    // Routing sends SMS alerts to the focal points: the outbound-messages tab counts them without a reload.
    await page.getByTestId('board-tab-outbox').click();
    const contactId = await classifyCallInViXuyen(product.url, db, PUBLIC);
    const ref = `LH-${String(contactId).padStart(6, '0')}`;
    await page.locator('[data-testid="outbox"] tr[data-status]', { hasText: ref }).first().waitFor({ timeout: 20_000 });
    await until(async () => (await outboxCount()) > before, 10_000);
    const stored = Number((await db.query('select count(*)::int as n from notifications')).rows[0].n);
    expect(await outboxCount()).to.equal(stored);
    // The true reason they stay in the outbox: Twilio is configured, OUTBOUND_SMS=outbox holds them.
    expect(await page.getByTestId('outbox-reason').getAttribute('data-reason')).to.equal('outbound_sms_outbox');

    for (const lang of ['vi', 'en'] as const) {
      await setLanguage(page, lang);
      await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 10_000 });
      for (const k of TABS) {
        await page.getByTestId(`board-tab-${k}`).click();
        await page.locator(`#board-panel[data-tab="${k}"]`).waitFor();
        await page.waitForLoadState('networkidle');
        const o = await overflow(page);
        expect(o.scroll, `${lang} ${k}: page ${o.scroll} px wide in a ${o.client} px window`).to.be.at.most(o.client);
        expect(await internalIdentifiers(page), `${lang} ${k}`).to.deep.equal([]);
      }
      // The referral's own page: why this agency, the rule and the routing target, in this language.
      await page.getByTestId('board-tab-referrals').click();
      await page.locator('#referrals-table tbody tr', { hasText: ref }).first().locator('button').first().click();
      const detail = page.getByTestId('referral-detail');
      await detail.waitFor({ timeout: 10_000 });
      const why = await page.getByTestId('why-agency').innerText();
      expect(why).to.include('Vị Xuyên');
      if (lang === 'en') expect(why).to.match(/covers .*where the victim is/).and.not.to.match(/phụ trách|nơi nạn nhân/);
      else expect(why).to.include('phụ trách');
      expect(await internalIdentifiers(page), `${lang} referral detail`).to.deep.equal([]);
      await page.screenshot({ path: `test-results/board-detail-${lang}.png` });
      await page.keyboard.press('Escape');
    }
    await page.screenshot({ path: 'test-results/board-1440x900.png' });
  });

  it('runs as a wall display: large type, no header, no controls, the tabs in turn', async () => {
    const { product, page } = session;
    await page.goto(`${product.url}/supervisor?wall=1&tab=clocks`);
    await page.locator('[data-wall="true"]').waitFor();
    expect(await page.locator('.app-header').isVisible()).to.equal(false);
    expect(await page.locator('#board-panel button:not(.link-button):visible, #board-panel select:visible, #board-panel input:visible').count()).to.equal(0);
    const o = await overflow(page);
    expect(o.scroll).to.be.at.most(o.client);
    for (const k of ['clocks', 'escalations', 'queue', 'operators', 'callbacks', 'outbox']) await page.getByTestId(`board-count-${k}`).waitFor();
    expect(await page.getByTestId('board-tab-referrals').count()).to.equal(0);
    const size = await page.evaluate<number>("parseFloat(getComputedStyle(document.querySelector('.board--wall')).fontSize)");
    expect(size).to.be.greaterThan(20);
    await page.screenshot({ path: 'test-results/board-wall.png' });
    // Nobody presses anything: the next tab comes by itself.
    await page.locator('#board-panel[data-tab="escalations"]').waitFor({ timeout: 20_000 });
  });

  it("shows the officer's inbox and referral, and the operator's desk, without internal identifiers in either language", async () => {
    const { product, page } = session;
    await page.goto(`${product.url}/login`);
    await page.context().clearCookies();
    await loginInBrowser(page, product.url, 'vixuyen', 'agency_officer');
    for (const lang of ['vi', 'en'] as const) {
      await setLanguage(page, lang);
      const item = page.locator('[data-testid^="referral-item-"]').first();
      await item.waitFor({ timeout: 10_000 });
      await item.locator('button').first().click();
      await page.getByTestId('why-agency').waitFor({ timeout: 10_000 });
      await page.waitForLoadState('networkidle');
      expect(await internalIdentifiers(page), `${lang} agency referral`).to.deep.equal([]);
      const o = await overflow(page);
      expect(o.scroll, `${lang} agency inbox`).to.be.at.most(o.client);
    }
    await page.context().clearCookies();
    await loginInBrowser(page, product.url, 'operator', 'operator');
    for (const lang of ['vi', 'en'] as const) {
      await setLanguage(page, lang);
      await page.getByTestId('landing-operator').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await internalIdentifiers(page), `${lang} operator desk`).to.deep.equal([]);
    }
  });
});
