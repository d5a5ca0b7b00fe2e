import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { TEST_TWILIO } from '../support/twilio.js';

const PUBLIC = 'https://hotline111.test';
/** Today in Vietnam, and three years before: the period of the synthetic history. */
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const threeYearsAgo = `${Number(today.slice(0, 4)) - 3}${today.slice(4)}`;
/** What no screen may show: rule, target and reason identifiers (as in supervisor-board.test.ts). */
const INTERNAL = [/[a-z]+_[a-z_]+@/, /_office\b/, /\b[a-z]+(?:_[a-z]+)+\b/];

type Box = { text: string; left: number; right: number; top: number; bottom: number };

/** The browser's own measures of the statistics page (run in the page). */
const MEASURE = `(() => {
  const root = document.querySelector('[data-testid="stats-page"]');
  const describe = (el) => (el.getAttribute('data-testid') || el.id || el.className || el.tagName) + ': ' + (el.innerText || el.value || '').slice(0, 60);
  const clipped = [];
  for (const el of root.querySelectorAll('*')) {
    // Hidden on purpose: for assistive technology only (.visually-hidden), or not for it at all.
    if (el.closest('[aria-hidden="true"], .visually-hidden') || el.getClientRects().length === 0) continue;
    const cs = getComputedStyle(el);
    const hides = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
    if (hides && el.scrollWidth > el.clientWidth + 1) clipped.push(describe(el) + ' (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
  }
  // A closed select shows its chosen option (the dataset's: any of them) in its box, less its padding and arrow.
  const ctx = document.createElement('canvas').getContext('2d');
  const cut = [];
  for (const sel of root.querySelectorAll('select')) {
    const cs = getComputedStyle(sel);
    ctx.font = cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
    const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 16;
    const options = sel.id === 'stats-area-dataset' ? [...sel.options] : [sel.options[sel.selectedIndex]].filter(Boolean);
    for (const o of options) if (ctx.measureText(o.text).width > room) cut.push(sel.id + ': ' + o.text + ' (' + Math.round(ctx.measureText(o.text).width) + ' > ' + Math.round(room) + ')');
  }
  return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, pageScroll: root.scrollWidth, pageClient: root.clientWidth, clipped, cut };
})()`;

