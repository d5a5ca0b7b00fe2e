import { expect } from 'chai';
import { sql } from 'kysely';
import { rebuildRollups } from '../../server/domain/reports/rollup.js';
import { resolveScope } from '../../server/domain/reports/scope.js';
import { caseCounts, contactCounts, victimCounts, type Via } from '../../server/domain/reports/stats.queries.js';
import { generateSynthetic } from '../../server/domain/synthetic/generate.js';
import { isEthnicityCode } from '../../shared/index.js';
import { scratchDatabase } from '../support/scratch-database.js';

describe('synthetic data (npm run seed:synthetic) and the rollups checked against direct counts', function () {
  this.timeout(120_000);
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  const from = new Date('2024-07-01T00:00:00+07:00');
  const to = new Date('2025-12-31T00:00:00+07:00');

  before(async () => {
    scratch = await scratchDatabase();
  });
  after(async () => scratch.drop());

  it('generates realistic, de-identified contacts, cases, referrals, clocks and support, and appends on a second run', async () => {
    // `npm run seed:synthetic` is a command run as the owner of the database.
    const counts = await generateSynthetic(scratch.owner, { contacts: 6000, referrals: 900, from, to, batch: 2500, now: new Date('2026-01-15T00:00:00Z') });
    expect(counts.contacts).to.equal(6000);
    expect(counts.referrals).to.be.within(600, 1200);
    const { rows: [c] } = await sql<{ n: number; routine: number; trafficking: number; personal: number; outside: number }>`
      select count(*)::int as n,
        count(*) filter (where call_type in ('silent','hang_up','prank','wrong_number','information','counselling'))::int as routine,
        count(*) filter (where classification in ('trafficking','suspected_trafficking'))::int as trafficking,
        count(*) filter (where caller_phone_enc is not null or narrative_enc is not null or caller_phone_hash is not null)::int as personal,
        count(*) filter (where received_at < ${from} or received_at > ${to})::int as outside
      from contacts`.execute(scratch.db);
    expect(c!.n).to.equal(6000);
    expect(c!.routine / c!.n).to.be.greaterThan(0.85);
    expect(c!.trafficking).to.be.greaterThan(40);
    expect(c!.personal).to.equal(0);
    expect(c!.outside).to.equal(0);
    const agencies = await sql<{ n: number }>`select count(*)::int as n from referrals r left join agencies a on a.id = r.agency_id
      where r.agency_id is not null and a.id is null`.execute(scratch.db);
    expect(agencies.rows[0]!.n).to.equal(0);
    // Each case's agencies cover its place (in either structure) and existed on its day: district offices before 1 July 2025 only.
    const misplaced = await sql<{ n: number }>`
      select count(*)::int as n from referrals r join contacts c on c.id = r.contact_id join agencies a on a.id = r.agency_id
       where not ((a.valid_from is null or a.valid_from <= report_day(c.received_at)) and (a.valid_to is null or a.valid_to >= report_day(c.received_at)))
          or not exists (select 1 from agency_units au join unit_cover uc on uc.cover_id = au.unit_id
                          where au.agency_id = a.id and uc.unit_id = coalesce(c.location_unit_id, c.home_unit_id))`.execute(scratch.db);
    expect(misplaced.rows[0]!.n).to.equal(0);
    const primaries = await sql<{ period: string; type: string }>`
      select distinct case when c.received_at < '2025-07-01T00:00:00+07:00' then 'before' else 'after' end as period, a.type
        from referrals r join contacts c on c.id = r.contact_id join agencies a on a.id = r.agency_id where r.track = 'primary'`.execute(scratch.db);
    const typesOf = (period: string) => primaries.rows.filter((r) => r.period === period).map((r) => r.type);
    expect(typesOf('before')).to.include.members(['district_office', 'provincial_department']).and.not.include('commune_committee');
    expect(typesOf('after')).to.include.members(['commune_committee', 'provincial_department']).and.not.include('district_office');
    const states = await sql<{ state: string }>`select distinct state from sla_clocks order by 1`.execute(scratch.db);
    expect(states.rows.map((r) => r.state)).to.include.members(['met', 'breached', 'stopped']);
    const destinations = await sql<{ c: string }>`select distinct location_country as c from contacts where location_kind = 'abroad'`.execute(scratch.db);
    expect(destinations.rows.map((r) => r.c)).to.include.members(['KH', 'CN']);
    // Ethnic groups as codes: Kinh most victims nationally, but not in the mountain provinces (HMông, Tày, Thái…).
    const { rows: eth } = await sql<{ mountains: boolean; n: number; kinh: number; groups: string[] }>`
      select c.location_kind = 'unit' and p.code in ('02', '04', '11', '12', '14', '20') as mountains, count(*)::int as n,
             count(*) filter (where v.ethnicity = '01')::int as kinh, array_agg(distinct v.ethnicity) filter (where v.ethnicity is not null) as groups
      from contact_victims v join contacts c on c.id = v.contact_id
      left join lateral (with recursive up(id, parent_id, code) as (
          select u.id, u.parent_id, u.code from admin_units u where u.id = c.location_unit_id
          union all select a.id, a.parent_id, a.code from admin_units a join up on a.id = up.parent_id)
        select code from up where parent_id is null) p on true
      group by 1`.execute(scratch.db);
    const [mountains, elsewhere] = [eth.find((r) => r.mountains)!, eth.find((r) => !r.mountains)!];
    expect(elsewhere.kinh / elsewhere.n).to.be.greaterThan(0.6);
    expect(mountains.kinh / mountains.n).to.be.lessThan(0.3);
    expect(mountains.groups).to.include.members(['08', '02', '03']); // HMông, Tày, Thái
    for (const r of eth) for (const g of r.groups) expect(isEthnicityCode(g), g).to.equal(true);

    const again = await generateSynthetic(scratch.owner, { contacts: 500, referrals: 50, from, to, now: new Date('2026-01-15T00:00:00Z') });
    expect(again.contacts).to.equal(500);
    expect((await sql<{ n: number }>`select count(*)::int as n from contacts`.execute(scratch.db)).rows[0]!.n).to.equal(6500);
  });

  it('counts the same from the rollups as directly from the contacts, for the nation and areas of both datasets', async () => {
    await rebuildRollups(scratch.owner);
    const areas = await sql<{ id: number }>`
      (select id from admin_units where dataset = 'vn-2025' and code in ('08', '14', '01'))
      union all (select id from admin_units where dataset = 'vn-2023' and level = 'province' limit 2)
      union all (select id from admin_units where dataset = 'vn-2023' and level = 'district' limit 2)
      union all (select location_unit_id from contacts where location_unit_id is not null group by 1 order by count(*) desc limit 2)`.execute(scratch.db);
    const sorted = <T>(xs: T[]) => [...xs].map((x) => JSON.stringify(x)).sort();
    for (const areaId of [null, ...areas.rows.map((r) => r.id)]) {
      for (const [f, t] of [['2024-07-01', '2025-12-31'], ['2025-02-10', '2025-08-20']]) {
        const scope = await resolveScope(scratch.db, { from: f!, to: t!, areaId }, { scopeAgencyId: null });
        for (const query of [contactCounts, caseCounts, victimCounts] as ((db: typeof scratch.db, s: typeof scope, via: Via) => Promise<unknown[]>)[]) {
          const direct = (await query(scratch.db, scope, 'direct')) as { n?: number; cases?: number }[];
          const rollup = await query(scratch.db, scope, 'rollup');
          expect(sorted(rollup), `${query.name} area ${areaId} ${f}…${t}`).to.deep.equal(sorted(direct));
        }
      }
    }
  });
});
