import { sql } from 'kysely';
import {
  HTCDS_FIELDS, HTCDS_QUASI_IDENTIFIERS, MIN_K, SUPPRESSED, type HtcdsExport, type HtcdsRecord,
} from '../../../shared/index.js';
import type { Database } from '../../db/database.js';
import { ValidationError } from '../errors.js';
import { CSV_BOM, csvLine } from './csv.js';
import {
  GENDER, METHOD_OF_CONTROL, METHOD_OF_RECRUITMENT, ORGANISATION_TYPE, TRAFFICKING_STATUS, broadAge, caseStatus, mapAll, typeOfExploitation,
} from './htcds-mapping.js';
import type { StatsScope } from './scope.js';
import { run } from './stats.queries.js';

export const SUPPRESSION_RULE =
  'k-anonymity over Gender, AgeBroad, Citizenship, YearOfRegistration and CountryOfExploitation: a row whose combination ' +
  'is shared by fewer than k rows is generalised (age band → Minor/Adult/Unknown, citizenship → VN/Other/Unknown, country ' +
  'of exploitation → VN/Abroad/Unknown); if its generalised combination is still shared by fewer than k rows, all five ' +
  'values are replaced by "suppressed", and when fewer than k rows are suppressed, rows of the published combinations are ' +
  'suppressed with them until at least k are. Exact ages, dates, places below the country, names, phones and narratives are never exported.';

interface RawVictim {
  classification: string;
  purposes: string[];
  indicators: string[];
  year: number;
  country: string;
  sex: string;
  age_band: string;
  nationality: string;
  statuses: string[];
  agency_types: string[];
}

/** One row per victim of the period's trafficking and suspected trafficking cases: only the fields exported, already coarse. */
async function victimRows(db: Database, s: StatsScope): Promise<RawVictim[]> {
  return run(db, sql<RawVictim>`
    select c.classification, c.purposes, c.indicators,
           extract(year from report_day(c.received_at))::int as year,
           case c.location_kind when 'abroad' then c.location_country when 'unit' then 'VN' else 'unknown' end as country,
           v.sex, coalesce(v.age_band, 'unknown') as age_band, coalesce(v.nationality, 'unknown') as nationality,
           coalesce((select array_agg(r.status) from referrals r where r.contact_id = c.id), '{}') as statuses,
           coalesce((select array_agg(distinct a.type) from referrals r join agencies a on a.id = r.agency_id where r.contact_id = c.id), '{}') as agency_types
    from contacts c join contact_victims v on v.contact_id = c.id
    where c.classification in ('trafficking', 'suspected_trafficking') and not c.training
      and c.received_at >= ${s.start} and c.received_at < ${s.end}
      ${s.unitIds ? sql`and c.location_unit_id = any(${s.unitIds}::int[])` : sql``}`);
}

type Draft = Omit<HtcdsRecord, 'RecordId'>;

export function toDraft(v: RawVictim): Draft {
  return {
    YearOfRegistration: String(v.year),
    TraffickingStatus: TRAFFICKING_STATUS[v.classification as 'trafficking']!,
    TypeOfExploitation: typeOfExploitation(v.purposes),
    ExploitationPurposes: [...v.purposes].sort(),
    MethodsOfControl: mapAll(v.indicators, METHOD_OF_CONTROL),
    MethodOfRecruitment: mapAll(v.indicators, METHOD_OF_RECRUITMENT, 'Unknown'),
    Gender: GENDER[v.sex as 'female'] ?? 'NonSpecifiedUnknown',
    AgeBroad: v.age_band === 'unknown' ? 'Unknown' : v.age_band,
    Citizenship: v.nationality === 'unknown' ? 'Unknown' : v.nationality,
    CountryOfExploitation: v.country === 'unknown' ? 'Unknown' : v.country,
    Status: caseStatus(v.statuses),
    NumberOfReferrals: v.statuses.length,
    ReferredOrganisationType: mapAll(v.agency_types, ORGANISATION_TYPE),
  };
}

const qiKey = (d: Draft) => HTCDS_QUASI_IDENTIFIERS.map((q) => d[q]).join('|');

function generalise(d: Draft): Draft {
  const nation = (c: string) => (c === 'VN' || c === 'Unknown' ? c : null);
  return {
    ...d,
    AgeBroad: broadAge(d.AgeBroad === 'Unknown' ? 'unknown' : d.AgeBroad),
    Citizenship: nation(d.Citizenship) ?? 'Other',
    CountryOfExploitation: nation(d.CountryOfExploitation) ?? 'Abroad',
  };
}