/** The tick labels of a chart axis, as laid out. */
async function ticks(page: Page, table: string, axis: 'xAxis' | 'yAxis'): Promise<Box[]> {
  const selector = `[data-testid="stat-table-${table}"] .recharts-${axis}-tick-labels text`;
  return page.evaluate<Box[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => {
    const r = e.getBoundingClientRect();
    return { text: e.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  })`);
}

function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) found.push(`${a.text} / ${b.text}`);
    }),
  );
  return found;
}

describe('browser: the statistics dashboard holds at 1440, 1280 and 390 px in both languages; dates are typed dd/mm/yyyy', function () {
  this.timeout(300_000);
  const session = withProductAndBrowser('e2e_sdash', PUBLIC, TEST_TWILIO);

  before(function () {
    this.timeout(240_000);
    // Three years of synthetic history (npm run seed:synthetic), so that every chart has bars and the times their axis.
    const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed-synthetic.ts', '--contacts', '800', '--referrals', '160'], {
      env: { PATH: process.env.PATH!, DATABASE_URL: session.product.databaseUrl },
      encoding: 'utf8',
    });
    expect(seeded.status, seeded.stderr).to.equal(0);
  });

  for (const [width, height] of [[1440, 900], [1280, 800], [390, 844]] as const) {
    for (const lang of ['vi', 'en'] as const) {
      it(`at ${width}×${height} in ${lang}: no overflow, nothing cut off, a contents for every section, readable axes`, async () => {
        const { product, page } = session;
        await page.setViewportSize({ width, height });
        if (!page.url().includes('/stats')) await loginInBrowser(page, product.url, 'supervisor', 'supervisor');
        await page.goto(`${product.url}/stats?from=${threeYearsAgo}&to=${today}`);
        await page.getByRole('button', { name: lang.toUpperCase(), exact: true }).click();
        await page.locator('[data-testid="stats-body"]:not([aria-busy])').waitFor();
        await page.locator('[data-testid="stat-table-response_times"] .recharts-xAxis-tick-labels text').first().waitFor();
        await page.locator('[data-testid="stat-table-referrals_by_agency"] .recharts-yAxis-tick-labels text').first().waitFor();

        // Every card's table opened: none may need to scroll sideways either.
        await page.evaluate(`document.querySelectorAll('.stats-table-details').forEach((d) => { d.open = true; })`);
        const m = (await page.evaluate(MEASURE)) as { scroll: number; client: number; pageScroll: number; pageClient: number; clipped: string[]; cut: string[] };
        expect(m.pageScroll, 'statistics wider than their column').to.be.at.most(m.pageClient);
        if (width >= 1280) {
          expect(m.scroll, 'page wider than the window').to.be.at.most(m.client);
          expect(m.clipped, 'text cut off').to.deep.equal([]);
        } else {
          // On a phone a table of five columns scrolls sideways in its own box; nothing else may be cut off.
          expect(m.clipped.filter((c) => !c.startsWith('stats-table-scroll')), 'text cut off').to.deep.equal([]);
        }
        expect(m.cut, 'a select too narrow for its option (the dataset: any of them)').to.deep.equal([]);

        // The response times' axes: at least two marks, none over another; the same for every chart's value axis.
        const times = await ticks(page, 'response_times', 'xAxis');
        expect(times.length, 'time marks').to.be.at.least(2);
        expect(overlaps(times)).to.deep.equal([]);
        expect(overlaps(await ticks(page, 'response_times', 'yAxis'))).to.deep.equal([]);
        for (const table of ['contacts_by_channel', 'cases_by_province', 'referrals_by_agency', 'victims_by_age_band', 'sla_compliance']) {
          expect(overlaps(await ticks(page, table, 'xAxis')), table).to.deep.equal([]);
          expect(overlaps(await ticks(page, table, 'yAxis')), table).to.deep.equal([]);
        }
        const axisTitle = lang === 'vi' ? 'Thời gian (thang logarit)' : 'Time (log scale)';
        expect(await page.locator('[data-testid="stat-table-response_times"] svg text').allTextContents()).to.include(axisTitle);

        // The contents: one link per section, each to a section that is there; following one brings it under the header.
        const links = await page.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="stats-toc"] a')].map((a) => a.getAttribute('href'))`);
        const sections = await page.evaluate<string[]>(`[...document.querySelectorAll('.stats-sections > section[id]')].map((s) => '#' + s.id)`);
        expect(sections).to.include.members(['#stats-section-overview', '#stats-section-contacts', '#stats-section-timeliness', '#stats-section-export']);
        expect(links).to.deep.equal(sections);
        const target = page.locator('#stats-section-referrals');
        expect((await target.boundingBox())!.y, 'far down before').to.be.greaterThan(height);
        await page.getByTestId('stats-toc-stats-section-referrals').click();
        // The section's top comes just under the sticky header (which wraps to two lines at 1280 px), not under it.
        await page.waitForFunction(`(() => {
          const top = document.querySelector('#stats-section-referrals').getBoundingClientRect().top;
          const header = document.querySelector('.app-header').getBoundingClientRect().bottom;
          return top >= header - 1 && top < header + 40;
        })()`);
        await page.locator('[data-testid="stats-toc-stats-section-referrals"][aria-current]').waitFor();
        if (width >= 1280) {
          // From 1280 px the contents stay in view beside the sections, clear of the header.
          const header = (await page.locator('.app-header').boundingBox())!;
          const toc = (await page.getByTestId('stats-toc').boundingBox())!;
          expect(toc.y, 'the contents stay in view').to.be.within(header.height - 1, height / 2);
          expect(toc.x + toc.width, 'beside the sections').to.be.at.most((await target.boundingBox())!.x);
        }

        const text = await page.evaluate<string>('document.body.innerText');
        expect(INTERNAL.flatMap((re) => [...text.matchAll(new RegExp(re, 'g'))].map((x) => x[0]))).to.deep.equal([]);
        await page.evaluate('window.scrollTo(0, 0)');
        await page.screenshot({ path: `test-results/statistics-dashboard-${width}-${lang}.png` });
        await page.screenshot({ path: `test-results/statistics-dashboard-${width}-${lang}-full.png`, fullPage: true });
      });
    }
  }

  it('reads a date typed 05/12/2026 as 5 December 2026 in an American browser, and refuses a day that does not exist', async () => {
    const { product, page } = session;
    const context = await page.context().browser()!.newContext({ locale: 'en-US', timezoneId: 'America/New_York', viewport: { width: 1280, height: 800 } });
    const us = await context.newPage();
    try {
      await loginInBrowser(us, product.url, 'supervisor', 'supervisor');
      await us.goto(`${product.url}/stats?from=${threeYearsAgo}&to=${today}`);
      await us.locator('[data-testid="stats-body"]:not([aria-busy])').waitFor();
      const from = us.getByTestId('stats-from');
      expect(await from.inputValue(), 'shown day first').to.equal(`${threeYearsAgo.slice(8)}/${threeYearsAgo.slice(5, 7)}/${threeYearsAgo.slice(0, 4)}`);
      await from.fill('');
      await from.pressSequentially('05122026');
      expect(await from.inputValue(), 'the slashes come by themselves').to.equal('05/12/2026');
      await us.getByTestId('stats-to').fill('05/12/2026');
      const [request] = await Promise.all([
        us.waitForRequest((r) => r.url().includes('/api/stats?')),
        us.getByTestId('stats-apply').click(),
      ]);
      const asked = new URL(request.url()).searchParams;
      expect([asked.get('from'), asked.get('to')]).to.deep.equal(['2026-12-05', '2026-12-05']);
      await us.locator('[data-testid="stats-summary"]', { hasText: '05/12/2026 – 05/12/2026' }).waitFor();

      await from.fill('31/02/2026');
      await from.blur();
      expect(await us.locator('#stats-from-error').innerText()).to.include('05/12/2026');
      expect(await from.getAttribute('aria-invalid')).to.equal('true');

      // The audit viewer's period is the same field: typed day first, asked as YYYY-MM-DD.
      await us.goto(`${product.url}/audit`);
      await us.getByTestId('audit-from').fill('05/12/2026');
      const [auditRequest] = await Promise.all([us.waitForRequest((r) => r.url().includes('/api/audit?')), us.getByTestId('audit-apply').click()]);
      expect(new URL(auditRequest.url()).searchParams.get('from')).to.equal('2026-12-05');
      await us.screenshot({ path: 'test-results/statistics-date-en-us.png' });
    } finally {
      await context.close();
    }
  });
});
