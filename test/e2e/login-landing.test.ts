import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchBrowser, startProduct, type StartedProduct } from '../support/browser.js';

const DEMO = [
  { username: 'operator', role: 'operator', path: '/operator' },
  { username: 'supervisor', role: 'supervisor', path: '/supervisor' },
  { username: 'vixuyen', role: 'agency_officer', path: '/agency' },
  { username: 'congan', role: 'agency_officer', path: '/agency' },
  { username: 'shelter', role: 'agency_officer', path: '/agency' },
  { username: 'tuyenquang', role: 'agency_officer', path: '/agency' },
  { username: 'bienphong', role: 'agency_officer', path: '/agency' },
  { username: 'admin', role: 'admin', path: '/admin' },
];

describe('browser: `npm start`, then each demo user logs in and lands on its page', function () {
  this.timeout(120_000);
  let product: StartedProduct;
  let browser: Browser;
  before(async () => {
    product = await startProduct('e2e_login');
    browser = await launchBrowser();
    mkdirSync('test-results', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('prints the URL and every demo login', () => {
    for (const d of DEMO) expect(product.stdout()).to.match(new RegExp(`\\b${d.username}\\b`));
    expect(product.stdout()).to.include('hotline111-demo');
  });

  for (const d of DEMO) {
    it(`${d.username} sees the ${d.role} landing page in Vietnamese, then logs out`, async () => {
      const page = await browser.newPage();
      // The Content-Security-Policy (helmet) must let the whole console run: Chromium reports any violation here.
      const violations: string[] = [];
      page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && violations.push(m.text())));
      try {
        await page.goto(`${product.url}/`);
        expect((await page.request.get(`${product.url}/`)).headers()['content-security-policy']).to.include("script-src 'self'");
        await page.waitForURL(/\/login/);
        expect(await page.locator('html').getAttribute('lang')).to.equal('vi');
        await page.fill('input[name="username"]', d.username);
        await page.fill('input[name="password"]', 'hotline111-demo');
        await page.click('button[type="submit"]');
        await page.getByTestId(`landing-${d.role}`).waitFor({ timeout: 10_000 });
        expect(new URL(page.url()).pathname).to.equal(d.path);
        await page.screenshot({ path: `test-results/landing-${d.username}.png` });
        // Another role's page sends the user back to their own.
        await page.goto(`${product.url}${d.path === '/admin' ? '/operator' : '/admin'}`);
        await page.getByTestId(`landing-${d.role}`).waitFor({ timeout: 10_000 });
        await page.getByRole('button', { name: /Đăng xuất/ }).click();
        await page.waitForURL(/\/login/);
        expect(violations).to.deep.equal([]);
      } finally {
        await page.close();
      }
    });
  }

  it('shows a generic error for a wrong password and stays on the login page', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${product.url}/login`);
      await page.fill('input[name="username"]', 'operator');
      await page.fill('input[name="password"]', 'not-the-password');
      await page.click('button[type="submit"]');
      await page.getByRole('alert').waitFor({ timeout: 10_000 });
      expect(new URL(page.url()).pathname).to.equal('/login');
    } finally {
      await page.close();
    }
  });
});
