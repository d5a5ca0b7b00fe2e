import { expect } from 'chai';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { migrateTo, migrateToLatest } from '../../server/db/migrate.js';
import { migrationDatabase } from '../support/migration-database.js';

/** What people typed before 0012, one text per free-text column (each names a victim, as the attack did). */
const TYPED = {
  decline: 'Không thuộc địa bàn, chị Lan 0912333444 ở xã khác',
  outcome: 'Không liên lạc được với em Hoa (0987000111)',
  pause: 'Chờ Nông Thị Lan an toàn mới gọi',
  resume: 'Đã nói chuyện với Lan',
  resolution: 'Đã gọi Phòng LĐ về ca của em Mai',
  eventNote: 'Giao lại cho xã, nhắc tên em Mai',
};

/** Issue 15, finding 2: the rows already stored are encrypted by the migration, with DATA_KEY's field crypto. */
describe('migration 0012: free text encrypted at rest', function () {
  this.timeout(60_000);
  const m = migrationDatabase('m12');
  const crypto = m.crypto;
  let db: Database;
  before(() => (db = m.db));

  async function storeAsBefore(): Promise<{ referralId: number; clockId: number }> {
    const contact = await sql<{ id: number }>`insert into contacts (channel, status, received_at, call_type, classification)
      values ('voice', 'closed', now(), 'report', 'trafficking') returning id`.execute(db);
    const agency = await sql<{ id: number }>`insert into agencies (code, name, type) values ('m12', 'Xã M12', 'district_office') returning id`.execute(db);
    const referral = await sql<{ id: number }>`insert into referrals (contact_id, track, agency_id, status, priority, why, decline_reason, outcome_reason)
      values (${contact.rows[0]!.id}, 'primary', ${agency.rows[0]!.id}, 'declined', 'trafficking', '{}', ${TYPED.decline}, ${TYPED.outcome}) returning id`.execute(db);
    const referralId = referral.rows[0]!.id;
    const clock = await sql<{ id: number }>`insert into sla_clocks (referral_id, kind, state, priority, target, started_at, due_at, paused_at, pause_reason)
      values (${referralId}, 'acknowledge', 'paused', 'trafficking', '{"value":1,"unit":"hours"}', now(), now() + interval '1 hour', now(), ${TYPED.pause})
      returning id`.execute(db);
    const clockId = clock.rows[0]!.id;
    await sql`insert into sla_clock_pauses (clock_id, paused_at, reason, resumed_at, resume_note) values (${clockId}, now(), ${TYPED.pause}, now(), ${TYPED.resume})`.execute(db);
    await sql`insert into sla_escalations (clock_id, referral_id, level, created_at, resolved_at, resolution) values (${clockId}, ${referralId}, 2, now(), now(), ${TYPED.resolution})`.execute(db);
    for (const details of [{ reason: TYPED.decline }, { clock: 'acknowledge', reason: TYPED.pause }, { agencyId: 1, note: TYPED.eventNote, attempt: 2 }, { outcome: 'successful', reason: null }, { clock: 'close', note: '' }])
      await sql`insert into referral_events (referral_id, type, details) values (${referralId}, 'declined', ${JSON.stringify(details)}::jsonb)`.execute(db);
    return { referralId, clockId };
  }

  it('encrypts every stored reason, note and resolution, leaves no plain column, and rolls back to the same text', async () => {
    await migrateTo(db, '0011-voice', crypto());
    const { referralId, clockId } = await storeAsBefore();
    expect(await migrateToLatest(db, crypto())).to.include('0012-encrypt-free-text');

    // Nothing readable anywhere in the rows.
    for (const table of ['referrals', 'sla_clocks', 'sla_clock_pauses', 'sla_escalations', 'referral_events']) {
      const dump = await sql<{ t: string }>`select coalesce(string_agg(row_to_json(x)::text, ''), '') as t from ${sql.table(table)} x`.execute(db);
      for (const text of Object.values(TYPED)) expect(dump.rows[0]!.t, table).not.to.include(text.slice(0, 20));
    }
    const c = crypto();
    const r = await db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
    expect([c.decrypt(r.decline_reason_enc!), c.decrypt(r.outcome_reason_enc!)]).to.deep.equal([TYPED.decline, TYPED.outcome]);
    const k = await db.selectFrom('sla_clocks').selectAll().where('id', '=', clockId).executeTakeFirstOrThrow();
    expect(c.decrypt(k.pause_reason_enc!)).to.equal(TYPED.pause);
    const p = await db.selectFrom('sla_clock_pauses').selectAll().where('clock_id', '=', clockId).executeTakeFirstOrThrow();
    expect([c.decrypt(p.reason_enc), c.decrypt(p.resume_note_enc!)]).to.deep.equal([TYPED.pause, TYPED.resume]);
    const e = await db.selectFrom('sla_escalations').selectAll().where('clock_id', '=', clockId).executeTakeFirstOrThrow();
    expect(c.decrypt(e.resolution_enc!)).to.equal(TYPED.resolution);
    const events = await db.selectFrom('referral_events').select('details').where('referral_id', '=', referralId).orderBy('id').execute();
    expect(events.map((x) => Object.keys(x.details).sort())).to.deep.equal([['reasonEnc'], ['clock', 'reasonEnc'], ['agencyId', 'attempt', 'noteEnc'], ['outcome'], ['clock']]);
    expect(c.decrypt(events[2]!.details.noteEnc as string)).to.equal(TYPED.eventNote);
    const plain = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns where table_schema = 'public'
      and (table_name, column_name) in (('referrals','decline_reason'),('referrals','outcome_reason'),('sla_clocks','pause_reason'),
        ('sla_clock_pauses','reason'),('sla_clock_pauses','resume_note'),('sla_escalations','resolution'))`.execute(db);
    expect(plain.rows[0]!.n).to.equal(0);
    // A paused clock still needs its (encrypted) reason.
    const err = await db.updateTable('sla_clocks').set({ pause_reason_enc: null }).where('id', '=', clockId).execute().then(() => null, (x: Error) => x);
    expect(String(err)).to.match(/sla_clocks_paused_has_reason/);

    await migrateTo(db, '0011-voice', crypto()); // back to before 0012, whatever came after it
    const back = await sql<{ decline_reason: string; pause_reason: string }>`select r.decline_reason, k.pause_reason from referrals r
      join sla_clocks k on k.referral_id = r.id where r.id = ${referralId}`.execute(db);
    expect(back.rows[0]).to.deep.equal({ decline_reason: TYPED.decline, pause_reason: TYPED.pause });
    const backEvents = await sql<{ details: Record<string, unknown> }>`select details from referral_events where referral_id = ${referralId} order by id`.execute(db);
    expect(backEvents.rows[2]!.details).to.deep.equal({ agencyId: 1, note: TYPED.eventNote, attempt: 2 });
  });
});
