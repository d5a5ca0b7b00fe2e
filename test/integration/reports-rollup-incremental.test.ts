import { expect } from 'chai';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { rebuildRollups, refreshRollups } from '../../server/domain/reports/rollup.js';
import { ensureUnits } from '../support/demo-data.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { unitId } from './reports-reform-fixture.js';

/** A small seeded generator (mulberry32), so a failing run can be replayed with ROLLUP_SEED. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rand = ReturnType<typeof prng>;

const CHANNELS = ['voice', 'sms', 'zalo', 'walk_in'] as const;
const CALL_TYPES = [null, 'information', 'counselling', 'report', 'silent'] as const;
const CLASSIFICATIONS = [null, 'trafficking', 'suspected_trafficking', 'other_child_protection', 'not_relevant'] as const;
const PURPOSES = ['forced_labour', 'sexual_exploitation', 'forced_marriage', 'organ_removal'];
const SEXES = ['female', 'male', 'other', 'unknown'] as const;
const BANDS = [null, '0-5', '12-15', '16-17', '25-39'] as const;
const ETHNICITIES = [null, '01', '08', '17'] as const;
const NATIONALITIES = [null, 'VN', 'KH'] as const;
/** Codes that fail a random operation harmlessly under concurrency (a victim for a contact deleted meanwhile, …). */
const TOLERATED = new Set(['23503', '23505', '40P01']);

