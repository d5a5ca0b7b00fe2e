import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('config', () => {
  it('has local defaults that work on a developer machine', () => {
    const c = loadConfig({});
    expect(c.PORT).to.equal(3000);
    expect(c.DATABASE_URL).to.equal('postgres://postgres@127.0.0.1:5432/hotline111');
    expect(c.REDIS_URL).to.equal('redis://127.0.0.1:6379');
    expect(c.twilio).to.equal(null);
    expect(c.PUBLIC_BASE_URL).to.equal('http://localhost:3000');
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /^Configuration error: PORT /],
    [{ DATABASE_URL: 'mysql://x' }, /^Configuration error: DATABASE_URL must be a postgres/],
    [{ REDIS_URL: 'localhost:6379' }, /^Configuration error: REDIS_URL /],
    [{ DATA_KEY: 'short' }, /^Configuration error: DATA_KEY must be 32 bytes/],
    [{ SESSION_SECRET: 'tiny' }, /^Configuration error: SESSION_SECRET /],
    [{ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}` }, /^Configuration error: TWILIO_AUTH_TOKEN is required/],
    [{ TWILIO_ACCOUNT_SID: 'nope', TWILIO_AUTH_TOKEN: 'x', TWILIO_FROM_NUMBER: '+84900000000' }, /TWILIO_ACCOUNT_SID must look like/],
    [{ PUBLIC_BASE_URL: 'not a url' }, /^Configuration error: PUBLIC_BASE_URL /],
    [{ NODE_ENV: 'production' }, /SESSION_SECRET must be set in production/],
  ];
  for (const [env, message] of bad) {
    it(`stops with one line naming the variable for ${JSON.stringify(env)}`, () => {
      expect(() => loadConfig(env)).to.throw(ConfigError, message);
      try {
        loadConfig(env);
      } catch (e) {
        expect((e as Error).message).not.to.include('\n');
      }
    });
  }

  it('accepts a full Twilio configuration and a public base URL', () => {
    const c = loadConfig({
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_FROM_NUMBER: '+84900000111',
      PUBLIC_BASE_URL: 'https://hotline.example.org/',
    });
    expect(c.twilio).to.deep.equal({ accountSid: `AC${'0'.repeat(32)}`, authToken: 'token', fromNumber: '+84900000111' });
    expect(c.PUBLIC_BASE_URL).to.equal('https://hotline.example.org');
  });
});
