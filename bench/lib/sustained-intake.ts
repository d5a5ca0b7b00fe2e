import { Queue } from 'bullmq';
import { sql } from 'kysely';
import { QUEUES } from '../../shared/queues.js';
import { localMidnight } from '../../server/domain/reports/scope.js';
import { generateSynthetic } from '../../server/domain/synthetic/generate.js';
import type { BenchEnv } from './env.js';
import { WebhookLoad } from './load.js';
import { pct, round } from './stats.js';

export interface MinuteFigures {
  minute: number;
  seconds: number;
  sent: number;
  errors: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** The reports worker's rollup refreshes that started in this minute: how long each took, how many contacts each folded. */
  refresh: { n: number; p50Ms: number | null; maxMs: number | null; contactsMax: number | null };
}

/** A day already this full (synthetic contacts received since local midnight): what a rollup recounting the day pays for. */
export async function preloadToday(env: BenchEnv, today: string, contacts: number, log: (s: string) => void) {
  return generateSynthetic(env.db, {
    contacts, referrals: Math.round(contacts / 100), from: localMidnight(today), to: new Date(), batch: 50_000, log: (l) => log(`[today] ${l}`),
  });
}

/**
 * Signed Twilio webhooks (bench/lib/load.ts: ~70 % new calls, ~30 % SMS) at `rate`/s for `seconds`, against a
 * product whose reports worker keeps the statistics rollups current meanwhile (every 10 s). Latency is client-side,
 * send → full response, per minute: a rollup whose cost grows with the day shows as a p99 that climbs minute by minute.
 */
export async function sustainedIntake(env: BenchEnv, o: { rate: number; seconds: number; today: string; log: (s: string) => void }) {
  const load = new WebhookLoad({ port: env.port, publicBaseUrl: env.publicBaseUrl, authToken: env.twilio.authToken });
  const minutes: MinuteFigures[] = [];
  const all: number[] = [];
  try {
    for (let done = 0, minute = 1; done < o.seconds; done += 60, minute++) {
      const seconds = Math.min(60, o.seconds - done);
      const from = Date.now();
      const step = await load.runStep(o.rate, seconds);
      const ms = step.sent.filter((s) => s.ok).map((s) => s.latencyMs).sort((a, b) => a - b);
      all.push(...ms);
      const refresh = await refreshes(env, from, Date.now());
      const m = { minute, seconds, sent: step.sent.length, errors: step.errors, p50Ms: round(pct(ms, 50)), p99Ms: round(pct(ms, 99)), maxMs: round(ms[ms.length - 1] ?? NaN), refresh };
      minutes.push(m);
      o.log(`  minute ${minute}: ${m.sent} webhooks, ${m.errors} errors, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, max ${m.maxMs} ms; ` +
        `${refresh.n} rollup refreshes p50 ${refresh.p50Ms} ms, max ${refresh.maxMs} ms` + (step.errorSamples.length ? ` (${step.errorSamples.join('; ')})` : ''));
    }
  } finally {
    load.close();
  }
  all.sort((a, b) => a - b);
  const p99s = minutes.map((m) => m.p99Ms ?? NaN).filter(Number.isFinite);
  return {
    rate: o.rate, seconds: o.seconds, minutes,
    overall: { n: all.length, p50Ms: round(pct(all, 50)), p99Ms: round(pct(all, 99)), maxMs: round(all[all.length - 1] ?? NaN) },
    // Flat: the worst minute's p99 over the best's (1 = perfectly flat).
    p99WorstOverBestMinute: p99s.length ? round(Math.max(...p99s) / Math.min(...p99s), 2) : null,
    rollup: await rollupAgrees(env, o.today),
  };
}

/** After the run, once the worker's next refresh is in: the national rollup count from today on (the run may pass local
 *  midnight) against the contacts themselves. */
async function rollupAgrees(env: BenchEnv, today: string) {
  const read = async () => (await sql<{ rollup: number; contacts: number }>`
    select (select coalesce(sum(n), 0)::int from report_contact_daily where area_id = 0 and day >= ${today}::date) as rollup,
           (select count(*)::int from contacts where report_day(received_at) >= ${today}::date and not training) as contacts`.execute(env.db)).rows[0]!;
  let r = await read();
  for (let i = 0; i < 30 && r.rollup !== r.contacts; i++) {
    await new Promise((res) => setTimeout(res, 1000));
    r = await read();
  }
  return { contactsSinceToday: r.contacts, inRollup: r.rollup, equal: r.rollup === r.contacts };
}

/** The completed `refresh-rollup` jobs (kept an hour) that started in [from, to): duration and contacts folded. */
async function refreshes(env: BenchEnv, from: number, to: number): Promise<MinuteFigures['refresh']> {
  const queue = new Queue(QUEUES.reports, { connection: { host: '127.0.0.1', port: 6379 }, prefix: env.redisPrefix });
  try {
    const jobs = (await queue.getJobs(['completed'], 0, 999)).filter((j) => j.name === 'refresh-rollup' && j.processedOn && j.processedOn >= from && j.processedOn < to);
    const ms = jobs.map((j) => j.finishedOn! - j.processedOn!).sort((a, b) => a - b);
    const contacts = jobs.map((j) => (j.returnvalue as { contacts?: number } | null)?.contacts).filter((n): n is number => n != null);
    return { n: jobs.length, p50Ms: round(pct(ms, 50)), maxMs: round(ms[ms.length - 1] ?? NaN), contactsMax: contacts.length ? Math.max(...contacts) : null };
  } finally {
    await queue.close();
  }
}