describe('statistics rollup: folded change by change, it equals a full rebuild', function () {
  this.timeout(180_000);
  const seed = Number(process.env.ROLLUP_SEED ?? Math.floor(Math.random() * 2 ** 31));
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let units: number[];

  before(async () => {
    scratch = await scratchDatabase();
    await ensureUnits(scratch.db);
    // Old communes (one divided by the reform), an old district and province, 2025 communes and a province.
    units = await Promise.all(([['vn-2023', '00955'], ['vn-2023', '00967'], ['vn-2023', '030'], ['vn-2023', '02'], ['vn-2023', '02200'],
      ['vn-2025', '00913'], ['vn-2025', '00967'], ['vn-2025', '03646'], ['vn-2025', '08']] as const).map(([d, c]) => unitId(scratch.db, d, c)));
  });
  after(async () => scratch?.drop());

  /** Contact fields as random SQL values: an instant over three local days and their edges, a place, a classification. */
  const fields = (r: Rand) => {
    const kind = r.pick(['unit', 'unit', 'abroad', 'unknown'] as const);
    return {
      channel: r.pick(CHANNELS),
      received_at: new Date(Date.parse('2025-05-31T15:00:00Z') + r.int(3 * 24 * 60 + 120) * 60_000 - 60 * 60_000),
      call_type: r.pick(CALL_TYPES),
      classification: r.pick(CLASSIFICATIONS),
      purposes: PURPOSES.filter(() => r.chance(0.3)),
      location_kind: kind,
      location_unit_id: kind === 'unit' ? r.pick(units) : null,
      location_country: kind === 'abroad' ? r.pick(['KH', 'CN', 'LA']) : null,
      training: r.chance(0.08),
    };
  };
  const victim = (r: Rand) => ({ sex: r.pick(SEXES), age_band: r.pick(BANDS), ethnicity: r.pick(ETHNICITIES), nationality: r.pick(NATIONALITIES) });
  const someContact = async (db: Database, r: Rand) => (await sql<{ id: number }>`
    select id from contacts order by id limit 1 offset (select floor(${r.next()}::float8 * count(*))::int from contacts)`.execute(db)).rows[0]?.id ?? null;
  const someVictim = async (db: Database, r: Rand) => (await sql<{ id: number }>`
    select id from contact_victims order by id limit 1 offset (select floor(${r.next()}::float8 * count(*))::int from contact_victims)`.execute(db)).rows[0] ?? null;
  const addVictims = (contactId: number, vs: ReturnType<typeof victim>[]) => sql`
    insert into contact_victims (contact_id, position, sex, age_band, ethnicity, nationality)
    select ${contactId}, (select coalesce(max(position), -1) from contact_victims where contact_id = ${contactId}) + v.i, v.sex, v.age_band, v.ethnicity, v.nationality
    from json_to_recordset(${JSON.stringify(vs.map((v, i) => ({ ...v, i: i + 1 })))}::json) as v(i int, sex text, age_band text, ethnicity text, nationality text)`;
  const setFields = (f: Partial<ReturnType<typeof fields>>) => sql.join(Object.entries(f).map(([k, v]) =>
    k === 'purposes' ? sql`purposes = ${v}::text[]` : sql`${sql.ref(k)} = ${v}`));

  /** The operations that change what the rollups count, each one statement or one transaction. */
  const operations: [string, number, (db: Database, r: Rand) => Promise<unknown>][] = [
    ['insert contacts', 5, async (db, r) => {
      const rows = Array.from({ length: 1 + r.int(4) }, () => fields(r));
      await sql`insert into contacts (channel, received_at, call_type, classification, purposes, location_kind, location_unit_id, location_country, training)
                values ${sql.join(rows.map((f) => sql`(${f.channel}, ${f.received_at}, ${f.call_type}, ${f.classification}, ${f.purposes}::text[],
                  ${f.location_kind}, ${f.location_unit_id}, ${f.location_country}, ${f.training})`))}`.execute(db);
    }],
    ['update counted fields', 5, async (db, r) => {
      const id = await someContact(db, r);
      if (id == null) return;
      const { location_kind, location_unit_id, location_country, ...rest } = fields(r);
      const some: Partial<ReturnType<typeof fields>> = Object.fromEntries(Object.entries(rest).filter(() => r.chance(0.4)));
      if (r.chance(0.4)) Object.assign(some, { location_kind, location_unit_id, location_country }); // the three go together
      if (Object.keys(some).length) await sql`update contacts set ${setFields(some)} where id = ${id}`.execute(db);
    }],
    ['update a field not counted', 1, async (db, r) => {
      const id = await someContact(db, r);
      if (id != null) await sql`update contacts set unread_messages = unread_messages + 1, draft_version = draft_version + 1 where id = ${id}`.execute(db);
    }],
    ['wrap up: classification and victims in one statement', 4, async (db, r) => {
      const id = await someContact(db, r);
      if (id == null) return;
      const f = fields(r);
      await sql`with c as (update contacts set ${setFields({ classification: f.classification, purposes: f.purposes, call_type: f.call_type })}
                where id = ${id} returning id), v as (${addVictims(id, Array.from({ length: r.int(4) }, () => victim(r)))}) select 1`.execute(db);
    }],
    ['reclassify and remove the victims in one statement', 1, async (db, r) => {
      const id = await someContact(db, r);
      if (id != null)
        await sql`with c as (update contacts set classification = ${r.pick(CLASSIFICATIONS)} where id = ${id}),
                  v as (delete from contact_victims where contact_id = ${id}) select 1`.execute(db);
    }],
    ['add victims', 3, async (db, r) => {
      const id = await someContact(db, r);
      if (id != null) await addVictims(id, Array.from({ length: 1 + r.int(2) }, () => victim(r))).execute(db);
    }],
    ['remove a victim', 2, async (db, r) => {
      const v = await someVictim(db, r);
      if (v) await sql`delete from contact_victims where id = ${v.id}`.execute(db);
    }],
    ['change a victim', 2, async (db, r) => {
      const v = await someVictim(db, r);
      if (!v) return;
      if (r.chance(0.2)) await sql`update contact_victims set age = ${r.int(90)} where id = ${v.id}`.execute(db); // not counted
      else if (r.chance(0.25)) {
        const to = await someContact(db, r);
        if (to != null) await sql`update contact_victims set contact_id = ${to}, position = 1000 + ${v.id} where id = ${v.id}`.execute(db);
      } else {
        const x = victim(r);
        await sql`update contact_victims set sex = ${x.sex}, age_band = ${x.age_band}, ethnicity = ${x.ethnicity}, nationality = ${x.nationality} where id = ${v.id}`.execute(db);
      }
    }],
    ['delete contacts (their victims with them)', 1, async (db, r) => {
      const id = await someContact(db, r);
      if (id != null) await sql`delete from contacts where id = ${id}`.execute(db);
    }],
    ['several changes to one contact in one transaction', 2, async (db, r) => {
      const id = await someContact(db, r);
      if (id == null) return;
      await db.transaction().execute(async (tx) => {
        await sql`update contacts set ${setFields({ classification: r.pick(CLASSIFICATIONS), received_at: fields(r).received_at })} where id = ${id}`.execute(tx);
        await addVictims(id, [victim(r)]).execute(tx);
        await sql`update contacts set ${setFields({ channel: r.pick(CHANNELS), purposes: fields(r).purposes })} where id = ${id}`.execute(tx);
        if (r.chance(0.3)) await sql`delete from contact_victims where id = (select min(id) from contact_victims where contact_id = ${id})`.execute(tx);
      });
    }],
    ['a day to recount whole (a unit moved, the unit map rebuilt)', 1, async (db, r) => {
      await sql`insert into report_dirty_days (day) values (${r.pick(['2025-05-31', '2025-06-01', '2025-06-02', '2025-06-03'])})`.execute(db);
    }],
  ];
  const weighted = operations.flatMap((o) => Array.from({ length: o[1] }, () => o));

  const snapshot = async () => Object.fromEntries(await Promise.all(['report_contact_daily', 'report_case_daily', 'report_victim_daily'].map(async (t) =>
    [t, (await sql<Record<string, unknown>>`select * from ${sql.table(t)} order by 1, 2, 3, 4, 5`.execute(scratch.owner)).rows] as const)));
  const logged = async () => Number((await sql<{ n: number }>`
    select (select count(*) from report_contact_changes) + (select count(*) from report_victim_changes) as n`.execute(scratch.owner)).rows[0]!.n);

  it(`stays equal to a rebuild through random creates, updates, classifications, victims and deletes, some side by side (seed ${seed})`, async () => {
    const r = prng(seed);
    const ran = new Map<string, number>();
    const run = async (op: (typeof operations)[number]) => {
      try {
        await op[2](scratch.db, r);
        ran.set(op[0], (ran.get(op[0]) ?? 0) + 1);
      } catch (e) {
        if (!TOLERATED.has((e as { code?: string }).code ?? '')) throw e;
      }
    };
    let folded = 0;
    for (let round = 0; round < 6; round++) {
      for (let step = 0; step < 60; step++) {
        // Usually one change at a time; sometimes a few side by side with one or two refreshes.
        const batch = Array.from({ length: r.chance(0.3) ? 2 + r.int(2) : 1 }, () => r.pick(weighted));
        const refreshes = r.chance(0.2) ? 1 + r.int(2) : 0;
        const results = await Promise.all([...batch.map(run), ...Array.from({ length: refreshes }, () => refreshRollups(scratch.db))]);
        for (const x of results) if (x && typeof x === 'object') folded += (x as { contacts: number }).contacts;
      }
      await refreshRollups(scratch.db);
      expect(await logged(), 'the refresh empties the change logs').to.equal(0);
      const incremental = await snapshot();
      await rebuildRollups(scratch.owner);
      expect(incremental, `round ${round}, seed ${seed}`).to.deep.equal(await snapshot());
    }
    // The run exercised what it claims to: every operation, and refreshes that folded changes.
    expect([...ran.keys()].sort(), `seed ${seed}`).to.deep.equal(operations.map((o) => o[0]).sort());
    expect(folded).to.be.greaterThan(0);
    const counted = await snapshot();
    expect(counted.report_case_daily!.length, 'cases were counted').to.be.greaterThan(0);
    expect(counted.report_victim_daily!.length, 'victims were counted').to.be.greaterThan(0);
  });
});