/**
 * The k-anonymity rule (SUPPRESSION_RULE): keep, then generalise, then suppress, so that every published
 * combination of quasi-identifiers is shared by at least k rows, the all-"suppressed" one included. A suppressed
 * group of fewer than k rows would be recomputed from any published total (victims by sex, age band…) minus the
 * rows shown, so it is completed from the published groups (complementary suppression): rows taken from the largest
 * group that keeps at least k, else whole groups, smallest first.
 */
export function anonymise(drafts: Draft[], k: number): { records: Draft[]; generalised: number; suppressed: number } {
  const counts = (ds: Draft[]) => ds.reduce((m, d) => m.set(qiKey(d), (m.get(qiKey(d)) ?? 0) + 1), new Map<string, number>());
  const first = counts(drafts);
  const kept = drafts.filter((d) => first.get(qiKey(d))! >= k);
  const coarse = drafts.filter((d) => first.get(qiKey(d))! < k).map(generalise);
  const second = counts(coarse);
  const generalisedOk = coarse.filter((d) => second.get(qiKey(d))! >= k);
  const rare = coarse.filter((d) => second.get(qiKey(d))! < k);

  const groups = new Map<string, { rows: Draft[]; generalised: boolean }>();
  for (const [rows, generalised] of [[kept, false], [generalisedOk, true]] as const)
    for (const d of rows) {
      const g = groups.get(qiKey(d)) ?? groups.set(qiKey(d), { rows: [], generalised }).get(qiKey(d))!;
      g.rows.push(d);
    }
  while (rare.length > 0 && rare.length < k && groups.size > 0) {
    const need = k - rare.length;
    const bySize = [...groups.entries()].sort((a, b) => a[1].rows.length - b[1].rows.length || (a[0] < b[0] ? -1 : 1));
    const donor = [...bySize].reverse().find(([, g]) => g.rows.length - need >= k);
    if (donor) rare.push(...donor[1].rows.splice(donor[1].rows.length - need, need));
    else {
      const [key, smallest] = bySize[0]!;
      rare.push(...smallest.rows);
      groups.delete(key);
    }
  }
  const published = [...groups.values()];
  const suppressed = rare.map((d) => ({ ...d, ...Object.fromEntries(HTCDS_QUASI_IDENTIFIERS.map((q) => [q, SUPPRESSED])) }) as Draft);
  return {
    records: [...published.flatMap((g) => g.rows), ...suppressed],
    generalised: published.filter((g) => g.generalised).reduce((n, g) => n + g.rows.length, 0),
    suppressed: suppressed.length,
  };
}

/** The de-identified export: rows sorted by their published values (never by date or id) and numbered afresh. */
export async function buildHtcdsExport(db: Database, s: StatsScope, k: number, now: Date): Promise<HtcdsExport> {
  if (!(k >= MIN_K)) throw new ValidationError('k must be at least 5', { k: `must be at least ${MIN_K}` });
  const { records, generalised, suppressed } = anonymise((await victimRows(db, s)).map(toDraft), k);
  const sortKey = (d: Draft) => JSON.stringify(HTCDS_FIELDS.filter((f) => f !== 'RecordId').map((f) => d[f as keyof Draft]));
  const sorted = records.map((d) => ({ d, key: sortKey(d) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    standard: 'HTCDS v2 (aligned), de-identified',
    generatedAt: now.toISOString(),
    period: { from: s.from, to: s.to },
    area: s.area ? { id: s.area.id, name: s.area.name } : null,
    k,
    quasiIdentifiers: HTCDS_QUASI_IDENTIFIERS,
    suppression: { generalised, suppressed, rule: SUPPRESSION_RULE },
    records: sorted.map(({ d }, i) => ({ RecordId: `R${String(i + 1).padStart(6, '0')}`, ...d })),
  };
}

/** CSV with HTCDS field names as headings; multi-valued fields joined with ";". */
export function htcdsCsv(e: HtcdsExport): string {
  const lines = [csvLine([...HTCDS_FIELDS])];
  for (const r of e.records) lines.push(csvLine(HTCDS_FIELDS.map((f) => { const v = r[f]; return Array.isArray(v) ? v.join(';') : v; })));
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
