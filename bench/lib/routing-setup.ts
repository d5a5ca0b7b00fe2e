import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { ensureDefaultRules } from '../../server/domain/routing/rules.repo.js';
import { ensureDefaultSlaPolicies } from '../../server/domain/sla/policies.repo.js';
import { importSeed } from '../../server/domain/seed/seed-import.js';
import { importUnitsCsv } from '../../server/domain/units/units-import.js';
import { DATA_DIR, SEED_DIR } from '../../server/paths.js';
import type { BenchEnv } from './env.js';

/** Both unit datasets, the demo agencies and the default routing rules: the routing a real deployment starts with. */
export async function loadRoutingData(db: Database): Promise<void> {
  await importUnitsCsv(db, readFileSync(path.join(DATA_DIR, 'vn-admin-units-2023-seed-provinces.csv'), 'utf8'), 'vn-2023');
  await importUnitsCsv(db, readFileSync(path.join(DATA_DIR, 'vn-admin-units-2025.csv'), 'utf8'), 'vn-2025');
  await importSeed(db, JSON.parse(readFileSync(path.join(SEED_DIR, 'demo-seed.json'), 'utf8')));
  await ensureDefaultRules(db);
  await ensureDefaultSlaPolicies(db);
}

/** Communes of the three-tier dataset with the district office that covers them: where the bench's cases happen. */
export async function communesWithOffices(db: Database): Promise<{ code: string; agencyId: number }[]> {
  const r = await sql<{ code: string; agency_id: number }>`
    select c.code, au.agency_id from admin_units c
    join agency_units au on au.unit_id = c.parent_id
    join agencies a on a.id = au.agency_id and a.type = 'district_office'
    where c.dataset = 'vn-2023' and c.level = 'commune' order by c.code`.execute(db);
  return r.rows.map((x) => ({ code: x.code, agencyId: x.agency_id }));
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
