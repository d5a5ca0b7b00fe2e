import { expect } from 'chai';
import { CLIENT_DIST } from '../../server/paths.js';
import { ensureClientBuilt } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/http.js';

describe('the installable console: manifest and service worker served with the right headers', () => {
  let app: TestApp;
  before(async function () {
    this.timeout(120_000);
    ensureClientBuilt();
    app = await startTestApp({ clientDist: CLIENT_DIST });
  });
  after(async () => app?.close());

  it('serves the manifest as application/manifest+json and the worker uncached, both allowed by the CSP', async () => {
    const manifest = await fetch(`${app.baseUrl}/manifest.webmanifest`);
    expect(manifest.status).to.equal(200);
    expect(manifest.headers.get('content-type')).to.match(/^application\/manifest\+json/);
    expect(manifest.headers.get('cache-control')).to.equal('no-cache');
    const m = (await manifest.json()) as { name: string; icons: { src: string }[] };
    expect(m.name).to.equal('Tổng đài 111');
    for (const icon of m.icons) expect((await fetch(`${app.baseUrl}${icon.src}`)).headers.get('content-type')).to.equal('image/png');

    const sw = await fetch(`${app.baseUrl}/sw.js`);
    expect(sw.status).to.equal(200);
    expect(sw.headers.get('content-type')).to.match(/javascript/);
    expect(sw.headers.get('cache-control')).to.equal('no-cache');
    expect(await sw.text()).to.include('showNotification');
    const csp = sw.headers.get('content-security-policy')!;
    expect(csp).to.include("worker-src 'self'").and.include("manifest-src 'self'");
    const page = await fetch(`${app.baseUrl}/agency`, { headers: { accept: 'text/html' } });
    expect(await page.text()).to.include('rel="manifest"');
  });
});
