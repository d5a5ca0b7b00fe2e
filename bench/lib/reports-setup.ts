import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { hashPassword } from '../../server/domain/auth/passwords.js';
import { insertUser } from '../../server/domain/users/users.repo.js';
import type { BenchEnv } from './env.js';
import { now } from './stats.js';

/**
 * server/main.ts in its own process: the API and the workers (reports included) in one process, as `npm start` runs
 * on a single machine. The hardest case for responsiveness: the workbook is built on the same event loop that
 * answers /healthz.
 */
export async function startMonolith(env: BenchEnv, onLine: (line: string) => void): Promise<ChildProcess> {
  const flags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(env.port), DATABASE_URL: env.databaseUrl,
      REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: env.redisPrefix, DEMO_DATA: 'off', OUTBOUND_SMS: 'outbox',
      TWILIO_ACCOUNT_SID: env.twilio.accountSid, TWILIO_AUTH_TOKEN: env.twilio.authToken, TWILIO_FROM_NUMBER: env.twilio.fromNumber,
      PUBLIC_BASE_URL: env.publicBaseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!])
    stream.setEncoding('utf8').on('data', (d: string) => d.split('\n').forEach((l) => l && onLine(l)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode != null) throw new Error(`server exited with ${child.exitCode}`);
    if (await fetch(`${env.baseUrl}/healthz`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new Error('server did not answer /healthz within 60 s');
}

/** A supervisor, and an officer of the agency with the most referrals (its statistics are the largest agency scope). */
export async function reportUsers(db: Database) {
  const password = `bench-${randomBytes(6).toString('hex')}`;
  const passwordHash = await hashPassword(password);
  const busiest = await sql<{ agency_id: number }>`
    select agency_id from referrals where agency_id is not null group by 1 order by count(*) desc limit 1`.execute(db);
  const agencyId = busiest.rows[0]!.agency_id;
  await insertUser(db, { username: 'bench-supervisor', displayName: 'Bench supervisor', passwordHash, role: 'supervisor', agencyId: null });
  await insertUser(db, { username: 'bench-officer', displayName: 'Bench officer', passwordHash, role: 'agency_officer', agencyId });
  return { supervisor: { username: 'bench-supervisor', password }, officer: { username: 'bench-officer', password }, agencyId };
}

/** The areas the statistics are asked for: provinces of both datasets, a district, the busiest commune. */
export async function benchAreas(db: Database): Promise<{ name: string; id: number }[]> {
  const r = await sql<{ name: string; id: number }>`
    (select 'province ' || dataset || ' ' || code as name, id from admin_units
      where level = 'province' and ((dataset = 'vn-2025' and code in ('01', '08', '14', '79')) or (dataset = 'vn-2023' and code = '02')) order by dataset desc, code)
    union all
    (select 'district vn-2023 ' || code, id from admin_units where dataset = 'vn-2023' and level = 'district' order by code limit 1)
    union all
    (select 'commune (busiest)', location_unit_id from contacts where location_unit_id is not null group by 2 order by count(*) desc limit 1)`.execute(db);
  return r.rows;
}

/** Samples GET /healthz every `everyMs` until stopped: the latencies (ms) it saw. */
export function healthProbe(baseUrl: string, everyMs = 20) {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = now();
      await fetch(`${baseUrl}/healthz`).then((r) => r.arrayBuffer(), () => undefined);
      samples.push(now() - t0);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop(): Promise<number[]> {
      running = false;
      await loop;
      return samples;
    },
  };
}
