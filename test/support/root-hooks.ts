import { startTestEnv, stopTestEnv } from './test-env.js';
import { prepareBrowserSuites } from './browser-suites.js';

/**
 * Mocha root hooks: the whole run gets a fresh database (migrated from zero) and its own Redis prefix; a run with
 * browser tests gets Chromium first (see browser-suites.ts).
 */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(0); // installing Chromium on a fresh machine takes minutes
    prepareBrowserSuites(this.test!.parent!);
    this.timeout(60_000);
    await startTestEnv();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopTestEnv();
  },
};
