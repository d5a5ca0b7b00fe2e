import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { createDatabase, type Database } from '../../server/db/database.js';
import { dropDatabase, ensureDatabase } from '../../server/db/ensure-database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { loadConfig } from '../../server/config.js';
import { createFieldCrypto } from '../../server/domain/crypto/field-crypto.js';
import { hashPassword } from '../../server/domain/auth/passwords.js';
import { insertUser } from '../../server/domain/users/users.repo.js';

/** A throwaway database, Redis prefix and server process for one benchmark run; everything goes in cleanup(). */
export interface BenchEnv {
  runId: string;
  databaseUrl: string;
  redisPrefix: string;
  db: Database;
  twilio: { accountSid: string; authToken: string; fromNumber: string };
  port: number;
  baseUrl: string;
  /** The public URL Twilio would have called (webhooks are signed for it); never contacted. */
  publicBaseUrl: string;
}

const PG_BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = 'redis://127.0.0.1:6379';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function createBenchEnv(): Promise<BenchEnv> {
  const runId = `${Date.now()}_${randomBytes(2).toString('hex')}`;
  const databaseUrl = PG_BASE.replace(/\/[^/]*$/, `/hotline111_bench_${runId}`);
  await ensureDatabase(databaseUrl);
  const db = createDatabase(databaseUrl, { max: 4, applicationName: 'hotline111-bench' });
  await migrateToLatest(db, createFieldCrypto(loadConfig().DATA_KEY)); // the key the server child gets (the same environment)
  const port = await freePort();
  return {
    runId,
    databaseUrl,
    redisPrefix: `h111bench_${runId}`,
    db,
    twilio: { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex'), fromNumber: '+84240000111' },
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    publicBaseUrl: 'https://hotline111.bench.invalid',
  };
}

/** Operators straight into the users table (one argon2 hash shared by all). */
export async function createOperators(env: BenchEnv, n: number): Promise<{ username: string; password: string }[]> {
  const password = `bench-${randomBytes(6).toString('hex')}`;
  const passwordHash = await hashPassword(password);
  const users = [];
  for (let i = 0; i < n; i++) {
    const username = `bench-op-${String(i).padStart(2, '0')}`;
    await insertUser(env.db, { username, displayName: `Bench operator ${i}`, passwordHash, role: 'operator', agencyId: null });
    users.push({ username, password });
  }
  return users;
}

/** server/server-main.ts in its own process, so the load generator never shares its event loop. */
export async function startServer(env: BenchEnv, onLine: (line: string) => void): Promise<ChildProcess> {
  // BENCH_SERVER_FLAGS adds node flags to the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const flags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'server/server-main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(env.port),
      DATABASE_URL: env.databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: env.redisPrefix,
      DEMO_DATA: 'off',
      TWILIO_ACCOUNT_SID: env.twilio.accountSid,
      TWILIO_AUTH_TOKEN: env.twilio.authToken,
      TWILIO_FROM_NUMBER: env.twilio.fromNumber,
      PUBLIC_BASE_URL: env.publicBaseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // BENCH_SERVER_LOG=/tmp/server.log keeps everything the server prints (e.g. with BENCH_SERVER_FLAGS=--trace-gc).
  const keep = process.env.BENCH_SERVER_LOG ? createWriteStream(process.env.BENCH_SERVER_LOG) : null;
  for (const stream of [child.stdout!, child.stderr!]) {
    if (keep) stream.on('data', (d: Buffer | string) => keep.write(d));
    let buf = '';
    stream.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      const lines = buf.split('\n');
      buf = lines.pop()!;
      lines.forEach((l) => l && onLine(l));
    });
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode != null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${env.baseUrl}/healthz`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new Error('server did not answer /healthz within 30 s');
}

export async function stopProcess(child: ChildProcess | null | undefined, timeoutMs = 12_000): Promise<void> {
  if (!child || child.exitCode != null || child.signalCode != null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('h111_sid='));
  if (!cookie) throw new Error('no session cookie set');
  return cookie.split(';')[0]!;
}

/**
 * Logs many users in, a few at a time: the login throttle reserves each attempt under the address's limit before
 * the password is checked (50 at once from one address), so hundreds of simultaneous logins would be refused.
 */
export async function loginAll(baseUrl: string, users: { username: string; password: string }[], atOnce = 10): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < users.length; i += atOnce)
    cookies.push(...(await Promise.all(users.slice(i, i + atOnce).map((u) => login(baseUrl, u.username, u.password)))));
  return cookies;
}

/** Drops the database and every Redis key under the run's prefix. */
export async function cleanupBenchEnv(env: BenchEnv): Promise<void> {
  await env.db.destroy().catch(() => {});
  // BENCH_KEEP_DATABASE=1 leaves the database for a look afterwards (EXPLAIN, counts); drop it by hand.
  if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept ${env.databaseUrl}`);
  else await dropDatabase(env.databaseUrl);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.redisPrefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
