/**
 * `npm run bench:intake`: manual intake (POST /api/contacts, the walk-in/Zalo/e-mail path) at rising rates into a
 * real server process, so the comparison with peers (Aselo HRM's create-contact) can be repeated. Each step reports
 * p50/p99, CPU milliseconds per create of the server and its PostgreSQL backends, and checks the rows: every 201 is
 * one contact and one audit row, nothing else. The run stops after the first step whose p99 exceeds 200 ms or that
 * had errors. Figures as it goes; the last line is one JSON object. See bench/README.md.
 */
import http from 'node:http';
import { sql } from 'kysely';
import { cleanupBenchEnv, createBenchEnv, createOperators, loginAll, startServer, stopProcess, type BenchEnv } from './lib/env.js';
import { cpuMeter, now, pct, round } from './lib/stats.js';
import { postJson } from './lib/json-post.js';
import { isWarnOrError } from './lib/log-lines.js';

const RATES = (process.env.BENCH_RATES ?? '50,100,150,200,300,400').split(',').map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 20);
const OPERATORS = 20;
const P99_LIMIT_MS = 200;
const log = (s: string) => console.log(s);


const intakeBody = (i: number) =>
  JSON.stringify({ channel: i % 3 === 0 ? 'zalo' : 'walk_in', callerPhone: `+8491${String(1_000_000 + (i % 5000)).slice(-7)}`, summary: `Người đến văn phòng, lần ${i}`, claim: true });

/** One step: `rate` creates per second for STEP_SECONDS, spread over the operators' sessions. */
async function runStep(env: BenchEnv, agent: http.Agent, cookies: string[], rate: number, seconds: number, offset: number) {
  const total = Math.round(rate * seconds);
  const latency: number[] = [];
  const refused: Record<string, number> = {};
  let created = 0;
  const start = now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = now();
    inflight.push(
      postJson(agent, `${env.baseUrl}/api/contacts`, cookies[i % cookies.length]!, intakeBody(offset + i)).then(
        (status) => {
          latency.push(now() - t0);
          if (status === 201) created++;
          else refused[status] = (refused[status] ?? 0) + 1;
        },
        (e: Error) => void (refused[e.message] = (refused[e.message] ?? 0) + 1),
      ),
    );
  }
  await Promise.all(inflight);
  return { total, created, refused, errors: total - created, latency: latency.sort((a, b) => a - b), seconds: (now() - start) / 1000 };
}

async function rowCounts(env: BenchEnv) {
  const r = await sql<{ contacts: number; audits: number; other: number }>`
    select (select count(*)::int from contacts where created_by is not null) as contacts,
           (select count(*)::int from audit_log where action = 'contact.manual_intake') as audits,
           (select count(*)::int from audit_log where entity_type = 'contact' and action <> 'contact.manual_intake') as other`.execute(env.db);
  return r.rows[0]!;
}

async function main() {
  const env = await createBenchEnv();
  let server;
  const steps: Record<string, unknown>[] = [];
  try {
    const users = await createOperators(env, OPERATORS);
    server = await startServer(env, (l) => isWarnOrError(l) && log(`[server] ${l}`));
    const cookies = await loginAll(env.baseUrl, users);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const backendPids = async () =>
      (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and application_name = 'hotline111-server'`.execute(env.db)).rows.map((r) => r.pid);
    let pgPids: number[] = [];
    const cpu = cpuMeter(() => ({ server: [server!.pid!], postgres: pgPids, bench: [process.pid] }));
    let offset = 0;
    await runStep(env, agent, cookies, 50, 5, offset); // warm-up, not reported
    offset += 250;
    for (const rate of RATES) {
      const before = await rowCounts(env);
      pgPids = await backendPids();
      cpu.reset();
      const s = await runStep(env, agent, cookies, rate, STEP_SECONDS, offset);
      offset += s.total;
      pgPids = await backendPids();
      const cpuPercent = cpu.read();
      const after = await rowCounts(env);
      const perCreate = (p: number | undefined) => round(((p ?? NaN) * 10 * s.seconds) / Math.max(1, s.created), 2);
      const rows = { contacts: after.contacts - before.contacts, auditRows: after.audits - before.audits, otherContactAudits: after.other - before.other };
      const rowsOk = rows.contacts === s.created && rows.auditRows === s.created && rows.otherContactAudits === 0;
      const step = {
        rate, sent: s.total, created: s.created, errors: s.errors, refused: s.refused,
        p50Ms: round(pct(s.latency, 50)), p99Ms: round(pct(s.latency, 99)), maxMs: round(pct(s.latency, 100)),
        cpuPercent, cpuMsPerCreate: { server: perCreate(cpuPercent.server), postgres: perCreate(cpuPercent.postgres) },
        rowsChecked: { ...rows, ok: rowsOk },
      };
      steps.push(step);
      log(`step ${rate}/s: ${JSON.stringify(step)}`);
      if (!rowsOk) log(`rows do not match: ${s.created} created answers, ${JSON.stringify(rows)}`);
      if (s.errors || !rowsOk || !(pct(s.latency, 99) <= P99_LIMIT_MS)) {
        log(`stopping after ${rate}/s (errors, rows or p99 over ${P99_LIMIT_MS} ms)`);
        break;
      }
    }
    agent.destroy();
  } finally {
    await stopProcess(server);
    await cleanupBenchEnv(env);
  }
  const ok = steps.filter((s) => !(s.errors as number) && (s.rowsChecked as { ok: boolean }).ok && (s.p99Ms as number) <= P99_LIMIT_MS);
  console.log(JSON.stringify({ benchmark: 'intake', stepSeconds: STEP_SECONDS, steps, highestRateUnderP99Limit: (ok.at(-1)?.rate as number) ?? 0, p99LimitMs: P99_LIMIT_MS }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
