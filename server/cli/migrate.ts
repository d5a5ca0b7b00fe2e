/** `npm run migrate`: creates the database if needed and applies every pending migration (start-up does the same). */
import { ConfigError, loadConfig } from '../config.js';
import { connectServices, ServiceUnavailableError } from '../bootstrap/services.js';
import { createLogger } from '../logger.js';

const log = createLogger('migrate');
try {
  const config = loadConfig();
  const { db, owner, redis } = await connectServices(config, { migrate: true, log });
  log.info('the database schema is up to date, and the app role has its rights');
  redis.disconnect();
  await Promise.all([db.destroy(), owner.destroy()]);
} catch (err) {
  if (err instanceof ConfigError || err instanceof ServiceUnavailableError) console.error(err.message);
  else console.error(`migration failed: ${(err as Error).message}`);
  process.exit(1);
}
