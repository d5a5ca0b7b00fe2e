/**
 * `npm run bench:reports`: statistics and the periodic report at scale. Generates 2,000,000 contacts and about
 * 200,000 referrals (the synthetic generator) into a throwaway database, starts the product (API and workers in one
 * process, as `npm start`), then measures:
 *  - GET /api/stats (all 16 tables) over 12 and 6 months, nationally, per province of both unit datasets, a district,
 *    a commune, and as an agency officer: latency p50/p95/max (target p95 ≤ 500 ms);
 *  - the rollups' full rebuild and the refresh of the last 30 days, per contact;
 *  - POST /api/reports for the last 12 months, national: time until the workbook is stored (target ≤ 15 s), while
 *    /healthz is sampled every 20 ms (the server must stay responsive).
 * Prints figures as it goes; the last line is one JSON object. Knobs: BENCH_CONTACTS, BENCH_REFERRALS, BENCH_ROUNDS.
 */
import { sql } from 'kysely';
import { generateSynthetic } from '../server/domain/synthetic/generate.js';
import { localMidnight, nextDay } from '../server/domain/reports/scope.js';
import { cleanupBenchEnv, createBenchEnv, login, stopProcess, type BenchEnv } from './lib/env.js';
import { benchAreas, healthProbe, reportUsers, startMonolith } from './lib/reports-setup.js';
import { timeRollups } from './lib/rollup-timing.js';
import { now, pct, round } from './lib/stats.js';
import { isWarnOrError } from './lib/log-lines.js';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 2_000_000);
const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const BUILDS = 3;
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
  let result: Record<string, unknown> = {};
  try {
    const today = vnToday();
    const t0 = now();
    const counts = await generateSynthetic(env.db, {
      contacts: CONTACTS, referrals: REFERRALS, from: localMidnight(yearsBefore(today, 3)), to: new Date(), log: (l) => log(`[generate] ${l}`),
    });
    log(`generated in ${round((now() - t0) / 1000)} s: ${JSON.stringify(counts)}`);
    const rollups = await timeRollups(env.db, today);
    log(`rollups: full rebuild ${rollups.rebuildMs} ms (${rollups.rebuildUsPerContact} µs a contact); refresh of the last ` +
      `${rollups.refreshDays} days ${rollups.refreshMs} ms for ${rollups.refreshContacts} contacts (${rollups.refreshUsPerContact} µs a contact)`);
    const users = await reportUsers(env.db);
    const areas = await benchAreas(env.db);

    server = await startMonolith(env, (l) => isWarnOrError(l) && log(`[server] ${l}`));
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
    result = {
      benchmark: 'reports', generated: counts, rounds: ROUNDS, rollups,
      stats: { ...stats, byScope }, xlsx: { builds, maxMs: round(xlsxMaxMs) }, healthzDuringBuild: healthz,
      targets: TARGET, targetsMet: (stats.p95Ms ?? Infinity) <= TARGET.statsP95Ms && xlsxMaxMs <= TARGET.xlsxMs,
    };
  } finally {
    await stopProcess(server);
    await cleanupBenchEnv(env);
  }
  console.log(JSON.stringify(result));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
