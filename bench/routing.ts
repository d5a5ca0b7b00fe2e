/**
 * `npm run bench:routing`: classification submitted (REST wrap-up) → referral visible in the agency's Socket.IO
 * room, through the transactional outbox, the BullMQ routing worker (own process) and the Redis streams emitter,
 * with the focal points' SMS alert recorded and enqueued. Steps at 50, 100 and 200 referrals/s, 20 s each.
 * Target: p99 ≤ 250 ms at 100/s. Prints figures as it goes; the last line is one JSON object.
 */
import { sql } from 'kysely';
import { io } from 'socket.io-client';
import { traffickingWrapUp } from '../test/support/contacts.js';
import { cleanupBenchEnv, createBenchEnv, createOperators, login, startServer, stopProcess, type BenchEnv } from './lib/env.js';
import { claimedContacts, communesWithOffices, loadRoutingData, startWorkersProcess } from './lib/routing-setup.js';
import { now, pct, round } from './lib/stats.js';
import { createTestAgencyOfficers } from './lib/routing-officers.js';

const RATES = (process.env.BENCH_RATES ?? '50,100,200').split(',').map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 20);
const log = (s: string) => console.log(s);

async function main() {
  const env: BenchEnv = await createBenchEnv();
  let server, workers;
  const results: Record<string, unknown>[] = [];
  try {
    await loadRoutingData(env.db);
    const communes = await communesWithOffices(env.db);
    const [op] = await createOperators(env, 1);
    const opId = (await env.db.selectFrom('users').select('id').where('username', '=', op!.username).executeTakeFirstOrThrow()).id;
    server = await startServer(env, (l) => l.includes('ERROR') && log(`[server] ${l}`));
    workers = startWorkersProcess(env, (l) => (l.includes('ERROR') || l.includes('WARN')) && log(`[workers] ${l}`));
    await new Promise((r) => setTimeout(r, 3000));
    const cookie = await login(env.baseUrl, op!.username, op!.password);

    // One officer console per district office: every referral must reach its agency's room.
    const agencyIds = [...new Set(communes.map((c) => c.agencyId))];
    const officers = await createTestAgencyOfficers(env, agencyIds);
    const arrivals = new Map<string, number>();
    const sockets = await Promise.all(
      officers.map(async (o) => {
        const s = io(env.baseUrl, { transports: ['websocket'], extraHeaders: { cookie: await login(env.baseUrl, o.username, o.password) } });
        s.on('referral:created', (r: { contactRef: string }) => arrivals.set(r.contactRef, now()));
        await new Promise((r) => s.once('session:ready', r));
        return s;
      }),
    );
    log(`setup: ${communes.length} communes, ${agencyIds.length} district offices with a live console each`);

    for (const rate of RATES) {
      const total = rate * STEP_SECONDS;
      const ids = await claimedContacts(env.db, opId, total);
      const sent = new Map<number, number>();
      const serverLatency: number[] = [];
      let errors = 0;
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
        inflight.push(
          fetch(`${env.baseUrl}/api/contacts/${id}/wrap-up`, {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json' },
            body: JSON.stringify(traffickingWrapUp({ location: { kind: 'unit', dataset: 'vn-2023', code: commune.code } })),
          }).then(async (r) => {
            await r.arrayBuffer();
            serverLatency.push(now() - t0);
            if (r.status !== 200) errors++;
          }, () => void errors++),
        );
      }
      await Promise.all(inflight);
      const deadline = now() + 15_000;
      const refOf = (id: number) => `LH-${String(id).padStart(6, '0')}`;
      while (now() < deadline && ids.some((id) => !arrivals.has(refOf(id)))) await new Promise((r) => setTimeout(r, 100));
      const lat = ids.filter((id) => arrivals.has(refOf(id))).map((id) => arrivals.get(refOf(id))! - sent.get(id)!).sort((a, b) => a - b);
      const missing = ids.length - lat.length;
      const stored = await sql<{ referrals: number; alerts: number }>`
        select (select count(*)::int from referrals where contact_id = any(${ids})) as referrals,
               (select count(*)::int from notifications n join referrals r on r.id = n.referral_id where r.contact_id = any(${ids})) as alerts`.execute(env.db);
      const row = {
        rate, sent: total, errors, referrals: stored.rows[0]!.referrals, alertsRecorded: stored.rows[0]!.alerts, missingEvents: missing,
        wrapUpP50Ms: round(pct(serverLatency.sort((a, b) => a - b), 50)), wrapUpP99Ms: round(pct(serverLatency, 99)),
        toAgencyP50Ms: round(pct(lat, 50)), toAgencyP99Ms: round(pct(lat, 99)), toAgencyMaxMs: round(lat[lat.length - 1] ?? NaN),
      };
      results.push(row);
      log(`step ${rate}/s: ${JSON.stringify(row)}`);
    }
    sockets.forEach((s) => s.disconnect());
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
