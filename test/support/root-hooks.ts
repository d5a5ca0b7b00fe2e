import { startTestEnv, stopTestEnv } from './test-env.js';

/** Mocha root hooks: the whole run gets a fresh database (migrated from zero) and its own Redis prefix. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    await startTestEnv();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopTestEnv();
  },
};
