/** Pure: raw counts from the queries → labelled tables (the same tables feed the JSON, the CSV and the workbook). */
import {
  AGE_BANDS, CALL_TYPES, CHANNELS, CLASSIFICATIONS, LABELS, REFERRAL_STATUSES,
  STAT_NOTES, STAT_TABLE_TITLES, STAT_TERMS, SUPPORT_REGIMES, TRAFFICKING_PURPOSES, VICTIM_SEXES, countryName, ethnicityName,
  supportRegimeLabel, type L, type StatColumn, type StatRow, type StatTable, type StatTableId,
} from '../../../shared/index.js';
import type { CaseCount, ClockCount, DimCount, ReferralCount, ResponseTimes, SupportCount, VictimCount } from './stats.queries.js';

const count = (label: L): StatColumn => ({ key: 'n', label, unit: 'count' });
const col = (key: string, label: L, unit: StatColumn['unit'] = 'count'): StatColumn => ({ key, label, unit });
const country = (code: string): L => ({ vi: countryName(code, 'vi'), en: countryName(code, 'en') });
const ethnicGroup = (code: string): L => ({ vi: ethnicityName(code, 'vi'), en: ethnicityName(code, 'en') });

function table(id: StatTableId, dimension: L, columns: StatColumn[], rows: StatRow[], total: (number | null)[] | null, note: L | null = null): StatTable {
  return { id, title: STAT_TABLE_TITLES[id], dimension, columns, rows, total, note };
}

/** Rows for every value of an enumeration (zeros included, so every report has the same rows), then any other value met. */
function enumRows(values: readonly string[], labelOf: (v: string) => L, get: (v: string) => (number | null)[], extra: string[] = []): StatRow[] {
  const keys = [...values, ...extra.filter((e) => !values.includes(e))];
  return keys.map((k) => ({ key: k, label: labelOf(k), values: get(k) }));
}

/** Rows for the values met, largest first (countries, provinces, agencies). */
function metRows(keys: string[], labelOf: (k: string) => L, get: (k: string) => (number | null)[]): StatRow[] {
  return keys
    .map((k) => ({ key: k, label: labelOf(k), values: get(k) }))
    .sort((a, b) => (b.values[b.values.length - 1] ?? 0) - (a.values[a.values.length - 1] ?? 0) || a.label.vi.localeCompare(b.label.vi, 'vi'));
}

/**
 * Ethnic groups with victims, largest first (ties in code order, the GSO list's own order), then unknown, always shown:
 * 54 rows of zeros would bury the few groups a period has.
 */
function ethnicRows(keys: string[], get: (k: string) => (number | null)[]): StatRow[] {
  const last = (r: StatRow) => r.values[r.values.length - 1] ?? 0;
  const met = keys.filter((k) => k !== 'unknown').map((k) => ({ key: k, label: ethnicGroup(k), values: get(k) }));
  return [...met.sort((a, b) => last(b) - last(a) || a.key.localeCompare(b.key)), { key: 'unknown', label: STAT_TERMS.unknown, values: get('unknown') }];
}

const unsetOr = (kind: 'channel' | 'callType' | 'classification') => (v: string): L =>
  v === 'unset' ? STAT_TERMS.notClassified : ((LABELS[kind] as Record<string, L>)[v] ?? { vi: v, en: v });

export function contactTables(counts: DimCount[]): StatTable[] {
  const n = (dim: string, key: string) => counts.find((c) => c.dim === dim && c.key === key)?.n ?? 0;
  const total = [counts.find((c) => c.dim === '')?.n ?? 0];
  const extra = (dim: string) => counts.filter((c) => c.dim === dim && c.key === '').length ? ['unset'] : [];
  const get = (dim: string) => (k: string) => [n(dim, k === 'unset' ? '' : k)];
  return [
    table('contacts_by_channel', STAT_TERMS.channel, [count(STAT_TERMS.contacts)], enumRows(CHANNELS, unsetOr('channel'), get('channel')), total),
    table('contacts_by_call_type', STAT_TERMS.callType, [count(STAT_TERMS.contacts)], enumRows(CALL_TYPES, unsetOr('callType'), get('call_type'), extra('call_type')), total),
    table('contacts_by_classification', STAT_TERMS.classification, [count(STAT_TERMS.contacts)],
      enumRows(CLASSIFICATIONS, unsetOr('classification'), get('classification'), extra('classification')), total),
  ];
}

