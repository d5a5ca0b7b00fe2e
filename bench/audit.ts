/**
 * `npm run bench:audit`: the audit viewer at scale. Loads 2,000,000 audit entries (generate_series, one statement a
 * chunk, in time order as the product appends them) for 300 people, 60 agencies and 200,000 cases over a year into
 * a throwaway database, runs ANALYZE, then times the viewer's own page query (server/domain/audit/audit-query.ts)
 * for each filter, deep pages followed by cursor, and a 100,000-row CSV export; and checks with EXPLAIN that each
 * filter's page is an index scan (no sequential scan of the log). Prints figures as it goes; the last line is one JSON object.
 * Knobs: BENCH_AUDIT_ROWS (2,000,000), BENCH_ROUNDS (40 a filter), BENCH_DEEP_PAGES (100).
 */
import { CompiledQuery, sql } from 'kysely';
import type { AuditFilters } from '../shared/index.js';
import type { Database } from '../server/db/database.js';
import { auditBatches, auditPage, auditPageQuery, type Cursor } from '../server/domain/audit/audit-query.js';
import { auditCsvRows } from '../server/domain/audit/audit-csv.js';
import { cleanupBenchEnv, createBenchEnv, type BenchEnv } from './lib/env.js';
import { now, pct, round } from './lib/stats.js';

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 2_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const DEEP_PAGES = Number(process.env.BENCH_DEEP_PAGES ?? 100);
const CASES = 200_000;
const CHUNK = 500_000;
const TARGET = { pageP99Ms: 100 };
const log = (s: string) => console.log(s);
/** Weighted by repetition: views and sign-ins dominate, as in the product. 'export.htcds' is written separately (rare). */
const ACTIONS = [
  ...Array(6).fill('contact.view'), ...Array(6).fill('referral.view'), ...Array(3).fill('auth.login'), ...Array(2).fill('auth.logout'),
  'contact.claim', 'contact.claim', 'contact.wrap_up', 'contact.wrap_up', 'contact.message.view', 'contact.recording.play',
  'referral.accept', 'referral.close', 'stats.view', 'audit.viewed', 'user.update',
];

const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50Ms: round(pct(s, 50), 2), p99Ms: round(pct(s, 99), 2), maxMs: round(s[s.length - 1] ?? NaN, 2) };
};
const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length]!;

