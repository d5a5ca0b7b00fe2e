import { expect } from 'chai';
import { sql } from 'kysely';
import { createDatabase } from '../../server/db/database.js';
import { dropDatabase, ensureDatabase } from '../../server/db/ensure-database.js';
import { migrateDown, migrateToLatest } from '../../server/db/migrate.js';
import { allMigrations } from '../../server/db/migrations/index.js';
import { createFieldCrypto } from '../../server/domain/crypto/field-crypto.js';
import { testEnv } from '../support/test-env.js';

describe('migrations', () => {
  const url = () => testEnv().config.DATABASE_URL.replace(/\/([^/]+)$/, '/$1_mig');

  it('create the database when missing, apply from zero, are idempotent, and roll back', async () => {
    expect(await ensureDatabase(url())).to.equal(true);
    expect(await ensureDatabase(url())).to.equal(false);
    const db = createDatabase(url(), { max: 2 });
    const crypto = createFieldCrypto(testEnv().config.DATA_KEY);
    try {
      const applied = await migrateToLatest(db, crypto);
      expect(applied).to.deep.equal(Object.keys(allMigrations(crypto)));
      expect(await migrateToLatest(db, crypto)).to.deep.equal([]);
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(db);
      expect(tables.rows.map((r) => r.table_name)).to.include.members([
        'admin_units', 'agencies', 'agency_units', 'users', 'sessions', 'audit_log',
      ]);
      for (let i = 0; i < applied.length; i++) await migrateDown(db, crypto);
      const left = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.tables
        where table_schema = 'public' and table_name not like 'kysely_%'`.execute(db);
      expect(left.rows[0]!.n).to.equal(0);
    } finally {
      await db.destroy();
      await dropDatabase(url());
    }
  });

  it('enforce the rules in the schema: an agency officer needs an agency, codes are digits', async () => {
    const { db } = testEnv();
    let err: unknown = null;
    try {
      await db.insertInto('users').values({ username: `x-${Date.now()}`, display_name: 'x', password_hash: 'x', role: 'agency_officer', agency_id: null }).execute();
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.match(/users_agency_iff_officer/);
    err = null;
    try {
      // Units are written by the owner's imports only (the app role may not): the check holds for the owner.
      await testEnv().owner.insertInto('admin_units').values({ dataset: 'vn-2025', code: '8', level: 'province', name: 'x', parent_code: null, parent_id: null }).execute();
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.match(/admin_units_code_digits/);
  });
});
