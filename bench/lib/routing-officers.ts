import { hashPassword } from '../../server/domain/auth/passwords.js';
import { insertUser } from '../../server/domain/users/users.repo.js';
import type { BenchEnv } from './env.js';

/** One officer per agency (one shared argon2 hash), to hold a live inbox console in each agency's room. */
export async function createTestAgencyOfficers(env: BenchEnv, agencyIds: number[]) {
  const password = 'bench-officer-password';
  const passwordHash = await hashPassword(password);
  const out = [];
  for (const agencyId of agencyIds) {
    const username = `bench-officer-${agencyId}`;
    await insertUser(env.db, { username, displayName: `Officer ${agencyId}`, passwordHash, role: 'agency_officer', agencyId });
    out.push({ username, password, agencyId });
  }
  return out;
}
