import { sql } from 'kysely';
import { vnDay, vnMidnight, type BoardQuery, type ComplianceRow, type ResponseTimeRow, type SlaMetrics } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { caseProvince } from './board.query.js';

const DAY = 86_400_000;
/** Midnight today in Vietnam, as an instant. */
export const startOfToday = (now: Date) => vnMidnight(vnDay(now));

type Row = { key_id: number; key_name: string; ack_n: number; ack_p50: number | null; ack_p90: number | null; fa_n: number; fa_p50: number | null; fa_p90: number | null };

const round = (n: number | null) => (n == null ? null : Math.round(Number(n) * 10) / 10);
const toRow = (r: Row): ResponseTimeRow => ({
  key: { id: r.key_id, name: r.key_name },
  acknowledge: { n: Number(r.ack_n), p50: round(r.ack_p50), p90: round(r.ack_p90) },
  firstAction: { n: Number(r.fa_n), p50: round(r.fa_p50), p90: round(r.fa_p90) },
});

/**
 * Response times (minutes from referral to acceptance and to the first support recorded, p50/p90) per agency and
 * per province over referrals created in the last 30 days, and SLA compliance over clocks that finished today,
 * in the last 7 and 30 days. Re-route timeouts are routing mechanics, not SLA deadlines: left out.
 */
export async function loadMetrics(db: Executor, f: BoardQuery, now: Date): Promise<SlaMetrics> {
  const since = new Date(now.getTime() - 30 * DAY);
  const base = sql`
    select r.id, r.agency_id, a.name as agency_name, r.created_at, r.accepted_at, r.first_action_at,
           ${caseProvince(sql.ref('c.location_unit_id'))} as province
      from referrals r join contacts c on c.id = r.contact_id join agencies a on a.id = r.agency_id
     where r.created_at >= ${since}
       ${f.agencyId ? sql`and r.agency_id = ${f.agencyId}` : sql``}
       ${f.agencyType ? sql`and a.type = ${f.agencyType}` : sql``}
       ${f.priority ? sql`and r.priority = ${f.priority}` : sql``}
       ${f.classification ? sql`and c.classification = ${f.classification}` : sql``}`;
  const filtered = sql`select * from (${base}) b ${f.provinceId ? sql`where (b.province->>'id')::int = ${f.provinceId}` : sql``}`;
  const stats = sql`
    count(accepted_at) as ack_n,
    percentile_cont(0.5) within group (order by extract(epoch from accepted_at - created_at) / 60) filter (where accepted_at is not null) as ack_p50,
    percentile_cont(0.9) within group (order by extract(epoch from accepted_at - created_at) / 60) filter (where accepted_at is not null) as ack_p90,
    count(first_action_at) as fa_n,
    percentile_cont(0.5) within group (order by extract(epoch from first_action_at - created_at) / 60) filter (where first_action_at is not null) as fa_p50,
    percentile_cont(0.9) within group (order by extract(epoch from first_action_at - created_at) / 60) filter (where first_action_at is not null) as fa_p90`;

  const byAgency = await sql<Row>`
    select agency_id as key_id, agency_name as key_name, ${stats} from (${filtered}) f group by agency_id, agency_name order by agency_name`.execute(db);
  const byProvince = await sql<Row>`
    select (province->>'id')::int as key_id, province->>'name' as key_name, ${stats}
      from (${filtered}) f where province is not null group by 1, 2 order by 2`.execute(db);

  const windows: [ComplianceRow['window'], Date][] = [['today', startOfToday(now)], ['7d', new Date(now.getTime() - 7 * DAY)], ['30d', since]];
  const compliance: ComplianceRow[] = [];
  for (const [window, from] of windows) {
    const rows = await sql<{ kind: 'acknowledge' | 'first_action' | 'close'; met: number; breached: number }>`
      select k.kind,
             count(*) filter (where k.breached_at is null) as met,
             count(*) filter (where k.breached_at is not null) as breached
        from sla_clocks k
        join referrals r on r.id = k.referral_id
        join contacts c on c.id = r.contact_id
        left join agencies a on a.id = r.agency_id
       where k.kind <> 'reroute'
         and ((k.breached_at is null and k.met_at >= ${from}) or k.breached_at >= ${from})
         ${f.agencyId ? sql`and r.agency_id = ${f.agencyId}` : sql``}
         ${f.agencyType ? sql`and a.type = ${f.agencyType}` : sql``}
         ${f.priority ? sql`and r.priority = ${f.priority}` : sql``}
         ${f.classification ? sql`and c.classification = ${f.classification}` : sql``}
         ${f.provinceId ? sql`and (${caseProvince(sql.ref('c.location_unit_id'))}->>'id')::int = ${f.provinceId}` : sql``}
       group by k.kind`.execute(db);
    const byMetric = { acknowledge: cell(0, 0), first_action: cell(0, 0), close: cell(0, 0) };
    for (const r of rows.rows) byMetric[r.kind] = cell(Number(r.met), Number(r.breached));
    const met = rows.rows.reduce((s, r) => s + Number(r.met), 0);
    const breached = rows.rows.reduce((s, r) => s + Number(r.breached), 0);
    compliance.push({ window, met, breached, rate: rate(met, breached), byMetric });
  }
  return { generatedAt: now.toISOString(), byAgency: byAgency.rows.map(toRow), byProvince: byProvince.rows.map(toRow), compliance };
}

const rate = (met: number, breached: number) => (met + breached ? Math.round((met / (met + breached)) * 1000) / 1000 : null);
const cell = (met: number, breached: number) => ({ met, breached, rate: rate(met, breached) });
