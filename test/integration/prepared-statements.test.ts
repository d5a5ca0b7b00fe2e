import { expect } from 'chai';
import { sql } from 'kysely';
import { createDatabase, type Database } from '../../server/db/database.js';
import { testEnv } from '../support/test-env.js';

/** What PostgreSQL holds as prepared on the one connection `fn` runs on. */
async function onOneConnection(db: Database, fn: (conn: Database) => Promise<void>) {
  return db.connection().execute(async (conn) => {
    await fn(conn as unknown as Database);
    const r = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn);
    return r.rows;
  });
}

describe('prepared statements for repeated queries', () => {
  let db: Database;
  before(() => {
    db = createDatabase(testEnv().config.DATABASE_URL, { max: 1 });
  });
  after(() => db.destroy());

  it('names a statement from its third run on, and it keeps answering with the right rows', async () => {
    const results: number[] = [];
    const prepared = await onOneConnection(db, async (conn) => {
      for (let i = 1; i <= 6; i++) results.push((await sql<{ n: number }>`select ${i}::int + 1000 as n`.execute(conn)).rows[0]!.n);
    });
    expect(results).to.deep.equal([1001, 1002, 1003, 1004, 1005, 1006]);
    const mine = prepared.filter((p) => p.statement.includes('+ 1000'));
    expect(mine).to.have.length(1);
    expect(mine[0]!.name).to.match(/^h111_[0-9a-f]{20}$/);
  });

  it('leaves statements seen once or twice, transaction control, multi-statement text and opted-out batches unnamed', async () => {
    const prepared = await onOneConnection(db, async (conn) => {
      for (let i = 0; i < 2; i++) await sql`select ${i}::int + 2000 as n`.execute(conn);
      for (let i = 0; i < 4; i++) await sql`select 3000 as a; select 3001 as b`.execute(conn);
      for (let i = 0; i < 4; i++) await sql`show server_version`.execute(conn);
      for (let i = 0; i < 4; i++) await sql`/* unprepared: a batch */ select ${i}::int + 4000 as n`.execute(conn);
    });
    const texts = prepared.map((p) => p.statement);
    expect(texts.some((t) => t.includes('2000'))).to.equal(false);
    expect(texts.some((t) => t.includes('3000'))).to.equal(false);
    expect(texts.some((t) => /show server_version/i.test(t))).to.equal(false);
    expect(texts.some((t) => t.includes('4000'))).to.equal(false); // opted out with a leading comment
  });

  it('a prepared statement that fails (bad value) leaves the connection usable and the statement reusable', async () => {
    const q = (v: string) => sql<{ n: number }>`select ${v}::int * 2 as n`;
    const answers: (number | string)[] = [];
    await onOneConnection(db, async (conn) => {
      for (const v of ['1', '2', '3', 'x', '5']) answers.push(await q(v).execute(conn).then((r) => r.rows[0]!.n, (e: Error) => e.message));
    });
    expect(answers.slice(0, 3)).to.deep.equal([2, 4, 6]);
    expect(answers[3]).to.match(/invalid input syntax for type integer/);
    expect(answers[4]).to.equal(10);
  });
});
