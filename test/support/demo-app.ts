import { ensureDefaultRules } from '../../server/domain/routing/rules.repo.js';
import { PUBLIC_URL } from './contacts.js';
import { ensureDemoData } from './demo-data.js';
import type { Logger } from '../../server/logger.js';
import { startTestApp } from './http.js';
import { scratchDatabase } from './scratch-database.js';
import { TEST_TWILIO } from './twilio.js';

/**
 * A database of its own with the default routing rules and the demo agencies on both maps, and the app on it
 * (Twilio configured, the tests' public URL; `config` adds to or overrides that; `log`: a test's capturing logger).
 */
export async function startDemoApp(config: Record<string, string> = {}, opts: { log?: Logger } = {}) {
  const scratch = await scratchDatabase();
  await ensureDefaultRules(scratch.db);
  await ensureDemoData(scratch.db);
  const app = await startTestApp({ config: { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL, ...config }, db: scratch.db, log: opts.log });
  return { scratch, app };
}
