/**
 * `npm run bench:sla`: 100,000 open SLA clocks, 1,000 of them due in the same second.
 * Figures: breach-detection lateness p50/p99 (recorded by the engine, and first visible in PostgreSQL to a poller),
 * the Redis memory the timers use, and the reconciler's time over the 100,000 clocks — with the production horizon
 * (Redis holds timers for the next 15 minutes only) and, as the worst case, with every clock's timer in Redis.
 * Targets: p99 lateness ≤ 1 s, a reconciler pass ≤ 10 s. The last line printed is one JSON object.
 */
import { sql } from 'kysely';
import { Redis } from 'ioredis';
import { systemClock, type AppContext } from '../server/app-context.js';
import { loadConfig } from '../server/config.js';
import { createFieldCrypto } from '../server/domain/crypto/field-crypto.js';
import { referralsServiceFor } from '../server/domain/referrals/referrals.factory.js';
import { createSlaEngine } from '../server/domain/sla/sla-engine.js';
import { reconcileTimers } from '../server/domain/sla/sla-reconciler.js';
import { createLogger } from '../server/logger.js';
import { createQueues } from '../server/queues.js';
import { cleanupBenchEnv, createBenchEnv, stopProcess, type BenchEnv } from './lib/env.js';
import { loadRoutingData, startWorkersProcess } from './lib/routing-setup.js';
import { pct, round } from './lib/stats.js';
import { trainingVoice } from '../server/domain/voice/voice-port.js';
import { isWarnOrError } from './lib/log-lines.js';

const CLOCKS = Number(process.env.BENCH_CLOCKS ?? 100_000);
const DUE_TOGETHER = Number(process.env.BENCH_DUE_TOGETHER ?? 1_000);
const TARGET = { p99LatenessMs: 1000, reconcileMs: 10_000 };
const log = (s: string) => console.log(s);

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

async function seedClocks(env: BenchEnv, agencyId: number) {
  // One case, one referral and one acknowledge clock per row: set-based, so seeding takes seconds, not minutes.
  await sql`insert into contacts (channel, status, received_at, classification)
            select 'voice', 'closed', now(), 'trafficking' from generate_series(1, ${CLOCKS})`.execute(env.db);
  await sql`insert into referrals (contact_id, track, agency_id, status, priority, why)
            select id, 'primary', ${agencyId}, 'pending', 'trafficking', '{"rule":null,"target":null,"explanation":"bench"}' from contacts`.execute(env.db);
  // Deadlines spread over the next 1 to 30 days, each with a warning at 75%.
  await sql`insert into sla_clocks (referral_id, kind, state, priority, target, started_at, warn_at, due_at, next_at, warn_percent, supervisor_after_percent)
            select r.id, 'acknowledge', 'running', 'trafficking', '{"value":60,"unit":"minutes"}', now(),
                   now() + d * 0.75, now() + d, now() + d * 0.75, 75, 25
              from referrals r, lateral (select interval '1 day' + random() * interval '29 days' + r.id * interval '0 second' as d) x`.execute(env.db);
  await sql`analyze sla_clocks`.execute(env.db);
}

