/**
 * `npm run bench:ingest`: signed Twilio voice and SMS webhooks at a rising rate into a real server process, with 50
 * operator consoles (BENCH_CONSOLES, spread over child processes) connected over Socket.IO. Each step runs 60 s; the run stops at the first step with any error,
 * any lost contact or event, or a p99 over target. The last line printed is one JSON object of the figures.
 * Only 127.0.0.1 is contacted; the database and Redis keys are created for the run and removed after it.
 * See bench/README.md.
 */
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { Consoles } from './lib/consoles-client.js';
import { storedForStep, totals } from './lib/correlate.js';
import { cleanupBenchEnv, createBenchEnv, createOperators, loginAll, startServer, stopProcess, type BenchEnv } from './lib/env.js';
import { WebhookLoad } from './lib/load.js';
import { describeStep, judgeStep, TARGET, type StepFigures } from './lib/report.js';
import { cpuMeter, rssMb } from './lib/stats.js';
import { isWarnOrError } from './lib/log-lines.js';

const RATES = (process.env.BENCH_RATES ?? '100,175,250,500,750,1000,1250,1500').split(',').map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 60);
const BUDGET_SECONDS = Number(process.env.BENCH_BUDGET_SECONDS ?? 600);
const CONSOLES = Number(process.env.BENCH_CONSOLES ?? 50);

const started = Date.now();
const elapsed = () => (Date.now() - started) / 1000;
const log = (line: string) => console.log(`[bench ${elapsed().toFixed(0).padStart(3)}s] ${line}`);

/** Everything the run started, torn down once: at the end, on failure, or on Ctrl-C. */
const parts: { env?: BenchEnv; server?: ChildProcess; consoles?: Consoles; load?: WebhookLoad } = {};
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    parts.load?.close();
    parts.consoles?.close();
    await Promise.all((parts.consoles?.children ?? []).map((c) => stopProcess(c, 3000)));
    await stopProcess(parts.server);
    if (parts.env) await cleanupBenchEnv(parts.env).catch((e: Error) => log(`cleanup failed: ${e.message}`));
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    log(`${signal}: removing the benchmark database, Redis keys and processes`);
    void cleanup().finally(() => process.exit(130));
  });

async function run() {
  const steps: StepFigures[] = [];
  let peakRss = 0;
  let serverLogProblems = 0;
  try {
    const quiet = cpuMeter(() => ({}));
    await new Promise((r) => setTimeout(r, 2000));
    const before = quiet.read();
    log(`machine before the run (CPU % of one core, 200 = both): ${JSON.stringify(before)}`);
    if (before.other! > 40) log('WARNING: other work is running on this machine; the figures will be lower and noisier');

    const env = (parts.env = await createBenchEnv());
    log(`database ${env.databaseUrl.replace(/^.*\//, '')}, Redis prefix ${env.redisPrefix}, server on ${env.baseUrl}`);
    const users = await createOperators(env, CONSOLES);
    const server = (parts.server = await startServer(env, (line) => {
      if (isWarnOrError(line) && serverLogProblems++ < 10) log(`[server] ${line}`);
    }));
    const cookies = await loginAll(env.baseUrl, users);
    const consoles = (parts.consoles = new Consoles(CONSOLES));
    await consoles.connect(env.baseUrl, cookies);
    log(`${CONSOLES} operator consoles connected from ${consoles.children.length} processes; steps of ${STEP_SECONDS} s at ${RATES.join(' → ')} webhooks/s`);

    const load = (parts.load = new WebhookLoad({ port: env.port, publicBaseUrl: env.publicBaseUrl, authToken: env.twilio.authToken }));
    // Warm-up, not reported: V8 optimises the hot path and connections open (the first seconds run several times slower).
    for (const rate of [50, 100, 200]) await consoles.collect(await storedForStep(env.db, (await load.runStep(rate, 5)).sent), 5000);
    const expected = await totals(env.db);

    // The server's pool connections to the benchmark database (the pool may grow between steps: re-read each time).
    const backendPids = async () =>
      (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and application_name = 'hotline111-server'`.execute(env.db)).rows.map((r) => r.pid);
    let pgPids: number[] = [];
    const cpu = cpuMeter(() => ({ server: [server.pid!], ...consoles.cpuGroups(), generator: [process.pid], postgres: pgPids }));
    for (const rate of RATES) {
      if (elapsed() + STEP_SECONDS + 25 > BUDGET_SECONDS) {
        log(`stopping before ${rate}/s: the run would exceed ${BUDGET_SECONDS} s`);
        break;
      }
      log(`step ${rate}/s for ${STEP_SECONDS} s…`);
      const problemsBefore = serverLogProblems;
      pgPids = await backendPids();
      cpu.reset();
      const step = await load.runStep(rate, STEP_SECONDS);
      pgPids = await backendPids();
      const cpuPercent = cpu.read();
      const stored = await storedForStep(env.db, step.sent);
      const heard = await consoles.collect(stored, 10_000);
      expected.contacts += stored.newContacts;
      expected.messages += stored.messages;
      const db = await totals(env.db);
      const serverRssMb = rssMb(server.pid!);
      peakRss = Math.max(peakRss, serverRssMb);
      const figures = judgeStep({
        step,
        stored,
        consoles: heard,
        dbMismatch:
          db.contacts !== expected.contacts || db.messages !== expected.messages
            ? `database holds ${db.contacts} contacts/${db.messages} messages, expected ${expected.contacts}/${expected.messages}`
            : null,
        serverLogProblems: serverLogProblems - problemsBefore,
        cpuPercent,
        serverRssMb,
      });
      steps.push(figures);
      log(describeStep(figures, heard.expectedEvents));
      if (!figures.passed) {
        log(`stopping: ${figures.failures.join('; ')}`);
        break;
      }
    }
  } finally {
    await cleanup();
  }

  const best = [...steps].reverse().find((s) => s.passed) ?? null;
  const summary = {
    sustainedRate: best?.rate ?? 0,
    serverP99Ms: best?.serverP99Ms ?? null,
    consoleP50Ms: best?.consoleP50Ms ?? null,
    consoleP99Ms: best?.consoleP99Ms ?? null,
    targetsMet: (best?.rate ?? 0) >= TARGET.rate,
    consoles: CONSOLES,
    stepSeconds: STEP_SECONDS,
    steps,
    memoryRssMb: peakRss,
    durationSeconds: Math.round(elapsed()),
  };
  log(`sustained ${summary.sustainedRate} webhooks/s with zero errors and zero lost contacts (target ${TARGET.rate}/s: ${summary.targetsMet ? 'met' : 'NOT met'})`);
  console.log(JSON.stringify(summary));
}

run().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`bench:ingest failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