export function caseTables(counts: CaseCount[], provinceNames: Map<string, L>): StatTable[] {
  const columns = [
    col('trafficking', LABELS.classification.trafficking),
    col('suspected_trafficking', LABELS.classification.suspected_trafficking),
    col('cases', STAT_TERMS.cases),
    col('victims', STAT_TERMS.victims),
  ];
  const values = (dim: CaseCount['dim'], key: string) => {
    const rows = counts.filter((c) => c.dim === dim && c.key === key);
    const by = (cl: string) => rows.find((r) => r.classification === cl)?.cases ?? 0;
    return [by('trafficking'), by('suspected_trafficking'), by('trafficking') + by('suspected_trafficking'), rows.reduce((s, r) => s + r.victims, 0)];
  };
  const keys = (dim: CaseCount['dim']) => [...new Set(counts.filter((c) => c.dim === dim).map((c) => c.key))];
  const total = values('', '');
  const destination = (k: string): L => (k === 'VN' ? STAT_TERMS.domestic : k === 'unknown' ? STAT_TERMS.unknown : country(k));
  const province = (k: string): L =>
    k === 'abroad' ? STAT_TERMS.abroad : k === 'unknown' ? STAT_TERMS.unknown : (provinceNames.get(k) ?? { vi: k, en: k });
  return [
    table('cases_by_purpose', STAT_TERMS.purpose, columns, enumRows(TRAFFICKING_PURPOSES, (p) => (LABELS.purpose as Record<string, L>)[p] ?? { vi: p, en: p }, (k) => values('purpose', k), keys('purpose')), total, STAT_NOTES.multiValued),
    table('cases_by_destination', STAT_TERMS.destination, columns, metRows(keys('destination'), destination, (k) => values('destination', k)), total),
    table('cases_by_province', STAT_TERMS.province, columns, metRows(keys('province'), province, (k) => values('province', k)), total),
  ];
}

export function victimTables(counts: VictimCount[]): StatTable[] {
  const classes = ['trafficking', 'suspected_trafficking', 'other_child_protection'] as const;
  const columns = [...classes.map((c) => col(c, LABELS.classification[c])), col('total', STAT_TERMS.total)];
  const values = (dim: VictimCount['dim'], key: string) => {
    const by = classes.map((cl) => counts.find((c) => c.dim === dim && c.key === key && c.classification === cl)?.n ?? 0);
    return [...by, by.reduce((a, b) => a + b, 0)];
  };
  const keys = (dim: VictimCount['dim']) => [...new Set(counts.filter((c) => c.dim === dim).map((c) => c.key))];
  const total = values('', '');
  const t = (id: StatTableId, dim: L, rows: StatRow[]) => table(id, dim, columns, rows, total, STAT_NOTES.victimsOfCases);
  return [
    t('victims_by_sex', STAT_TERMS.sex, enumRows(VICTIM_SEXES, (v) => (LABELS.victimSex as Record<string, L>)[v] ?? { vi: v, en: v }, (k) => values('sex', k), keys('sex'))),
    t('victims_by_age_band', STAT_TERMS.ageBand, enumRows(AGE_BANDS, (v) => (LABELS.ageBand as Record<string, L>)[v] ?? { vi: v, en: v }, (k) => values('age_band', k), keys('age_band'))),
    t('victims_by_ethnicity', STAT_TERMS.ethnicity, ethnicRows(keys('ethnicity'), (k) => values('ethnicity', k))),
    t('victims_by_nationality', STAT_TERMS.nationality, metRows(keys('nationality'), (k) => (k === 'unknown' ? STAT_TERMS.unknown : country(k)), (k) => values('nationality', k))),
  ];
}

const OPEN = new Set(['pending', 'accepted', 'in_progress', 'needs_supervisor']);

