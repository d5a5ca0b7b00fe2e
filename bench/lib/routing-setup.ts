import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { ensureDefaultRules } from '../../server/domain/routing/rules.repo.js';
import { ensureDefaultSlaPolicies } from '../../server/domain/sla/policies.repo.js';
import { importSeed } from '../../server/domain/seed/seed-import.js';
import { importReferenceFiles, readBundledFiles } from '../../server/domain/units/reference-data.js';
import { SEED_DIR } from '../../server/paths.js';
import { createOperators, login, startServer, type BenchEnv } from './env.js';
import { isError } from './log-lines.js';

/** Both unit structures with the 2025 crosswalk, the demo agencies and the default routing rules: what a real deployment starts with. */
export async function loadRoutingData(db: Database): Promise<void> {
  await importReferenceFiles(db, await readBundledFiles());
  await importSeed(db, JSON.parse(readFileSync(path.join(SEED_DIR, 'demo-seed.json'), 'utf8')));
  await ensureDefaultRules(db);
  await ensureDefaultSlaPolicies(db);
  // Autovacuum is off on these machines: the planner needs to know what was just loaded.
  await sql`analyze agencies, agency_units, users, routing_rules, sla_policies`.execute(db);
}

/**
 * Where the bench's cases happen, as callers name them: every commune of the seed provinces on today's map, and every
 * commune of the four seed provinces on the old map, each with the office routing gives it today (the commune committee
 * of the commune its ground became; for a divided old commune, the Department of Health of the province).
 */
export async function communesWithOffices(db: Database): Promise<{ dataset: 'vn-2023' | 'vn-2025'; code: string; agencyId: number }[]> {
  const r = await sql<{ dataset: 'vn-2023' | 'vn-2025'; code: string; agency_id: number }>`
    with places as (
      select c.id, c.dataset, c.code from admin_units c
       where c.level = 'commune' and ((c.dataset = 'vn-2025' and c.parent_code in ('08', '14', '92'))
          or (c.dataset = 'vn-2023' and c.parent_id in (select id from admin_units where dataset = 'vn-2023' and parent_code in ('02', '08', '14', '94'))))
    ), offices as (
      select p.dataset, p.code, a.id as agency_id,
             row_number() over (partition by p.id order by a.type = 'commune_committee' desc, cu.ground_size, a.id) as n
        from places p join unit_cover uc on uc.unit_id = p.id join admin_units cu on cu.id = uc.cover_id
        join agency_units au on au.unit_id = cu.id
        join agencies a on a.id = au.agency_id and a.valid_to is null
                        and (a.type = 'commune_committee' or (a.type = 'provincial_department' and cu.level = 'province'))
    )
    select dataset, code, agency_id from offices where n = 1 order by dataset desc, code`.execute(db);
  return r.rows.map((x) => ({ dataset: x.dataset, code: x.code, agencyId: x.agency_id }));
}

/** Contacts already claimed by an operator, waiting for their wrap-up (the measured step starts at the wrap-up). */
export async function claimedContacts(db: Database, operatorId: number, n: number): Promise<number[]> {
  const r = await sql<{ id: number }>`
    insert into contacts (channel, status, claimed_by, claimed_at, received_at)
    select 'voice', 'in_progress', ${operatorId}, now(), now() from generate_series(1, ${n}) returning id`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

/** workers/main.ts in its own process, as production runs it. */
export function startWorkersProcess(env: BenchEnv, onLine: (l: string) => void): ChildProcess {
  // BENCH_WORKER_FLAGS adds node flags to the workers only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const flags = (process.env.BENCH_WORKER_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'workers/main.ts'], {
    env: {
      ...process.env, DATABASE_URL: env.databaseUrl, REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: env.redisPrefix, DEMO_DATA: 'off',
      TWILIO_ACCOUNT_SID: env.twilio.accountSid, TWILIO_AUTH_TOKEN: env.twilio.authToken, TWILIO_FROM_NUMBER: env.twilio.fromNumber,
      PUBLIC_BASE_URL: env.publicBaseUrl, OUTBOUND_SMS: 'outbox',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (d: string) => d.split('\n').forEach((l) => l && !l.includes('[outbox]') && onLine(l)));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => d.split('\n').forEach((l) => l && onLine(l)));
  return child;
}

/**
 * What the routing-side benchmarks start from: the reference data and demo agencies, one operator logged in, the
 * server and the workers in their own processes (the workers' warnings/errors and the server's errors printed).
 */
export async function startRoutingStack(env: BenchEnv, log: (line: string) => void, isProblem: (line: string) => boolean) {
  await loadRoutingData(env.db);
  const communes = await communesWithOffices(env.db);
  const [op] = await createOperators(env, 1);
  const opId = (await env.db.selectFrom('users').select('id').where('username', '=', op!.username).executeTakeFirstOrThrow()).id;
  const server = await startServer(env, (l) => isError(l) && log(`[server] ${l}`));
  const workers = startWorkersProcess(env, (l) => isProblem(l) && log(`[workers] ${l}`));
  await new Promise((r) => setTimeout(r, 3000));
  const cookie = await login(env.baseUrl, op!.username, op!.password);
  return { communes, opId, cookie, server, workers };
}
