import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { classifyCallInViXuyen } from '../support/e2e-cases.js';
import { TEST_TWILIO } from '../support/twilio.js';

const PUBLIC = 'https://hotline111.test';

/** Nothing wider than the screen: neither the page nor the open detail scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, step: string): Promise<void> {
  const widths = await page.evaluate(() => {
    type Box = { scrollWidth: number; clientWidth: number };
    const doc = (globalThis as unknown as { document: { documentElement: Box; querySelector(s: string): Box | null } }).document;
    const detail = doc.querySelector('[data-testid="referral-detail"]');
    return {
      page: [doc.documentElement.scrollWidth, doc.documentElement.clientWidth],
      detail: detail ? [detail.scrollWidth, detail.clientWidth] : [0, 0],
    };
  });
  expect(widths.page[0], `${step}: page width`).to.be.at.most(widths.page[1]!);
  expect(widths.detail[0], `${step}: detail width`).to.be.at.most(widths.detail[1]!);
}

describe('browser: on a 390 px phone, an officer receives a referral, opens it full screen and accepts it from the bottom bar', function () {
  this.timeout(150_000);
  const session = withProductAndBrowser('e2e_phone', PUBLIC, TEST_TWILIO);

  it('works without any sideways scroll', async () => {
    const { product, db } = session;
    const page = await session.page.context().browser()!.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await loginInBrowser(page, product.url, 'vixuyen', 'agency_officer');
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 10_000 });
    await expectNoSidewaysScroll(page, 'inbox');
    // The header is one compact line, not a third of the screen.
    const header = await page.locator('.app-header').boundingBox();
    expect(header!.height, 'header height').to.be.below(844 * 0.1);

    // The caller names the old address Xã Đạo Đức (Vị Xuyên district, Hà Giang), today part of Xã Vị Xuyên.
    await classifyCallInViXuyen(product.url, db, PUBLIC, { dataset: 'vn-2023', code: '00955' });
    const item = page.locator('[data-testid^="referral-item-"][data-status="pending"]').first();
    await item.waitFor({ timeout: 20_000 });
    await expectNoSidewaysScroll(page, 'referral arrived');
    const referralId = Number((await item.getAttribute('data-testid'))!.replace('referral-item-', ''));

    await item.locator('button').first().click();
    const detail = page.getByTestId('referral-detail');
    await detail.waitFor();
    // Full screen, from the top of the screen.
    const box = (await detail.boundingBox())!;
    expect([box.x, box.y, box.width, box.height]).to.deep.equal([0, 0, 390, 844]);
    // The place with its whole path, each unit labelled (Vietnamese first), and what it is today.
    const place = detail.getByTestId('place-path');
    expect(await place.locator('[data-level="commune"]').textContent()).to.match(/Xã\s+Xã Đạo Đức/);
    expect(await place.locator('[data-level="district"]').textContent()).to.match(/Huyện\s+Huyện Vị Xuyên/);
    expect(await place.locator('[data-level="province"]').textContent()).to.match(/Tỉnh\s+Tỉnh Hà Giang/);
    expect(await place.innerText()).to.include('Xã Vị Xuyên, Tuyên Quang');
    await expectNoSidewaysScroll(page, 'detail');

    // The actions sit in a bar at the bottom of the screen, within thumb reach.
    const accept = page.getByTestId('accept-referral');
    const acceptBox = (await accept.boundingBox())!;
    expect(acceptBox.y + acceptBox.height, 'accept at the bottom').to.be.greaterThan(844 - 90);
    await page.screenshot({ path: 'test-results/agency-phone-detail.png' });

    // Offline, the accept is not done, nor queued: once online it asks again, with the referral's state then.
    await page.context().setOffline(true);
    await accept.click();
    await page.getByText(/Mất kết nối: chưa thực hiện/).waitFor();
    expect((await db.query('select status from referrals where id = $1', [referralId])).rows[0].status).to.equal('pending');
    await page.context().setOffline(false);
    const again = page.getByTestId('held-confirm');
    await again.waitFor({ timeout: 15_000 });
    expect(await again.innerText()).to.include('Chờ tiếp nhận'); // the current state is named
    expect((await db.query('select status from referrals where id = $1', [referralId])).rows[0].status).to.equal('pending');
    await page.getByTestId('held-yes').click();
    await page.getByTestId('disclosure').waitFor();
    await page.getByTestId('record-support').waitFor();
    const recordBox = (await page.getByTestId('record-support').boundingBox())!;
    expect(recordBox.y + recordBox.height, 'record support at the bottom').to.be.greaterThan(844 - 90);
    await expectNoSidewaysScroll(page, 'accepted, details disclosed');
    await page.screenshot({ path: 'test-results/agency-phone-accepted.png' });

    const stored = await db.query('select status from referrals where id = $1', [referralId]);
    expect(stored.rows[0].status).to.equal('accepted');

    // Back to the list.
    await page.getByTestId('detail-back').click();
    await page.getByTestId('referral-list').waitFor();
    await expectNoSidewaysScroll(page, 'back to the list');
    await page.close();
  });

  it('pages an inbox of more referrals than a page holds, the pager on screen', async () => {
    const { product, db } = session;
    // 130 finished referrals of Vị Xuyên's commune committee, written in SQL: three pages of the "closed" tab.
    await db.query(
      `with agency as (select agency_id as id from users where username = 'vixuyen'),
       c as (
         insert into contacts (channel, status, received_at, closed_at, classification, location_kind)
         select 'walk_in', 'closed', now() - g * interval '1 hour', now() - g * interval '1 hour', 'trafficking', 'unknown' from generate_series(1, 130) g
         returning id, received_at)
       insert into referrals (contact_id, track, agency_id, status, priority, why, created_at, closed_at, outcome)
       select c.id, 'primary', agency.id, 'closed', 'trafficking', $1::jsonb, c.received_at, now(), 'successful' from c, agency`,
      [JSON.stringify({ rule: null, target: null, explanation: 'Chuyển thử nghiệm' })],
    );
    const total = Number((await db.query(`select count(*) from referrals where status in ('closed', 'declined', 'expired', 'cancelled', 'needs_supervisor')
      and agency_id = (select agency_id from users where username = 'vixuyen')`)).rows[0].count);
    expect(total).to.be.greaterThan(100);

    const page = await session.page.context().browser()!.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await loginInBrowser(page, product.url, 'vixuyen', 'agency_officer');
    await page.getByTestId('inbox-tab-closed').click();
    const list = page.locator('[data-testid="referral-list"][data-tab="closed"]');
    await list.locator('[data-testid^="referral-item-"]').first().waitFor();
    expect(await page.getByTestId('inbox-tab-closed').innerText()).to.include(String(total));
    expect(await list.locator('[data-testid^="referral-item-"]').count()).to.equal(50);
    const range = page.getByTestId('inbox-range');
    expect(await range.innerText()).to.equal(`Dòng 1–50 trên tổng số ${total}`);
    const firstIds = await list.locator('[data-testid^="referral-item-"]').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-testid')));

    const pager = page.getByTestId('inbox-pager');
    await pager.scrollIntoViewIfNeeded();
    expect(await pager.isVisible()).to.equal(true);
    const box = (await pager.boundingBox())!;
    expect(box.x, 'pager left edge').to.be.at.least(0);
    expect(box.x + box.width, 'pager right edge').to.be.at.most(390);
    await expectNoSidewaysScroll(page, 'inbox with a pager');

    await pager.getByRole('button', { name: /Trang sau/ }).click();
    await page.locator('[data-testid="referral-list"][data-page="2"]').waitFor();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="inbox-range"]')?.textContent?.startsWith('Dòng 51–100'));
    const secondIds = await list.locator('[data-testid^="referral-item-"]').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-testid')));
    expect(secondIds).to.have.length(50);
    expect(secondIds.filter((id) => firstIds.includes(id)), 'no referral on both pages').to.deep.equal([]);
    expect(await pager.innerText()).to.include('Trang 2/');
    // The new page is read from its top: the officer is not left at the bottom of it.
    const top = (await page.getByTestId('inbox-tab-closed').boundingBox())!;
    expect(top.y, 'tabs on screen after paging').to.be.within(0, 844);
    await expectNoSidewaysScroll(page, 'second page');
    await page.screenshot({ path: 'test-results/agency-phone-pager.png' });

    // Opening a referral of the second page and coming back stays on the second page.
    await list.locator('[data-testid^="referral-item-"]').nth(3).locator('button').first().click();
    await page.locator('[data-testid="referral-detail"][data-status="closed"]').waitFor();
    await page.getByTestId('detail-back').click();
    await page.locator('[data-testid="referral-list"][data-page="2"]').waitFor();

    await pager.getByRole('button', { name: /Trang trước/ }).click();
    await page.locator('[data-testid="referral-list"][data-page="1"]').waitFor();
    // The device keeps each tab's first page (not the page last shown) for a poor connection.
    const kept = await page.evaluate(() => {
      const store = (globalThis as unknown as { localStorage: { key(i: number): string | null; getItem(k: string): string | null; length: number } }).localStorage;
      const keys = Array.from({ length: store.length }, (_, i) => store.key(i)!).filter((k) => k.startsWith('h111.inbox.') && k.endsWith('.closed'));
      const page = keys.length === 1 ? (JSON.parse(store.getItem(keys[0]!)!) as { page: { total: number; referrals: { id: number }[] } }).page : null;
      return { keys: keys.length, total: page?.total, ids: page?.referrals.map((r) => `referral-item-${r.id}`) };
    });
    expect(kept).to.deep.equal({ keys: 1, total, ids: firstIds });
    await page.context().setOffline(true);
    await page.getByTestId('inbox-stale').waitFor();
    expect(await list.locator('[data-testid^="referral-item-"]').count()).to.equal(50);
    await page.context().setOffline(false);
    await page.close();
  });
});
