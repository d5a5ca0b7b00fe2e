import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { importSeed } from '../domain/seed/seed-import.js';
import { importUnitsCsv } from '../domain/units/units-import.js';
import { countUsers } from '../domain/users/users.repo.js';
import type { Logger } from '../logger.js';
import { DATA_DIR, SEED_DIR } from '../paths.js';
import { verifyPassword } from '../domain/auth/passwords.js';

export interface DemoLogin {
  role: string;
  username: string;
  password: string;
  description: string;
}

const DEMO_PASSWORD = 'hotline111-demo';
const DEMO_LOGINS: DemoLogin[] = [
  { role: 'operator', username: 'operator', password: DEMO_PASSWORD, description: 'hotline operator (Nguyễn Thị Lan)' },
  { role: 'supervisor', username: 'supervisor', password: DEMO_PASSWORD, description: 'hotline supervisor (Trần Văn Minh)' },
  { role: 'agency_officer', username: 'vixuyen', password: DEMO_PASSWORD, description: 'officer of the Vị Xuyên district labour office (Hà Giang)' },
  { role: 'agency_officer', username: 'shelter', password: DEMO_PASSWORD, description: 'officer of the Hà Giang provincial shelter' },
  { role: 'agency_officer', username: 'hagiang', password: DEMO_PASSWORD, description: 'officer of the Hà Giang provincial department (parent of the district offices)' },
  { role: 'admin', username: 'admin', password: DEMO_PASSWORD, description: 'system administrator' },
];

const UNIT_FILES = [
  { file: 'vn-admin-units-2023-seed-provinces.csv', dataset: 'vn-2023' },
  { file: 'vn-admin-units-2025.csv', dataset: 'vn-2025' },
] as const;


/**
 * Loads both unit datasets and the demo agencies and users, only into a database without users,
 * and returns the demo logins; returns null when there are users already. Safe to call at every start:
 * a transaction-scoped advisory lock keeps two processes starting together from both loading.
 */
export async function loadDemoDataIfEmpty(db: Database, log: Logger): Promise<DemoLogin[] | null> {
  if ((await countUsers(db)) > 0) return null;
  const csvs = await Promise.all(UNIT_FILES.map((f) => readFile(path.join(DATA_DIR, f.file), 'utf8')));
  const seed: unknown = JSON.parse(await readFile(path.join(SEED_DIR, 'demo-seed.json'), 'utf8'));
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('hotline111:demo-data'))`.execute(tx);
    if ((await countUsers(tx)) > 0) return null;
    for (const [i, f] of UNIT_FILES.entries()) {
      const c = await importUnitsCsv(tx, csvs[i]!, f.dataset);
      log.info(`demo data: ${f.dataset} units ${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged`);
    }
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
