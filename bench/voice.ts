/**
 * `npm run bench:voice`: a call to 111 (signed voice webhook) → the offer ringing in an available operator's console,
 * with 50 operators on duty and calls arriving open-loop at 20/s for 60 s. Every console accepts what rings (the
 * call is put through: Twilio's REST API is a local fake), the call ends (a signed conference-end webhook) and the
 * operator wraps it up, available again. Target: p99 ≤ 100 ms; no call offered to two operators at once; no call lost.
 * Prints figures as it goes; the last line is one JSON object.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { startFakeTwilioServer } from '../test/support/fake-twilio-server.js';
import { cleanupBenchEnv, createBenchEnv, createOperators, startServer, stopProcess, type BenchEnv } from './lib/env.js';
import { cpuMeter, now, pct, round } from './lib/stats.js';
import { openConsoles, type Desk } from './lib/voice-consoles.js';
import { signedForm } from './lib/voice-webhooks.js';
import { isWarnOrError } from './lib/log-lines.js';

const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const OPERATORS = Number(process.env.BENCH_OPERATORS ?? 50);
const TARGET_P99_MS = 100;
const log = (s: string) => console.log(s);

async function main() {
  const env: BenchEnv = await createBenchEnv();
  const twilio = await startFakeTwilioServer();
  process.env.TWILIO_API_URL = twilio.url; // the server child takes the bench's environment
  let server;
  let desk: Desk | null = null;
  try {
    const users = await createOperators(env, OPERATORS);
    server = await startServer(env, (l) => isWarnOrError(l) && log(`[server] ${l}`));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const post = (path: string, params: Record<string, string>) => signedForm(agent, env, path, params);
    desk = await openConsoles(env, users, (contactId) => post(`/webhooks/twilio/voice/conference?c=${contactId}`, { StatusCallbackEvent: 'conference-end' }));
    log(`setup: ${OPERATORS} operators available, consoles connected`);

    const backendPids = async () =>
      (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and application_name = 'hotline111-server'`.execute(env.db)).rows.map((r) => r.pid);
    let pg = await backendPids();
    const cpu = cpuMeter(() => ({ server: [server!.pid!], bench: [process.pid], postgres: pg }));
    const sent = new Map<string, number>();
    const webhookMs: number[] = [];
    let errors = 0;
    const total = RATE * SECONDS;
    const start = now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / RATE - now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const callSid = `CA${randomBytes(16).toString('hex')}`;
      const t0 = now();
      sent.set(callSid, t0);
      inflight.push(post('/webhooks/twilio/voice', { CallSid: callSid, From: `+8491${String(1_000_000 + i).slice(-7)}`, CallStatus: 'ringing' })
        .then((status) => {
          webhookMs.push(now() - t0);
          if (status !== 200) errors++;
        }, () => void errors++));
    }
    await Promise.all(inflight);
    const deadline = now() + 20_000;
    while (now() < deadline && desk.answered() < total) await new Promise((r) => setTimeout(r, 200));
    pg = await backendPids();
    const cpuPercent = cpu.read();

    const ids = await sql<{ sid: string; id: number; answered_by: number | null }>`
      select twilio_sid as sid, id, answered_by from contacts where twilio_sid = any(${[...sent.keys()]})`.execute(env.db);
    const offerMs = ids.rows.flatMap((r) => (desk!.firstOffer.has(r.id) ? [desk!.firstOffer.get(r.id)! - sent.get(r.sid)!] : [])).sort((a, b) => a - b);
    const accepted = await sql<{ n: number }>`select count(*)::int as n from call_offers where state = 'accepted'`.execute(env.db);
    const doubleAccepted = await sql<{ n: number }>`select count(*)::int as n from (select contact_id from call_offers where state = 'accepted' group by 1 having count(*) > 1) x`.execute(env.db);
    const moved = twilio.twilio.requests.filter((r) => /\/Calls\/CA[0-9a-f]{32}\.json$/.test(r.uri)).length;
    const figures = {
      rate: RATE, seconds: SECONDS, operators: OPERATORS, calls: total, stored: ids.rows.length, errors,
      offered: offerMs.length, answered: ids.rows.filter((r) => r.answered_by != null).length, acceptedOffers: accepted.rows[0]!.n,
      lostCalls: total - ids.rows.filter((r) => r.answered_by != null).length,
      offeredToTwoAtOnce: desk.overlaps(), acceptedTwice: doubleAccepted.rows[0]!.n, callsPutThrough: moved,
      webhookP50Ms: round(pct(webhookMs.sort((a, b) => a - b), 50)), webhookP99Ms: round(pct(webhookMs, 99)),
      offerP50Ms: round(pct(offerMs, 50)), offerP99Ms: round(pct(offerMs, 99)), offerMaxMs: round(offerMs[offerMs.length - 1] ?? NaN),
      reoffers: desk.reoffers(), cpuPercent,
      cpuMsPerCall: Object.fromEntries(Object.entries(cpuPercent).filter(([k]) => ['server', 'postgres', 'redis', 'bench'].includes(k)).map(([k, p]) => [k, round((p * 10 * SECONDS) / total, 2)])),
    };
    const targetsMet = figures.offerP99Ms != null && figures.offerP99Ms <= TARGET_P99_MS && figures.lostCalls === 0 && figures.offeredToTwoAtOnce === 0 && figures.acceptedTwice === 0 && errors === 0;
    log(`result: ${JSON.stringify(figures)}`);
    agent.destroy();
    console.log(JSON.stringify({ benchmark: 'voice', ...figures, targetP99Ms: TARGET_P99_MS, targetsMet }));
  } finally {
    desk?.close();
    await stopProcess(server);
    await twilio.close();
    await cleanupBenchEnv(env);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
