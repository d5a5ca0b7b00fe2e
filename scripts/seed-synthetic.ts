/**
 * `npm run seed:synthetic -- --contacts N [--referrals M] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--batch B]`
 *
 * Appends N synthetic contacts (and their victims, about M referrals, SLA clocks and support) to the database of
 * DATABASE_URL, for the demo and the benchmarks. It appends every time it runs: run it once on a fresh database, or
 * drop the database to start again. Loads the unit datasets and the demo agencies first when the database has none.
 * Defaults: M = N / 10, received over the three years up to today.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { createDatabase } from '../server/db/database.js';
import { ensureDatabase } from '../server/db/ensure-database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { createFieldCrypto } from '../server/domain/crypto/field-crypto.js';
import { generateSynthetic } from '../server/domain/synthetic/generate.js';
import { localMidnight, nextDay } from '../server/domain/reports/scope.js';
import { vnDay } from '../shared/time.js';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string' },
    referrals: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    batch: { type: 'string' },
  },
});
const contacts = Number(values.contacts);
if (!Number.isInteger(contacts) || contacts <= 0) {
  console.error('usage: npm run seed:synthetic -- --contacts N [--referrals M] [--from YYYY-MM-DD] [--to YYYY-MM-DD]');
  process.exit(2);
}
const today = vnDay();
const to = values.to ?? today;
const from = values.from ?? `${Number(to.slice(0, 4)) - 3}${to.slice(4)}`;
if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || to < from) {
  console.error('--from and --to must be dates YYYY-MM-DD, --to not before --from');
  process.exit(2);
}

const config = loadConfig();
await ensureDatabase(config.DATABASE_URL);
const db = createDatabase(config.DATABASE_URL, { max: 2 });
try {
  await migrateToLatest(db, createFieldCrypto(config.DATA_KEY));
  const end = new Date(Math.min(localMidnight(nextDay(to)).getTime(), Date.now()));
  const counts = await generateSynthetic(db, {
    contacts,
    referrals: values.referrals ? Number(values.referrals) : Math.round(contacts / 10),
    from: localMidnight(from),
    to: end,
    batch: values.batch ? Number(values.batch) : undefined,
    log: (l) => console.log(l),
    crypto: createFieldCrypto(config.DATA_KEY),
  });
  console.log(JSON.stringify(counts));
} finally {
  await db.destroy();
}