export function referralTables(counts: ReferralCount[]): StatTable[] {
  const sum = (f: (c: ReferralCount) => boolean) => counts.filter(f).reduce((s, c) => s + c.n, 0);
  const agencyKey = (c: ReferralCount) => (c.agency_id == null ? 'none' : String(c.agency_id));
  const names = new Map(counts.map((c) => [agencyKey(c), c.agency_name]));
  const byAgency = (f: (c: ReferralCount) => boolean) => (k: string) => sum((c) => agencyKey(c) === k && f(c));
  const agencyValues = (k: string) => [
    byAgency(() => true)(k),
    byAgency((c) => OPEN.has(c.status))(k),
    byAgency((c) => c.status === 'closed' && c.outcome === 'successful')(k),
    byAgency((c) => c.status === 'closed' && c.outcome === 'not_successful')(k),
    byAgency((c) => !OPEN.has(c.status) && c.status !== 'closed')(k),
  ];
  const agencyColumns = [col('referrals', STAT_TERMS.referrals), col('open', STAT_TERMS.open), col('successful', STAT_TERMS.successful),
    col('not_successful', STAT_TERMS.notSuccessful), col('not_taken', STAT_TERMS.notTaken)];
  const all = sum(() => true);
  const agencyTotal = [all, sum((c) => OPEN.has(c.status)), sum((c) => c.status === 'closed' && c.outcome === 'successful'),
    sum((c) => c.status === 'closed' && c.outcome === 'not_successful'), sum((c) => !OPEN.has(c.status) && c.status !== 'closed')];
  const agencyLabel = (k: string): L => (k === 'none' ? STAT_TERMS.supervisorQueue : { vi: names.get(k) ?? k, en: names.get(k) ?? k });
  const outcomeLabel = (k: string): L => (k === 'none' ? STAT_TERMS.notClosed : ((LABELS.outcome as Record<string, L>)[k] ?? { vi: k, en: k }));
  return [
    table('referrals_by_agency', STAT_TERMS.agency, agencyColumns, metRows([...names.keys()], agencyLabel, agencyValues).sort((a, b) => (b.values[0] ?? 0) - (a.values[0] ?? 0) || a.label.vi.localeCompare(b.label.vi, 'vi')), agencyTotal),
    table('referrals_by_status', STAT_TERMS.status, [count(STAT_TERMS.referrals)],
      enumRows(REFERRAL_STATUSES, (s) => (LABELS.referralStatus as Record<string, L>)[s] ?? { vi: s, en: s }, (k) => [sum((c) => c.status === k)]), [all]),
    table('referrals_by_outcome', STAT_TERMS.outcome, [count(STAT_TERMS.referrals)],
      enumRows(['successful', 'not_successful', 'none'], outcomeLabel, (k) => [sum((c) => (c.outcome ?? 'none') === k)]), [all]),
  ];
}

export function supportTable(counts: SupportCount[]): StatTable {
  const get = (k: string | null) => {
    const c = counts.find((x) => x.regime === k);
    return [c?.records ?? 0, c?.cases ?? 0];
  };
  const label = (r: string): L => ({ vi: supportRegimeLabel(r as never, 'vi'), en: supportRegimeLabel(r as never, 'en') });
  return table('support_by_regime', STAT_TERMS.regime, [col('records', STAT_TERMS.records), col('cases', STAT_TERMS.cases)],
    enumRows(SUPPORT_REGIMES, label, get), get(null), STAT_NOTES.support);
}

const METRICS = ['acknowledge', 'first_action', 'close'] as const;
const round = (x: number | null, digits: number) => (x == null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export function responseTable(times: ResponseTimes[]): StatTable {
  const get = (m: string) => {
    const t = times.find((x) => x.metric === m);
    return [t?.n ?? 0, round(t?.p50 ?? null, 2), round(t?.p90 ?? null, 2)];
  };
  return table('response_times', STAT_TERMS.deadline,
    [col('measured', STAT_TERMS.measured), col('p50', STAT_TERMS.p50, 'hours'), col('p90', STAT_TERMS.p90, 'hours')],
    enumRows(METRICS, (m) => STAT_TERMS[m as (typeof METRICS)[number]], get), null, STAT_NOTES.responseTimes);
}

export function complianceTable(clocks: ClockCount[]): StatTable {
  const get = (k: string) => {
    const c = clocks.find((x) => x.kind === k);
    const met = c?.met ?? 0;
    const breached = c?.breached ?? 0;
    return [met, breached, c?.running ?? 0, met + breached ? round((100 * met) / (met + breached), 1) : null];
  };
  return table('sla_compliance', STAT_TERMS.deadline,
    [col('met', STAT_TERMS.metOnTime), col('breached', STAT_TERMS.breached), col('running', STAT_TERMS.running), col('compliance', STAT_TERMS.compliance, 'percent')],
    enumRows(METRICS, (m) => STAT_TERMS[m as (typeof METRICS)[number]], get), null, STAT_NOTES.compliance);
}
