import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { importSeed } from '../domain/seed/seed-import.js';
import { countUsers } from '../domain/users/users.repo.js';
import type { Logger } from '../logger.js';
import { SEED_DIR } from '../paths.js';
import { verifyPassword } from '../domain/auth/passwords.js';

export interface DemoLogin {
  role: string;
  username: string;
  password: string;
  description: string;
}

const DEMO_PASSWORD = 'hotline111-demo';
const login = (role: string, username: string, description: string): DemoLogin => ({ role, username, password: DEMO_PASSWORD, description });
const DEMO_LOGINS: DemoLogin[] = [
  login('operator', 'operator', 'hotline operator (Nguyễn Thị Lan)'),
  login('supervisor', 'supervisor', 'hotline supervisor (Trần Văn Minh)'),
  login('agency_officer', 'vixuyen', 'officer of the Vị Xuyên commune committee (Tuyên Quang; Hà Giang before 2025)'),
  login('agency_officer', 'congan', 'officer of the Tuyên Quang provincial police'),
  login('agency_officer', 'shelter', 'officer of the Hà Giang social work centre (a shelter, now in Tuyên Quang)'),
  login('agency_officer', 'tuyenquang', 'officer of the Tuyên Quang Department of Health (parent of its communes and shelters)'),
  login('agency_officer', 'bienphong', 'officer of the Tuyên Quang Border Guard command'),
  login('admin', 'admin', 'system administrator'),
];


/** Demo users share a published password: never in production, whatever DEMO_DATA says. */
export function demoDataWanted(config: { NODE_ENV: string; DEMO_DATA: string }): boolean {
  return config.DEMO_DATA === 'auto' && config.NODE_ENV !== 'production';
}

/**
 * Loads the demo agencies and users, only into a database without users and outside production (demoDataWanted), and returns the demo logins; returns null
 * when there are users already. The administrative units are reference data, imported at every start when they
 * changed (ensureReferenceData), not demo data. Safe to call at every start: a transaction-scoped advisory lock
 * keeps two processes starting together from both loading.
 */
export async function loadDemoDataIfEmpty(db: Database, log: Logger, config: { NODE_ENV: string; DEMO_DATA: string }): Promise<DemoLogin[] | null> {
  if (!demoDataWanted(config) || (await countUsers(db)) > 0) return null;
  const seed: unknown = JSON.parse(await readFile(path.join(SEED_DIR, 'demo-seed.json'), 'utf8'));
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('hotline111:demo-data'))`.execute(tx);
    if ((await countUsers(tx)) > 0) return null;
    const { agencies, users } = await importSeed(tx, seed);
    log.info(`demo data: ${agencies.inserted + agencies.updated} agencies, ${users.inserted} users`);
    return DEMO_LOGINS.map((l) => ({ ...l }));
  });
}

/** The demo logins that still work as printed (account active, password unchanged), for the start-up banner. */
export async function workingDemoLogins(db: Database): Promise<DemoLogin[]> {
  const rows = await db
    .selectFrom('users')
    .select(['username', 'password_hash'])
    .where('username', 'in', DEMO_LOGINS.map((l) => l.username))
    .where('active', '=', true)
    .execute();
  const hashes = new Map(rows.map((r) => [r.username, r.password_hash]));
  const ok = await Promise.all(DEMO_LOGINS.map(async (l) => hashes.has(l.username) && verifyPassword(hashes.get(l.username)!, l.password)));
  return DEMO_LOGINS.filter((_, i) => ok[i]);
}
