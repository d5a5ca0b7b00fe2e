import { expect } from 'chai';
import { sql } from 'kysely';
import { connectServices, ServiceUnavailableError } from '../../server/bootstrap/services.js';
import { appRoleFor } from '../../server/db/app-role.js';
import { createLogger } from '../../server/logger.js';
import { testConfig, testEnv } from '../support/test-env.js';

const refusal = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (err) {
    return String((err as Error).message);
  }
  return 'succeeded';
};

describe('database roles: the app runs as a role that cannot rewrite history', () => {
  it('runs the tests (as the product) as the app role, which is neither a superuser nor the owner', async () => {
    const { db, config } = testEnv();
    const who = await sql<{ user: string; su: string }>`select current_user as user, current_setting('is_superuser') as su`.execute(db);
    expect(who.rows[0]).to.deep.equal({ user: appRoleFor(config).name, su: 'off' });
  });

  for (const [what, statement] of [
    ['SET session_replication_role = replica', sql`set session_replication_role = replica`],
    ['ALTER TABLE audit_log DISABLE TRIGGER ALL', sql`alter table audit_log disable trigger all`],
    ['ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update', sql`alter table audit_log disable trigger audit_log_no_update`],
    ['UPDATE audit_log', sql`update audit_log set action = 'tampered' where id = (select max(id) from audit_log)`],
    ['DELETE FROM audit_log', sql`delete from audit_log where id = (select max(id) from audit_log)`],
    ['TRUNCATE audit_log', sql`truncate audit_log`],
    ['INSERT INTO admin_units (reference data)', sql`insert into admin_units (dataset, code, level, name) values ('vn-2025', '99', 'province', 'x')`],
    ['SELECT FROM kysely_migration', sql`select * from kysely_migration`],
    ['CREATE TABLE', sql`create table public.intruder (id int)`],
  ] as const) {
    it(`refuses ${what}`, async () => {
      const { db } = testEnv();
      await db.insertInto('audit_log').values({ action: 'test.db-roles' }).execute();
      expect(await refusal(() => statement.execute(db))).to.match(/permission denied|must be owner|must be superuser/);
    });
  }

  it('still does the normal work: reads, writes and appends to the audit log', async () => {
    const { db } = testEnv();
    const row = await db.insertInto('audit_log').values({ action: 'test.db-roles.append' }).returning('id').executeTakeFirstOrThrow();
    expect(row.id).to.be.a('number');
    const agency = await db.insertInto('agencies').values({ code: `roles-${Date.now()}`, name: 'Roles', type: 'police' }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('agencies').set({ name: 'Roles 2' }).where('id', '=', agency.id).execute();
    await db.deleteFrom('agencies').where('id', '=', agency.id).execute();
    expect((await db.selectFrom('admin_units').select('id').limit(1).execute()).length).to.be.at.most(1);
  });

  it('refuses to start when APP_DATABASE_URL is the owner (a superuser here)', async () => {
    const base = testConfig();
    const err = await connectServices(testConfig({ APP_DATABASE_URL: base.DATABASE_URL }), { migrate: true, log: createLogger('test', { silent: true }) }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ServiceUnavailableError);
    expect((err as Error).message).to.match(/superuser|owns the tables/);
  });

  it('grants an administrator-created role named by APP_DATABASE_URL what the app needs', async () => {
    const base = testConfig();
    const name = `${new URL(base.DATABASE_URL).pathname.slice(1)}_own`;
    await sql`create role ${sql.id(name)} login`.execute(testEnv().owner);
    try {
      const url = new URL(base.DATABASE_URL);
      url.username = name;
      const services = await connectServices(testConfig({ APP_DATABASE_URL: url.toString() }), { migrate: true, log: createLogger('test', { silent: true }) });
      try {
        const who = await sql<{ user: string }>`select current_user as user`.execute(services.db);
        expect(who.rows[0]!.user).to.equal(name);
        expect(await services.db.selectFrom('users').select('id').limit(1).execute()).to.be.an('array');
        expect(await refusal(() => sql`delete from audit_log`.execute(services.db))).to.match(/permission denied/);
      } finally {
        services.redis.disconnect();
        await Promise.all([services.db.destroy(), services.owner.destroy()]);
      }
    } finally {
      await sql`drop owned by ${sql.id(name)}`.execute(testEnv().owner);
      await sql`drop role ${sql.id(name)}`.execute(testEnv().owner);
    }
  });
});
