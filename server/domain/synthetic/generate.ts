import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';
import { rebuildRollups } from '../reports/rollup.js';
import { insertClocks, insertReferrals, insertSupport, insertVictims } from './cases-sql.js';
import { insertContacts } from './contacts-sql.js';
import { createLookupTables, ensureBaseData } from './setup.js';

export interface SyntheticOptions {
  contacts: number;
  /** About this many referrals (the share of contacts that are cases is set from it). */
  referrals: number;
  from: Date;
  to: Date;
  /** Contacts per transaction. */
  batch?: number;
  /** Statuses and SLA states are computed as seen at this moment. */
  now?: Date;
  log?: (line: string) => void;
  /** DATA_KEY's crypto: declined and unsuccessful referrals get a (synthetic) reason, stored encrypted. Without it, none. */
  crypto?: FieldCrypto;
}

export interface SyntheticCounts {
  contacts: number;
  cases: number;
  victims: number;
  referrals: number;
  clocks: number;
  support: number;
  seconds: number;
}

/** Referrals per case the track rules produce on average (primary, police, shelter, Border Guard, re-routes). */
const REFERRALS_PER_CASE = 1.44;

/**
 * Appends synthetic contacts, victims, referrals, SLA clocks and support records (it never deletes: run it on an
 * empty or throwaway database). Set-based SQL in batches on one connection, one transaction per batch, so 2M contacts
 * take minutes; the statistics rollup is rebuilt at the end. No personal data: no phone, name, narrative or birth date.
 */
export async function generateSynthetic(db: Database, o: SyntheticOptions): Promise<SyntheticCounts> {
  const log = o.log ?? (() => {});
  const started = Date.now();
  const now = o.now ?? new Date();
  const batch = o.batch ?? 100_000;
  const caseShare = Math.min(0.5, o.referrals / Math.max(1, o.contacts * REFERRALS_PER_CASE));
  const recordedBy = await ensureBaseData(db, log);
  const reasons = {
    declined: o.crypto?.encrypt('Không thuộc địa bàn (dữ liệu mô phỏng)') ?? null,
    notSuccessful: o.crypto?.encrypt('Không liên lạc được (dữ liệu mô phỏng)') ?? null,
  };
  const totals: SyntheticCounts = { contacts: 0, cases: 0, victims: 0, referrals: 0, clocks: 0, support: 0, seconds: 0 };
  await db.connection().execute(async (conn) => {
    // Bulk statements with large estimated costs: compiling them (JIT) would take longer than running them.
    await sql`set jit = off`.execute(conn);
    const units = await createLookupTables(conn);
    log(`lookup: ${units.units2025} weighted communes (2025), ${units.units2023} (three-tier seed provinces); case share ${(caseShare * 100).toFixed(2)} %`);
    for (let done = 0; done < o.contacts; done += batch) {
      const n = Math.min(batch, o.contacts - done);
      await sql`begin`.execute(conn);
      try {
        await sql`truncate syn_cases, syn_refs`.execute(conn);
        totals.cases += await insertContacts(conn, { n, from: o.from, to: o.to, caseShare, ...units });
        totals.victims += await insertVictims(conn);
        totals.referrals += await insertReferrals(conn, now, reasons);
        totals.clocks += await insertClocks(conn, now);
        totals.support += await insertSupport(conn, recordedBy, now);
        await sql`commit`.execute(conn);
      } catch (e) {
        await sql`rollback`.execute(conn);
        throw e;
      }
      totals.contacts += n;
      log(`${totals.contacts.toLocaleString('en')} / ${o.contacts.toLocaleString('en')} contacts, ${totals.cases} cases, ${totals.victims} victims, ` +
        `${totals.referrals} referrals, ${totals.clocks} clocks, ${totals.support} support records (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await sql`drop table if exists syn_units, syn_unit_agency, syn_cases, syn_refs`.execute(conn);
  });
  log('rebuilding the statistics rollup…');
  await rebuildRollups(db);
  // A bulk load: set the visibility map now (the statistics read covering indexes) rather than wait for autovacuum.
  await sql`vacuum (analyze) contacts, contact_victims, referrals, sla_clocks, referral_support, report_contact_daily, report_case_daily, report_victim_daily,
                   report_contact_changes, report_victim_changes`.execute(db); // the rebuild emptied the change logs: reclaim them now
  totals.seconds = Math.round((Date.now() - started) / 100) / 10;
  return totals;
}
