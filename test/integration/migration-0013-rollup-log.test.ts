import { expect } from 'chai';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { migrateTo, migrateToLatest } from '../../server/db/migrate.js';
import { refreshRollups } from '../../server/domain/reports/rollup.js';
import { migrationDatabase } from '../support/migration-database.js';

describe('migration 0013: the statistics rollups fed by change logs instead of whole days', function () {
  this.timeout(90_000);

  const m = migrationDatabase('m13');
  let db: Database;
  before(() => (db = m.db));

  const dirtyDays = async () => (await sql<{ day: string }>`select distinct day::text as day from report_dirty_days order by 1`.execute(db)).rows.map((r) => r.day);
  const logged = async () => (await sql<{ kind: string }>`select kind from report_contact_changes order by seq`.execute(db)).rows.map((r) => r.kind);
  const contact = (at: string) => sql`insert into contacts (channel, status, received_at) values ('sms', 'closed', ${at}) returning id`.execute(db);
  const nationally = async () => (await sql<{ day: string; n: number }>`
    select day::text as day, sum(n)::int as n from report_contact_daily where area_id = 0 group by 1 order by 1`.execute(db)).rows;

  it('takes over from the day log without losing a day logged before it, and logs changes, not days', async () => {
    await migrateTo(db, '0012-encrypt-free-text', m.crypto());
    await contact('2025-03-10T09:00:00+07:00');
    expect(await dirtyDays()).to.deep.equal(['2025-03-10']);

    expect(await migrateToLatest(db, m.crypto())).to.include('0013-rollup-change-log');
    await contact('2025-03-11T09:00:00+07:00');
    await sql`update contacts set classification = 'not_relevant' where received_at < '2025-03-11'`.execute(db);
    await sql`update contacts set unread_messages = 3`.execute(db); // not counted: not logged
    expect(await dirtyDays(), 'changes are no longer logged as days').to.deep.equal(['2025-03-10']);
    expect(await logged()).to.deep.equal(['i', 'u']);

    expect(await refreshRollups(db)).to.deep.equal({ days: 1, contacts: 2 });
    expect(await nationally()).to.deep.equal([{ day: '2025-03-10', n: 1 }, { day: '2025-03-11', n: 1 }]);
    expect(await logged()).to.deep.equal([]);
  });

  it('rolls back to the day log: a change not folded yet marks its day for recounting', async () => {
    await contact('2025-03-12T09:00:00+07:00');
    await migrateTo(db, '0012-encrypt-free-text', m.crypto()); // back to before 0013, whatever came after it
    expect(await dirtyDays()).to.deep.equal(['2025-03-12']);
    expect((await sql`select 1 from pg_class where relname = 'report_contact_changes'`.execute(db)).rows).to.have.length(0);
    await contact('2025-03-13T09:00:00+07:00'); // 0005's trigger again
    expect(await dirtyDays()).to.deep.equal(['2025-03-12', '2025-03-13']);
    expect(await migrateToLatest(db, m.crypto())).to.include('0013-rollup-change-log');
  });
});
