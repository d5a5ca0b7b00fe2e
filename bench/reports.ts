/**
 * `npm run bench:reports`: statistics and the periodic report at scale. Generates 2,000,000 contacts and about
 * 200,000 referrals (the synthetic generator) into a throwaway database, starts the product (API and workers in one
 * process, as `npm start`), then measures:
 *  - GET /api/stats (all 16 tables) over 12 and 6 months, nationally, per province of both unit datasets, a district,
 *    a commune, and as an agency officer: latency p50/p95/max (target p95 ≤ 500 ms);
 *  - the rollups' full rebuild and the refresh of the last 30 days, per contact;
 *  - POST /api/reports for the last 12 months, national: time until the workbook is stored (target ≤ 15 s), while
 *    /healthz is sampled every 20 ms (the server must stay responsive);
 *  - sustained intake: with today already holding BENCH_SUSTAIN_TODAY contacts, webhooks at BENCH_SUSTAIN_RATE (100)/s
 *    for BENCH_SUSTAIN_SECONDS (600), creation latency p50/p99 per minute (flat: the rollup's upkeep must not grow
 *    with the day).
 * Prints figures as it goes; the last line is one JSON object. Knobs: BENCH_CONTACTS, BENCH_REFERRALS, BENCH_ROUNDS,
 * BENCH_PARTS (stats,sustain), BENCH_SUSTAIN_SECONDS, BENCH_SUSTAIN_RATE, BENCH_SUSTAIN_TODAY.
 */
import { sql } from 'kysely';
import { generateSynthetic } from '../server/domain/synthetic/generate.js';
import { localMidnight, nextDay } from '../server/domain/reports/scope.js';
import { cleanupBenchEnv, createBenchEnv, login, stopProcess, type BenchEnv } from './lib/env.js';
import { benchAreas, healthProbe, reportUsers, startMonolith } from './lib/reports-setup.js';
import { timeRollups } from './lib/rollup-timing.js';
import { preloadToday, sustainedIntake } from './lib/sustained-intake.js';
import { now, pct, round } from './lib/stats.js';
import { isWarnOrError } from './lib/log-lines.js';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 2_000_000);
const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const BUILDS = 3;
const PARTS = new Set((process.env.BENCH_PARTS ?? 'stats,sustain').split(','));
const SUSTAIN = {
  seconds: Number(process.env.BENCH_SUSTAIN_SECONDS ?? 600),
  rate: Number(process.env.BENCH_SUSTAIN_RATE ?? 100),
  today: Number(process.env.BENCH_SUSTAIN_TODAY ?? 400_000),
};
const TARGET = { statsP95Ms: 500, xlsxMs: 15_000 };
const log = (s: string) => console.log(s);

const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const yearsBefore = (d: string, y: number) => `${Number(d.slice(0, 4)) - y}${d.slice(4)}`;
const monthsBefore = (d: string, m: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCMonth(x.getUTCMonth() - m);
  return x.toISOString().slice(0, 10);
};
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50Ms: round(pct(s, 50)), p95Ms: round(pct(s, 95)), p99Ms: round(pct(s, 99)), maxMs: round(s[s.length - 1] ?? NaN) };
};

async function main() {
  const env: BenchEnv = await createBenchEnv();
  let server;
  let result: Record<string, unknown> = { benchmark: 'reports' };
  try {
    const today = vnToday();
    const generated = PARTS.has('stats') ? await generateYears(env, today) : null;
    server = await startMonolith(env, (l) => isWarnOrError(l) && log(`[server] ${l}`));
    if (generated) result = { ...result, ...(await statsAndWorkbook(env, today, generated)) };
    if (PARTS.has('sustain') && SUSTAIN.seconds > 0) {
      const t0 = now();
      const preloaded = await preloadToday(env, today, SUSTAIN.today, log);
      log(`today preloaded with ${preloaded.contacts} contacts in ${round((now() - t0) / 1000)} s`);
      await new Promise((r) => setTimeout(r, 12_000)); // the worker's next refresh folds what the load left logged
      log(`sustained intake: ${SUSTAIN.rate} webhooks/s for ${SUSTAIN.seconds} s, creation latency per minute`);
      const sustained = await sustainedIntake(env, { ...SUSTAIN, today, log });
      log(`sustained: ${JSON.stringify(sustained.overall)}, worst/best minute p99 ${sustained.p99WorstOverBestMinute}, rollup ${JSON.stringify(sustained.rollup)}`);
      result.sustained = { todayPreloaded: preloaded.contacts, ...sustained };
    }
  } finally {
    await stopProcess(server);
    await cleanupBenchEnv(env);
  }
  console.log(JSON.stringify(result));
}