async function main() {
  const env = await createBenchEnv();
  const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  let workers;
  try {
    await loadRoutingData(env.db);
    const agency = await env.db.selectFrom('agencies').select('id').where('code', '=', 'ha-giang-district-030-labour').executeTakeFirstOrThrow();
    let t = performance.now();
    await seedClocks(env, agency.id);
    log(`seeded ${CLOCKS} open clocks in ${Math.round(performance.now() - t)} ms`);

    const config = loadConfig({ ...process.env, DATABASE_URL: env.databaseUrl, REDIS_PREFIX: env.redisPrefix, DEMO_DATA: 'off' });
    const queues = createQueues(redis, env.redisPrefix);
    const ctx: AppContext = {
      config, db: env.db, redis, queues, crypto: createFieldCrypto(config.DATA_KEY), voice: trainingVoice, log: createLogger('bench', { silent: true }), clock: systemClock,
      realtime: { emit: () => {}, endSessions: () => {}, presenceChanged: () => {} },
    };
    const engine = createSlaEngine(ctx, referralsServiceFor(ctx));

    // Worst case: Redis lost, and every one of the 100,000 clocks gets its timer back (a horizon of 31 days).
    const mem0 = await usedMemory(redis);
    const full = await reconcileTimers({ ...ctx, config: { ...config, SLA_TIMER_HORIZON_MINUTES: 31 * 24 * 60 } }, engine);
    const memFull = (await usedMemory(redis)) - mem0;
    log(`reconciler, every clock in Redis: ${full.timersAdded} timers for ${CLOCKS} clocks in ${full.ms} ms, Redis +${(memFull / 1048576).toFixed(1)} MiB`);
    await queues.sla.obliterate({ force: true });

    // The production shape: 1,000 deadlines in the same second, 25 s from now; timers only within the horizon.
    const dueSecond = Math.ceil(Date.now() / 1000) * 1000 + 25_000;
    await sql`update sla_clocks set warn_at = null, due_at = to_timestamp((${dueSecond} + floor(random() * 1000)) / 1000.0), next_at = null
              where id in (select id from sla_clocks order by id limit ${DUE_TOGETHER})`.execute(env.db);
    await sql`update sla_clocks set next_at = due_at where warn_at is null`.execute(env.db);
    const mem1 = await usedMemory(redis);
    const pass = await reconcileTimers(ctx, engine);
    const memHorizon = (await usedMemory(redis)) - mem1;
    log(`reconciler, production horizon (${config.SLA_TIMER_HORIZON_MINUTES} min): ${pass.timersAdded} timers over ${CLOCKS} clocks in ${pass.ms} ms, Redis +${(memHorizon / 1024).toFixed(1)} KiB`);

    workers = startWorkersProcess(env, (l) => isWarnOrError(l) && log(`[workers] ${l}`));
    // Watch the breaches become visible in PostgreSQL, as a supervisor's board would.
    const seen = new Map<number, number>();
    const deadline = dueSecond + 30_000;
    while (seen.size < DUE_TOGETHER && Date.now() < deadline) {
      const r = await sql<{ id: number }>`select id from sla_clocks where state = 'breached' and due_at < ${new Date(dueSecond + 1000)}`.execute(env.db);
      const at = Date.now();
      for (const row of r.rows) if (!seen.has(row.id)) seen.set(row.id, at);
      await new Promise((res) => setTimeout(res, 20));
    }
    const rows = await sql<{ id: number; due: number; breached: number | null }>`
      select id, extract(epoch from due_at) * 1000 as due, extract(epoch from breached_at) * 1000 as breached
        from sla_clocks where due_at < ${new Date(dueSecond + 1000)} and due_at >= ${new Date(dueSecond)}`.execute(env.db);
    const recorded = rows.rows.filter((r) => r.breached != null).map((r) => Number(r.breached) - Number(r.due)).sort((a, b) => a - b);
    const visible = rows.rows.filter((r) => seen.has(r.id)).map((r) => seen.get(r.id)! - Number(r.due)).sort((a, b) => a - b);
    const missed = rows.rows.length - recorded.length;
    const escalations = Number((await sql<{ n: string }>`select count(*) as n from sla_escalations`.execute(env.db)).rows[0]!.n);

    const figures = {
      bench: 'sla',
      clocks: CLOCKS,
      dueTogether: rows.rows.length,
      breached: recorded.length,
      missed,
      escalations,
      latenessRecordedMs: { p50: round(pct(recorded, 50)), p99: round(pct(recorded, 99)), max: round(recorded.at(-1) ?? NaN) },
      latenessVisibleMs: { p50: round(pct(visible, 50)), p99: round(pct(visible, 99)), max: round(visible.at(-1) ?? NaN) },
      reconcileMs: { productionHorizon: pass.ms, everyClockInRedis: full.ms },
      timers: { productionHorizon: pass.timersAdded, everyClockInRedis: full.timersAdded },
      redisBytes: { productionHorizon: memHorizon, everyClockInRedis: memFull },
      target: TARGET,
      met: missed === 0 && pct(visible, 99) <= TARGET.p99LatenessMs && Math.max(pass.ms, full.ms) <= TARGET.reconcileMs,
    };
    log(`breaches: ${recorded.length}/${rows.rows.length}; lateness recorded p50 ${figures.latenessRecordedMs.p50} ms, p99 ${figures.latenessRecordedMs.p99} ms; visible p50 ${figures.latenessVisibleMs.p50} ms, p99 ${figures.latenessVisibleMs.p99} ms`);
    log(JSON.stringify(figures));
    await queues.close();
  } finally {
    await stopProcess(workers);
    redis.disconnect();
    await cleanupBenchEnv(env);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
