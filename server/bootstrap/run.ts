import { systemClock, type AppContext } from '../app-context.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger, setProcessLogger, type Logger } from '../logger.js';
import { connectServices, ServiceUnavailableError } from './services.js';
import { createQueues } from '../queues.js';
import { createFieldCrypto } from '../domain/crypto/field-crypto.js';
import { createVoicePort } from '../domain/voice/voice-port.js';
import { ensureDefaultRules } from '../domain/routing/rules.repo.js';
import { ensureDefaultSlaPolicies } from '../domain/sla/policies.repo.js';
import { ensureReferenceData } from '../domain/units/reference-data.js';

export type BaseContext = Omit<AppContext, 'realtime'>;
type Stoppable = { close(): Promise<void> };

/**
 * Shared start-up of every process: config, PostgreSQL and Redis (with one clear line if either is missing),
 * migrations, then the process's own parts; SIGINT/SIGTERM close everything in reverse order.
 */
export async function runProcess(name: string, start: (ctx: BaseContext) => Promise<Stoppable[]>): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  // Every line says which process wrote it: server, workers, or all-in-one (`npm start`).
  const log: Logger = createLogger(name === 'hotline111' ? 'all-in-one' : name, { level: config.LOG_LEVEL });
  setProcessLogger(log);
  let services;
  try {
    // pg_stat_activity tells the processes apart: hotline111 (all in one), hotline111-server, hotline111-workers.
    services = await connectServices(config, { migrate: true, log, applicationName: name === 'hotline111' ? name : `hotline111-${name}` });
  } catch (err) {
    if (err instanceof ServiceUnavailableError) fail(err.message);
    fail(`start-up failed: ${(err as Error).message}`);
  }
  const { owner, ...appServices } = services;
  const ctx: BaseContext = {
    config,
    ...appServices,
    log,
    clock: systemClock,
    queues: createQueues(services.redis, config.REDIS_PREFIX),
    crypto: createFieldCrypto(config.DATA_KEY),
    voice: createVoicePort(config),
  };
  await loadReferenceData({ ...ctx, db: owner }); // reference data is the owner's to write
  await owner.destroy();
  await ensureDefaultRules(ctx.db); // routing rules are data: the defaults of domain.md until an admin edits them
  await ensureDefaultSlaPolicies(ctx.db); // so are SLA policies
  let parts: Stoppable[];
  try {
    parts = await start(ctx);
  } catch (err) {
    fail(`start-up failed: ${(err as Error).stack ?? String(err)}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    // The server drains first (SHUTDOWN_*), then workers finish or release their jobs; past this, exit anyway.
    const bound = config.SHUTDOWN_READY_DELAY_MS + config.SHUTDOWN_DRAIN_SECONDS * 1000 + 10_000;
    const timer = setTimeout(() => process.exit(1), bound).unref();
    for (const p of [...parts].reverse()) await p.close().catch((e) => log.error(`shutdown: ${(e as Error).message}`));
    await ctx.queues.close().catch(() => {});
    ctx.redis.disconnect();
    await ctx.db.destroy();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** The administrative units, the 2025 crosswalk and points shipped in data/: imported when the database lacks them as they are. */
async function loadReferenceData(ctx: BaseContext): Promise<void> {
  const started = Date.now();
  const reports = await ensureReferenceData(ctx.db);
  if (reports) ctx.log.info(`reference data: ${reports.map((r) => `${r.name} ${r.inserted + r.updated} changed`).join(', ')} in ${Date.now() - started} ms`);
}

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}
