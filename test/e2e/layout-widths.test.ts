import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { claimRingingCall, classifyCallInViXuyen } from '../support/e2e-cases.js';
import { duplicateIds, layoutProblems } from '../support/layout-check.js';
import { TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';

const PUBLIC = 'https://hotline111.test';
const DESKTOPS = [{ width: 1440, height: 900 }, { width: 1280, height: 800 }] as const;
const PHONE = { width: 390, height: 844 } as const;
const LANGS = ['vi', 'en'] as const;
const BOARD_TABS = ['clocks', 'escalations', 'queue', 'operators', 'callbacks', 'outbox', 'referrals', 'metrics', 'jobs'] as const;
const ADMIN_PAGES = ['', '/agencies', '/routing', '/sla', '/training', '/audit'] as const;
type Lang = (typeof LANGS)[number];

/** No "Loading…" / "Đang tải…" left on the screen (the button "Loading more…" of a long list excepted). */
const LOADED = `!/(^|\\n)\\s*(Đang tải|Loading)[^\\n]*…\\s*($|\\n)/.test(document.body.innerText.replace(/(Đang tải thêm|Loading more)…/g, ''))`;

/** Every problem found on every screen, so that one run reports them all. */
class LayoutLog {
  readonly problems: string[] = [];
  constructor(private readonly prefix: string) {}
  async check(page: Page, screen: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    // Measured once loaded: what a screen shows while it loads is not what it holds.
    await until(() => page.evaluate<boolean>(LOADED), 15_000);
    const { width } = page.viewportSize()!;
    const name = `${this.prefix}-${screen}-${width}`;
    for (const p of await layoutProblems(page)) this.problems.push(`${name}: ${p}`);
    await page.screenshot({ path: `test-results/layout-${name}.png` });
  }
}

async function setLanguage(page: Page, lang: Lang): Promise<void> {
  await page.evaluate(`localStorage.setItem('hotline111.language', '${lang}')`);
  await page.reload();
}

async function newPage(session: { page: Page }, size: { width: number; height: number }, phone = false): Promise<Page> {
  return session.page.context().browser()!.newPage({ viewport: size, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
}

describe('browser: every main screen holds at 1440 × 900 and 1280 × 800, and every agency screen on a 390 px phone', function () {
  this.timeout(240_000);
  const session = withProductAndBrowser('e2e_layout', PUBLIC, TEST_TWILIO);
  let contactId = 0;
  let ref = '';

  before(async () => {
    // Two cases routed to Xã Vị Xuyên, one to accept and one to decline; the first urgent, so that it also goes to the
    // police, the Border Guard and a shelter (a case page with several referral timelines).
    const { product, db } = session;
    contactId = await classifyCallInViXuyen(product.url, db, PUBLIC, undefined, { immediateDanger: true, wishes: 'shelter' });
    await classifyCallInViXuyen(product.url, db, PUBLIC);
    ref = `LH-${String(contactId).padStart(6, '0')}`;
    const count = async (sql: string) => Number((await db.query(sql, [contactId])).rows[0].n);
    await until(async () => (await count('select count(*)::int as n from referrals where contact_id = $1')) >= 3, 20_000);
    await until(async () => (await count('select count(*)::int as n from referrals where contact_id <> $1')) >= 1, 20_000);
  });

  it('the supervisor: board tabs, a referral, search results, a case, the audit log', async () => {
    const { product, page } = session;
    const log = new LayoutLog('supervisor');
    // The case page shows one timeline per referral: each element id still once (labels and ARIA point at them).
    const caseIds: Record<string, number>[] = [];
    await loginInBrowser(page, product.url, 'supervisor', 'supervisor');
    for (const size of DESKTOPS) {
      await page.setViewportSize(size);
      for (const lang of LANGS) {
        await page.goto(`${product.url}/supervisor`);
        await setLanguage(page, lang);
        await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 10_000 });
        for (const tab of BOARD_TABS) {
          await page.getByTestId(`board-tab-${tab}`).click();
          await page.locator(`#board-panel[data-tab="${tab}"]`).waitFor();
          await log.check(page, `${lang}-board-${tab}`);
        }
        await page.getByTestId('board-tab-referrals').click();
        await page.locator('#referrals-table tbody tr', { hasText: ref }).first().locator('button').first().click();
        await page.getByTestId('why-agency').waitFor({ timeout: 10_000 });
        await log.check(page, `${lang}-referral`);
        await page.keyboard.press('Escape');

        await page.goto(`${product.url}/search?phone=0912000999&run=1`);
        await page.getByTestId(`search-row-${ref}`).waitFor({ timeout: 10_000 });
        await log.check(page, `${lang}-search`);

        await page.goto(`${product.url}/cases/${contactId}`);
        await page.getByTestId('case-referral').first().waitFor({ timeout: 10_000 });
        await log.check(page, `${lang}-case`);
        caseIds.push(await duplicateIds(page));

        await page.goto(`${product.url}/audit`);
        await page.getByTestId('audit-row').first().waitFor({ timeout: 10_000 });
        await log.check(page, `${lang}-audit`);
      }
    }
    expect(log.problems).to.deep.equal([]);
    expect(caseIds, 'ids used more than once on the case page').to.deep.equal(DESKTOPS.flatMap(() => LANGS.map(() => ({}))));
  });

  it('the operator: the desk with a contact open in triage, two victims entered', async () => {
    const { product, db } = session;
    const log = new LayoutLog('operator');
    const page = await newPage(session, DESKTOPS[0]);
    await loginInBrowser(page, product.url, 'operator', 'operator');
    await page.locator('[data-testid="queue"][data-synced="true"]').waitFor({ state: 'attached' });
    const id = await claimRingingCall(page, product.url, db, PUBLIC, '+84912345777');
    // Long values where they can be: a full name, an ethnic group and a country of several words, an age band chosen
    // (a select, wider than the age) for the second victim whose exact age is not known.
    for (const [i, v] of [{ age: '16', ethnicity: 'nuoc ngoai', country: 'cong hoa trung phi' }, { age: '', ethnicity: 'mong', country: 'lao' }].entries()) {
      await page.getByTestId('add-victim').click();
      await page.getByTestId(`victim-${i}-name`).fill('Sùng Thị Mai Phương Thảo');
      if (v.age) await page.getByTestId(`victim-${i}-age`).fill(v.age);
      else await page.getByTestId(`victim-${i}-ageBand`).selectOption({ index: 2 });
      await page.getByTestId(`victim-${i}-ethnicity`).fill(v.ethnicity);
      await page.getByTestId(`victim-${i}-ethnicity`).press('Tab');
      await page.getByTestId(`victim-${i}-nationality`).fill(v.country);
      await page.getByTestId(`victim-${i}-nationality`).press('Tab');
    }
    await page.locator('[data-testid="draft-status"][data-state="saved"]').waitFor({ timeout: 10_000 });
    for (const size of DESKTOPS) {
      await page.setViewportSize(size);
      for (const lang of LANGS) {
        await setLanguage(page, lang);
        await page.getByTestId('triage-form').waitFor({ timeout: 10_000 });
        await page.getByTestId('victims').scrollIntoViewIfNeeded();
        await log.check(page, `${lang}-triage`);
      }
    }
    await page.close();
    expect(log.problems).to.deep.equal([]);
  });

  it('the administrator: users, agencies, routing, SLA, training and audit', async () => {
    const { product } = session;
    const log = new LayoutLog('admin');
    const page = await newPage(session, DESKTOPS[0]);
    await loginInBrowser(page, product.url, 'admin', 'admin');
    for (const size of DESKTOPS) {
      await page.setViewportSize(size);
      for (const lang of LANGS) {
        await setLanguage(page, lang);
        for (const sub of ADMIN_PAGES) {
          await page.goto(`${product.url}/admin${sub}`);
          await page.locator('.admin-section, main').first().waitFor();
          await log.check(page, `${lang}-admin${sub.replace('/', '-') || '-users'}`);
        }
      }
    }
    await page.close();
    expect(log.problems).to.deep.equal([]);
  });

  it("the officers on a 390 px phone: inbox, push opt-in, referral, decline and close dialogs, support form, a shelter's places", async () => {
    const { product } = session;
    const log = new LayoutLog('agency');
    const page = await newPage(session, PHONE, true);
    await loginInBrowser(page, product.url, 'vixuyen', 'agency_officer');
    const pending = page.locator('[data-testid^="referral-item-"][data-status="pending"]');
    for (const lang of LANGS) {
      await setLanguage(page, lang);
      await pending.first().waitFor({ timeout: 20_000 });
      await page.getByTestId('push-optin').waitFor();
      expect(await page.locator('[data-testid="push-optin"] button svg').count(), 'the bell is drawn, not a font glyph').to.equal(1);
      await log.check(page, `${lang}-inbox`);
      // A pending referral, and the decline dialog over it (cancelled).
      await pending.first().locator('button').first().click();
      await page.getByTestId('accept-referral').waitFor();
      await log.check(page, `${lang}-pending`);
      await page.getByTestId('decline-referral').click();
      await page.getByTestId('decline-form').waitFor();
      await log.check(page, `${lang}-decline`);
      await page.keyboard.press('Escape');
      await page.getByTestId('decline-form').waitFor({ state: 'detached' });
      await page.getByTestId('detail-back').click();
    }
    // Accept one: the details disclosed, the support form, and the close dialog.
    await pending.first().locator('button').first().click();
    await page.getByTestId('accept-referral').click();
    await page.getByTestId('support-form').waitFor({ timeout: 10_000 });
    for (const lang of LANGS) {
      await setLanguage(page, lang);
      await page.getByTestId('inbox-tab-active').click();
      await page.locator('[data-testid^="referral-item-"][data-status="accepted"]').first().locator('button').first().click();
      await page.getByTestId('support-form').waitFor({ timeout: 10_000 });
      await log.check(page, `${lang}-accepted`);
      await page.getByTestId('record-support').click();
      await log.check(page, `${lang}-support`);
      await page.getByTestId('close-referral').click();
      await page.getByTestId('close-form').waitFor();
      await log.check(page, `${lang}-close`);
      await page.keyboard.press('Escape');
    }
    await page.close();
    // A shelter's officer also keeps the shelter's free places up to date, above the inbox.
    const shelter = await newPage(session, PHONE, true);
    await loginInBrowser(shelter, product.url, 'shelter', 'agency_officer');
    for (const lang of LANGS) {
      await setLanguage(shelter, lang);
      await shelter.getByTestId('occupancy-box').waitFor({ timeout: 10_000 });
      await shelter.locator('[data-testid^="referral-item-"]').first().waitFor({ timeout: 20_000 });
      await log.check(shelter, `${lang}-shelter-inbox`);
    }
    await shelter.close();
    expect(log.problems).to.deep.equal([]);
  });
});
