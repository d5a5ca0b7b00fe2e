import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/index.js';
import { createLogger, type Logger } from '../../server/logger.js';
import { createSession, newSessionToken, sessionIdFor } from '../../server/domain/auth/sessions.repo.js';
import { systemClock, type AppContext, type Clock } from '../../server/app-context.js';
import { hashPassword } from '../../server/domain/auth/passwords.js';
import { createFieldCrypto } from '../../server/domain/crypto/field-crypto.js';
import { createQueues } from '../../server/queues.js';
import { insertUser } from '../../server/domain/users/users.repo.js';
import { startHttpServer, type RunningServer } from '../../server/http-server.js';
import { testConfig, testEnv } from './test-env.js';
import { FakeTwilioHttp } from './twilio.js';
import { createVoicePort } from '../../server/domain/voice/voice-port.js';
import type { Database } from '../../server/db/database.js';

/** The context a process builds at start-up, on this run's database, Redis prefix and queues. */
let isolated = 0;

/** `extra.twilioHttp`: Twilio's REST API replaced at its HTTP client boundary (a fresh recorder unless one is given). */
export function baseContext(
  clock: Clock = systemClock, configOverrides?: Record<string, string>, database?: Database,
  extra: { log?: Logger; twilioHttp?: FakeTwilioHttp } = {},
) {
  const { redis } = testEnv();
  const db = database ?? testEnv().db;
  // A scratch database gets a Redis prefix of its own (queues, socket stream): job ids like notify-7 must never
  // meet another database's rows.
  const prefix = database ? `${testEnv().config.REDIS_PREFIX}_iso${++isolated}` : null;
  const queues = prefix ? createQueues(redis, prefix) : testEnv().queues;
  const config = configOverrides || prefix ? testConfig({ ...configOverrides, ...(prefix && { REDIS_PREFIX: prefix }) }) : testEnv().config;
  const twilioHttp = extra.twilioHttp ?? new FakeTwilioHttp();
  const voice = createVoicePort(config, { httpClient: twilioHttp, fetchMedia: twilioHttp.fetchMedia });
  const log = extra.log ?? createLogger('test', { silent: true });
  return { config, db, redis, queues, crypto: createFieldCrypto(config.DATA_KEY), log, clock, voice };
}

export interface TestApp extends RunningServer {
  baseUrl: string;
  ctx: AppContext;
}

/** Boots the real app (API + Socket.IO) on an ephemeral port against this run's database and Redis. */
export async function startTestApp(
  opts: { clock?: Clock; clientDist?: string; config?: Record<string, string>; port?: number; db?: Database; log?: Logger; twilioHttp?: FakeTwilioHttp } = {},
): Promise<TestApp> {
  const ctx = baseContext(opts.clock, { ...opts.config, ...(opts.port && { PORT: String(opts.port) }) }, opts.db, { log: opts.log, twilioHttp: opts.twilioHttp });
  const server = await startHttpServer(ctx, { clientDist: opts.clientDist ?? '/nonexistent' });
  const close = async () => {
    await server.close();
    if (opts.db) await ctx.queues.close();
  };
  return { ...server, close, baseUrl: `http://127.0.0.1:${server.port}` };
}

const hashes = new Map<string, Promise<string>>();
function cachedHash(password: string) {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
}

/** A fresh user with a unique name (the database is shared by the whole run). */
export async function createTestUser(role: Role, agencyId: number | null = null, db: Database = testEnv().db) {
  const username = `${role.replace('_', '-')}-${randomBytes(4).toString('hex')}`;
  const password = 'correct-horse-battery';
  const id = await insertUser(db, {
    username,
    displayName: `Test ${role}`,
    passwordHash: await cachedHash(password),
    role,
    agencyId,
  });
  return { id, username, password };
}

/** An agency to bind agency officers to. */
export async function createTestAgency(type: 'district_office' | 'shelter' | 'police' = 'district_office') {
  const code = `test-${randomBytes(4).toString('hex')}`;
  const shelter = type === 'shelter' ? { shelter_accepted_sexes: ['female'], shelter_age_min: 0, shelter_age_max: 17, shelter_capacity: 10, shelter_occupancy: 0 } : {};
  const row = await testEnv()
    .db.insertInto('agencies')
    .values({ code, name: `Agency ${code}`, type, ...shelter })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, code };
}

/** A session opened straight in the database (no password check, no login throttle): its cookie ("h111_sid=..."). */
export async function sessionCookie(app: TestApp, userId: number): Promise<string> {
  const token = newSessionToken();
  const { config, db } = app.ctx;
  await createSession(db, { id: sessionIdFor(token, config.SESSION_SECRET), userId, ttlHours: config.SESSION_TTL_HOURS, ip: null, userAgent: null, now: app.ctx.clock.now() });
  return `h111_sid=${token}`;
}

/** Logs in over HTTP and returns the session cookie ("h111_sid=..."). */
export async function loginAs(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('h111_sid='));
  if (!cookie) throw new Error('no session cookie set');
  return cookie.split(';')[0]!;
}

/** fetch with JSON in and out, optionally as a logged-in user. */
export async function api(baseUrl: string, method: string, path: string, opts: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined && { 'content-type': 'application/json' }),
      ...(opts.cookie && { cookie: opts.cookie }),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}