async function seed(db: Database) {
  await sql`insert into agencies (code, name, type) select 'bench-ag-' || g, 'Cơ quan ' || g, 'district_office' from generate_series(1, 60) g`.execute(db);
  await sql`insert into users (username, display_name, password_hash, role, agency_id)
    select 'bench-u-' || g, 'Người ' || g, 'x',
           (array['operator','supervisor','admin','agency_officer'])[1 + (case when g <= 240 then g % 3 else 3 end)],
           case when g > 240 then (select id from agencies order by id offset g - 241 limit 1) end
    from generate_series(1, 300) g`.execute(db);
  // A bulk load: the indexes are built once afterwards (as the migration defines them), and the entries name their
  // case and agency themselves, so the trigger that derives them is set aside meanwhile (this database is thrown away).
  const indexes = (await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes where tablename = 'audit_log' and indexname <> 'audit_log_pkey'`.execute(db)).rows;
  for (const i of indexes) await sql`drop index ${sql.id(i.indexname)}`.execute(db);
  await sql`alter table audit_log disable trigger audit_log_keys`.execute(db);
  for (let from = 1; from <= ROWS; from += CHUNK) {
    const to = Math.min(ROWS, from + CHUNK - 1);
    const t0 = now();
    await sql`
      insert into audit_log (at, actor_user_id, actor_role, action, entity_type, entity_id, contact_id, agency_id, details)
      select x.at, x.actor, x.role, x.action,
             case when x.action like 'contact.%' then 'contact' when x.action like 'referral.%' then 'referral' when x.action like 'auth.%' then 'user' else 'audit_log' end,
             case when x.action like 'contact.%' then x.contact::text when x.action like 'referral.%' then (x.contact * 2)::text when x.action like 'auth.%' then x.actor::text end,
             case when x.action like 'contact.%' or x.action like 'referral.%' then x.contact end,
             case when x.action like 'referral.%' then x.agency else x.actor_agency end,
             '{}'::jsonb
      from (
        -- Appended in time order, as the product writes (a second's jitter): a year, oldest first.
        select now() - interval '365 days' + (g::float8 / ${ROWS}) * interval '365 days' + random() * interval '1 second' as at,
               u.ids[1 + ((g * 7919) % cardinality(u.ids))::int] as actor,
               u.roles[1 + ((g * 7919) % cardinality(u.ids))::int] as role,
               u.ags[1 + ((g * 7919) % cardinality(u.ids))::int] as actor_agency,
               case when g % 10000 = 0 then 'export.htcds' else (${ACTIONS}::text[])[1 + ((g * 104729) % ${ACTIONS.length})::int] end as action,
               1 + (g * 31337) % ${CASES} as contact,
               ag.ids[1 + ((g * 613) % cardinality(ag.ids))::int] as agency
        from generate_series(${from}::bigint, ${to}::bigint) g,
             (select array_agg(id order by id) ids, array_agg(role order by id) roles, array_agg(agency_id order by id) ags from users) u,
             (select array_agg(id order by id) ids from agencies) ag
      ) x`.execute(db);
    log(`[load] ${to.toLocaleString('en')} entries (${round((now() - t0) / 1000)} s for this chunk)`);
  }
  await sql`alter table audit_log enable trigger audit_log_keys`.execute(db);
  const i0 = now();
  for (const i of indexes) await sql.raw(i.indexdef).execute(db);
  log(`[load] ${indexes.length} indexes built in ${round((now() - i0) / 1000)} s`);
  const t0 = now();
  await sql`analyze audit_log`.execute(db);
  log(`[load] analyze ${round((now() - t0) / 1000)} s`);
}

/**
 * The plan of one page, run (EXPLAIN ANALYZE): the indexes it reads, whether anything scans the log sequentially,
 * PostgreSQL's own execution time and the buffers it touched (the cost of the plan, apart from a busy machine's waits).
 */
async function planOf(db: Database, f: AuditFilters) {
  const c = auditPageQuery(db, f, undefined, 50).compile();
  const r = await db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (analyze, buffers, format json) ${c.sql}`, [...c.parameters]));
  const top = (r.rows[0]!['QUERY PLAN'] as any)[0];
  const nodes: { type: string; index?: string; relation?: string }[] = [];
  const walk = (n: any) => {
    nodes.push({ type: n['Node Type'], index: n['Index Name'], relation: n['Relation Name'] });
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(top.Plan);
  const onLog = nodes.filter((n) => n.relation === 'audit_log' || n.index?.startsWith('audit_log'));
  return {
    indexes: [...new Set(onLog.map((n) => n.index).filter(Boolean))] as string[],
    seqScan: onLog.some((n) => n.type === 'Seq Scan'),
    executionMs: round(top['Execution Time'], 3),
    buffers: (top.Plan['Shared Hit Blocks'] ?? 0) + (top.Plan['Shared Read Blocks'] ?? 0),
  };
}

async function scenarios(db: Database) {
  const users = (await db.selectFrom('users').select(['id', 'role']).execute()).map((u) => u.id);
  const agencies = (await db.selectFrom('agencies').select('id').execute()).map((a) => a.id);
  const day = (i: number) => new Date(Date.now() - (1 + ((i * 37) % 360)) * 86_400_000).toISOString().slice(0, 10);
  const daysBefore = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  return {
    newest: (_i: number): AuditFilters => ({}),
    person: (i: number): AuditFilters => ({ person: pick(users, i) }),
    'action (common)': (_i: number): AuditFilters => ({ action: ['contact.view'] }),
    'action (rare)': (_i: number): AuditFilters => ({ action: ['export.htcds'] }),
    case: (i: number): AuditFilters => ({ case: 1 + ((i * 104729) % CASES) }),
    agency: (i: number): AuditFilters => ({ agency: pick(agencies, i) }),
    'period (1 day)': (i: number): AuditFilters => ({ from: day(i), to: day(i) }),
    'person + 30 days': (i: number): AuditFilters => ({ person: pick(users, i), from: daysBefore(day(i), 29), to: day(i) }),
    'agency + action': (i: number): AuditFilters => ({ agency: pick(agencies, i), action: ['referral.view'] }),
    'case + access actions': (i: number): AuditFilters => ({ case: 1 + ((i * 104729) % CASES), action: ['contact.view', 'referral.view', 'contact.recording.play'] }),
  } satisfies Record<string, (i: number) => AuditFilters>;
}

/** Follows the cursor `pages` pages deep (200 entries a page), timing each page. */
async function deepPages(db: Database, f: AuditFilters, pages: number) {
  const times: number[] = [];
  let cursor: Cursor | undefined;
  for (let i = 0; i < pages; i++) {
    const t0 = now();
    const page = await auditPage(db, f, cursor, 200);
    times.push(now() - t0);
    const last = page.entries.at(-1);
    if (!page.nextCursor || !last) break;
    cursor = { at: last.at, id: String(last.id) };
  }
  return { ...summary(times), lastPageMs: round(times.at(-1) ?? NaN, 2), depth: times.length * 200 };
}

async function main() {
  const env: BenchEnv = await createBenchEnv();
  const result: Record<string, unknown> = { rows: ROWS, rounds: ROUNDS };
  try {
    const t0 = now();
    await seed(env.db);
    result.loadSeconds = round((now() - t0) / 1000);
    const size = await sql<{ table: string; indexes: string }>`
      select pg_size_pretty(pg_table_size('audit_log')) as table, pg_size_pretty(pg_indexes_size('audit_log')) as indexes`.execute(env.db);
    log(`[load] ${ROWS.toLocaleString('en')} entries in ${result.loadSeconds} s; table ${size.rows[0]!.table}, indexes ${size.rows[0]!.indexes}`);

    const filters: Record<string, unknown> = {};
    let worst = 0;
    let allIndexed = true;
    for (const [name, make] of Object.entries(await scenarios(env.db))) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const t = now();
        rows += (await auditPage(env.db, make(i), undefined, 50)).entries.length;
        times.push(now() - t);
      }
      const plan = await planOf(env.db, make(1));
      allIndexed &&= !plan.seqScan;
      const s = summary(times);
      worst = Math.max(worst, s.p99Ms ?? Infinity);
      filters[name] = { ...s, avgRows: round(rows / ROUNDS), ...plan };
      log(`${name.padEnd(22)} p50 ${String(s.p50Ms).padStart(7)} ms  p99 ${String(s.p99Ms).padStart(7)} ms  ` +
        `${String(round(rows / ROUNDS)).padStart(5)} rows  in PostgreSQL ${plan.executionMs} ms, ${plan.buffers} buffers  ` +
        `${plan.seqScan ? 'SEQ SCAN' : 'index'}: ${plan.indexes.join(', ')}`);
    }
    result.filters = filters;

    const agency = (await env.db.selectFrom('agencies').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const deep = { newest: await deepPages(env.db, {}, DEEP_PAGES), agency: await deepPages(env.db, { agency }, DEEP_PAGES) };
    for (const [k, d] of Object.entries(deep))
      log(`deep pages (${k}): ${d.depth.toLocaleString('en')} entries in pages of 200; p50 ${d.p50Ms} ms, p99 ${d.p99Ms} ms, last page ${d.lastPageMs} ms`);
    result.deepPages = deep;

    const e0 = now();
    let exported = 0;
    let bytes = 0;
    for await (const batch of auditBatches(env.db, {}, 100_000)) {
      exported += batch.length;
      bytes += Buffer.byteLength(auditCsvRows(batch, 'vi'));
    }
    result.export = { rows: exported, ms: round(now() - e0), mb: round(bytes / 1e6, 1) };
    log(`CSV export of ${exported.toLocaleString('en')} entries: ${round((now() - e0) / 1000, 2)} s, ${round(bytes / 1e6, 1)} MB`);

    result.indexed = allIndexed;
    result.worstPageP99Ms = round(worst, 2);
    result.passed = allIndexed && worst <= TARGET.pageP99Ms;
    log(`${result.passed ? 'PASS' : 'FAIL'}: every filter indexed ${allIndexed}; worst page p99 ${round(worst, 2)} ms (target ≤ ${TARGET.pageP99Ms} ms)`);
  } finally {
    await cleanupBenchEnv(env);
  }
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
