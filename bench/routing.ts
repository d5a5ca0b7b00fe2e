/**
 * `npm run bench:routing`: classification submitted (REST wrap-up) → referral visible in the agency's Socket.IO
 * room, through the transactional outbox, the BullMQ routing worker (own process) and the Redis streams emitter,
 * with the focal points' SMS alert recorded and enqueued. Steps at 50, 100 and 200 referrals/s, 20 s each.
 * Target: p99 ≤ 250 ms at 100/s. Prints figures as it goes; the last line is one JSON object.
 */
import http from 'node:http';
import { sql } from 'kysely';
import { io } from 'socket.io-client';
import { traffickingWrapUp } from '../test/support/contacts.js';
import { cleanupBenchEnv, createBenchEnv, loginAll, stopProcess, type BenchEnv } from './lib/env.js';
import { claimedContacts, startRoutingStack } from './lib/routing-setup.js';
import { cpuMeter, now, pct, round } from './lib/stats.js';
import { postJson } from './lib/json-post.js';
import { createTestAgencyOfficers } from './lib/routing-officers.js';
import { isWarnOrError } from './lib/log-lines.js';

const RATES = (process.env.BENCH_RATES ?? '50,100,200').split(',').map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 20);
const WARMUP = { rate: 50, seconds: 5 };
const log = (s: string) => console.log(s);


async function main() {
  const env: BenchEnv = await createBenchEnv();
  let server, workers;
  const results: Record<string, unknown>[] = [];
  try {
    const stack = await startRoutingStack(env, log, isWarnOrError);
    ({ server, workers } = stack);
    const { communes, opId, cookie } = stack;

    // One officer console per district office: every referral must reach its agency's room.
    const agencyIds = [...new Set(communes.map((c) => c.agencyId))];
    const officers = await createTestAgencyOfficers(env, agencyIds);
    const arrivals = new Map<string, number>();
    const officerCookies = await loginAll(env.baseUrl, officers);
    const sockets = await Promise.all(
      officers.map(async (o, i) => {
        const s = io(env.baseUrl, { transports: ['websocket'], extraHeaders: { cookie: officerCookies[i]! } });
        s.on('referral:created', (r: { contactRef: string }) => arrivals.set(r.contactRef, now()));
        await new Promise((r) => s.once('session:ready', r));
        return s;
      }),
    );
    log(`setup: ${communes.length} communes (both maps), ${agencyIds.length} commune committees and departments with a live console each`);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    // Server's and workers' PostgreSQL backends apart (the pools may grow during a step: read again at its end).
    const backendPids = async (app: string) =>
      (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and application_name = ${app}`.execute(env.db)).rows.map((r) => r.pid);
    let pgPids = { server: [] as number[], workers: [] as number[] };
    const readPids = async () => (pgPids = { server: await backendPids('hotline111-server'), workers: await backendPids('hotline111-workers') });
    const cpu = cpuMeter(() => ({ server: [server!.pid!], workers: [workers!.pid!], bench: [process.pid], pgServer: pgPids.server, pgWorkers: pgPids.workers }));
    // Warm-up, not reported: V8 optimises the hot paths and the pools open their connections.
    for (const [i, rate] of [WARMUP.rate, ...RATES].entries()) {
      const warmup = i === 0;
      const total = rate * (warmup ? WARMUP.seconds : STEP_SECONDS);
      const ids = await claimedContacts(env.db, opId, total);
      await readPids();
      cpu.reset();
      const cpuFrom = now();
      const sent = new Map<number, number>();
      const serverLatency: number[] = [];
      let errors = 0;
      const refused: Record<string, number> = {}; // status (or the failure) → count, to tell what the errors were
      const start = now();
      const inflight: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / rate;
        const wait = due - now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        const id = ids[i]!;
        const commune = communes[i % communes.length]!;
        const t0 = now();
        sent.set(id, t0);
        const body = JSON.stringify(traffickingWrapUp({ location: { kind: 'unit', dataset: commune.dataset, code: commune.code } }));
        inflight.push(
          postJson(agent, `${env.baseUrl}/api/contacts/${id}/wrap-up`, cookie, body).then((status) => {
            serverLatency.push(now() - t0);
            if (status !== 200) {
              errors++;
              refused[status] = (refused[status] ?? 0) + 1;
            }
          }, (e: Error) => {
            errors++;
            refused[e.message] = (refused[e.message] ?? 0) + 1;
          }),
        );
      }
      await Promise.all(inflight);
      const deadline = now() + 15_000;
      const refOf = (id: number) => `LH-${String(id).padStart(6, '0')}`;
      while (now() < deadline && ids.some((id) => !arrivals.has(refOf(id)))) await new Promise((r) => setTimeout(r, 100));
      if (process.env.BENCH_TRACE === '1') {
        // Per 250 ms of sending: the slowest arrival, to tell a steady tail from stalls.
        const slots = new Map<number, number>();
        for (const id of ids) if (arrivals.has(refOf(id))) {
          const slot = Math.floor((sent.get(id)! - start) / 250);
          slots.set(slot, Math.max(slots.get(slot) ?? 0, arrivals.get(refOf(id))! - sent.get(id)!));
        }
        log([...slots].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k * 250}:${Math.round(v)}`).join(' '));
      }
      const lat = ids.filter((id) => arrivals.has(refOf(id))).map((id) => arrivals.get(refOf(id))! - sent.get(id)!).sort((a, b) => a - b);
      const missing = ids.length - lat.length;
      await readPids();
      const cpuPercent = cpu.read();
      if (warmup) {
        log(`warm-up ${rate}/s for ${WARMUP.seconds} s: ${lat.length}/${total} referrals arrived, ${errors} errors (not reported)`);
        continue;
      }
      const elapsedS = (now() - cpuFrom) / 1000;
      // CPU ms per referral: % of one core × step time ÷ referrals (the step includes the wait for the last arrivals).
      const perReferral = (p: number | undefined) => round(((p ?? NaN) * 10 * elapsedS) / total, 2);
      const stored = await sql<{ referrals: number; alerts: number }>`
        select (select count(*)::int from referrals where contact_id = any(${ids})) as referrals,
               (select count(*)::int from notifications n join referrals r on r.id = n.referral_id where r.contact_id = any(${ids})) as alerts`.execute(env.db);
      const row = {
        rate, sent: total, errors, refused, referrals: stored.rows[0]!.referrals, alertsRecorded: stored.rows[0]!.alerts, missingEvents: missing,
        wrapUpP50Ms: round(pct(serverLatency.sort((a, b) => a - b), 50)), wrapUpP99Ms: round(pct(serverLatency, 99)),
        toAgencyP50Ms: round(pct(lat, 50)), toAgencyP99Ms: round(pct(lat, 99)), toAgencyMaxMs: round(lat[lat.length - 1] ?? NaN),
        cpuPercent, cpuMsPerReferral: Object.fromEntries(['server', 'workers', 'pgServer', 'pgWorkers', 'redis', 'bench'].map((k) => [k, perReferral(cpuPercent[k])])),
      };
      results.push(row);
      log(`step ${rate}/s: ${JSON.stringify(row)}`);
    }
    sockets.forEach((s) => s.disconnect());
    agent.destroy();
  } finally {
    await stopProcess(workers);
    await stopProcess(server);
    await cleanupBenchEnv(env);
  }
  const at100 = results.find((r) => r.rate === 100) as { toAgencyP99Ms: number } | undefined;
  console.log(JSON.stringify({ benchmark: 'routing', stepSeconds: STEP_SECONDS, steps: results, p99At100PerSecondMs: at100?.toAgencyP99Ms ?? null, targetP99Ms: 250 }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
