import { expect } from 'chai';
import { startTestApp } from '../support/http.js';

describe('security headers (helmet): a CSP on every answer, HSTS only when served over https', () => {
  for (const base of ['http://localhost:3000', 'https://hotline111.test'] as const) {
    it(`PUBLIC_BASE_URL=${base}`, async () => {
      const app = await startTestApp({ config: { PUBLIC_BASE_URL: base } });
      try {
        const res = await fetch(`${app.baseUrl}/api/auth/me`);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).to.include("default-src 'self'");
        expect(csp).to.include("script-src 'self'");
        expect(csp).to.include("frame-ancestors 'none'");
        expect(csp).to.include("object-src 'none'");
        expect(csp).not.to.include("'unsafe-eval'");
        expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
        expect(res.headers.get('x-frame-options')).to.equal('DENY');
        expect(res.headers.get('x-powered-by')).to.equal(null);
        if (base.startsWith('https')) {
          expect(res.headers.get('strict-transport-security')).to.match(/max-age=31536000; includeSubDomains/);
          expect(csp).to.include('upgrade-insecure-requests');
        } else {
          expect(res.headers.get('strict-transport-security')).to.equal(null);
          expect(csp).not.to.include('upgrade-insecure-requests');
        }
      } finally {
        await app.close();
      }
    });
  }
});