async function generateYears(env: BenchEnv, today: string) {
  const t0 = now();
  const counts = await generateSynthetic(env.db, {
    contacts: CONTACTS, referrals: REFERRALS, from: localMidnight(yearsBefore(today, 3)), to: new Date(), log: (l) => log(`[generate] ${l}`),
  });
  log(`generated in ${round((now() - t0) / 1000)} s: ${JSON.stringify(counts)}`);
  // Before the product starts: its reports worker would take the days this times.
  const rollups = await timeRollups(env.db, today);
  log(`rollups: full rebuild ${rollups.rebuildMs} ms (${rollups.rebuildUsPerContact} µs a contact); refresh of the last ` +
    `${rollups.refreshDays} days ${rollups.refreshMs} ms for ${rollups.refreshContacts} contacts (${rollups.refreshUsPerContact} µs a contact)`);
  return { counts, rollups };
}

async function statsAndWorkbook(env: BenchEnv, today: string, { counts, rollups }: Awaited<ReturnType<typeof generateYears>>) {
  const users = await reportUsers(env.db);
  const areas = await benchAreas(env.db);

  const supervisor = await login(env.baseUrl, users.supervisor.username, users.supervisor.password);
  const officer = await login(env.baseUrl, users.officer.username, users.officer.password);
  const year = { from: yearsBefore(nextDay(today), 1), to: today };
  const half = { from: monthsBefore(nextDay(today), 6), to: today };
  const scopes = [
    { name: 'national 12 months', cookie: supervisor, q: `from=${year.from}&to=${year.to}` },
    { name: 'national 6 months', cookie: supervisor, q: `from=${half.from}&to=${half.to}` },
    ...areas.map((a) => ({ name: `${a.name} 12 months`, cookie: supervisor, q: `from=${year.from}&to=${year.to}&areaId=${a.id}` })),
    { name: `officer of agency ${users.agencyId} 12 months`, cookie: officer, q: `from=${year.from}&to=${year.to}` },
  ];

  const get = async (cookie: string, path: string) => {
    const t = now();
    const r = await fetch(`${env.baseUrl}${path}`, { headers: { cookie } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
    return now() - t;
  };
  for (const s of scopes) await get(s.cookie, `/api/stats?${s.q}`); // warm-up, not counted
  const all: number[] = [];
  const byScope: Record<string, ReturnType<typeof summary>> = {};
  const perScope = new Map<string, number[]>(scopes.map((s) => [s.name, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (const s of scopes) {
      const ms = await get(s.cookie, `/api/stats?${s.q}`);
      all.push(ms);
      perScope.get(s.name)!.push(ms);
    }
  for (const [name, xs] of perScope) byScope[name] = summary(xs);
  const stats = summary(all);
  log(`GET /api/stats (all 16 tables), ${all.length} requests over ${scopes.length} scopes: ${JSON.stringify(stats)}`);
  for (const [name, s] of Object.entries(byScope)) log(`  ${name}: p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, max ${s.maxMs} ms`);

  const builds: { totalMs: number; workerMs: number; bytes: number }[] = [];
  const health: number[] = [];
  for (let i = 0; i < BUILDS; i++) {
    const probe = healthProbe(env.baseUrl, 20);
    const t = now();
    const res = await fetch(`${env.baseUrl}/api/reports`, {
      method: 'POST', headers: { cookie: supervisor, 'content-type': 'application/json' },
      body: JSON.stringify({ ...year, areaId: null, label: `bench ${i + 1}` }),
    });
    if (res.status !== 202) throw new Error(`POST /api/reports answered ${res.status}`);
    const id = ((await res.json()) as { report: { id: number } }).report.id;
    let status = 'queued';
    while (status !== 'done' && status !== 'failed' && now() - t < 120_000) {
      await new Promise((r) => setTimeout(r, 50));
      status = ((await (await fetch(`${env.baseUrl}/api/reports/${id}`, { headers: { cookie: supervisor } })).json()) as { report: { status: string } }).report.status;
    }
    const totalMs = now() - t;
    health.push(...(await probe.stop()));
    if (status !== 'done') throw new Error(`report ${id} ended ${status}`);
    const row = await sql<{ ms: number; bytes: number }>`
      select extract(epoch from finished_at - started_at)::float8 * 1000 as ms, file_size as bytes from report_files where id = ${id}`.execute(env.db);
    builds.push({ totalMs: round(totalMs)!, workerMs: round(row.rows[0]!.ms)!, bytes: row.rows[0]!.bytes });
    log(`12-month national workbook ${i + 1}: ${round(totalMs)} ms from request to stored (worker ${round(row.rows[0]!.ms)} ms), ${row.rows[0]!.bytes} bytes`);
  }
  const healthz = summary(health);
  log(`/healthz during the builds: ${JSON.stringify(healthz)}`);
  const xlsxMaxMs = Math.max(...builds.map((b) => b.totalMs));
  return {
    generated: counts, rounds: ROUNDS, rollups,
    stats: { ...stats, byScope }, xlsx: { builds, maxMs: round(xlsxMaxMs) }, healthzDuringBuild: healthz,
    targets: TARGET, targetsMet: (stats.p95Ms ?? Infinity) <= TARGET.statsP95Ms && xlsxMaxMs <= TARGET.xlsxMs,
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
