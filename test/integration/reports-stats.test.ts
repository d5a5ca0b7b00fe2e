import { expect } from 'chai';
import { sql } from 'kysely';
import type { StatsResult, StatTable } from '../../shared/index.js';
import { resolveScope } from '../../server/domain/reports/scope.js';
import { victimCounts, type Via } from '../../server/domain/reports/stats.queries.js';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { loadFixture, PERIOD, vn, type Fixture } from './reports-fixture.js';

/** Rows of a table as { key: values }, and its total. */
const rows = (r: StatsResult, id: string) => {
  const t = r.tables.find((x) => x.id === id) as StatTable;
  expect(t, id).to.exist;
  return Object.fromEntries(t.rows.map((x) => [x.key, x.values]));
};
const total = (r: StatsResult, id: string) => r.tables.find((x) => x.id === id)!.total;

describe('statistics: counts and percentiles against a hand-counted case load', function () {
  this.timeout(60_000);
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let app: TestApp;
  let fx: Fixture;
  let supervisor: string;
  let officer: string;
  const q = (extra = '') => `/api/stats?from=${PERIOD.from}&to=${PERIOD.to}${extra}`;
  const stats = async (cookie: string, extra = '') => {
    const r = await api(app.baseUrl, 'GET', q(extra), { cookie });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body as StatsResult;
  };

  before(async () => {
    scratch = await scratchDatabase();
    const recorder = await createTestUser('operator', null, scratch.db);
    fx = await loadFixture(scratch.db, recorder.id);
    app = await startTestApp({ db: scratch.db });
    const sup = await createTestUser('supervisor', null, scratch.db);
    supervisor = await loginAs(app.baseUrl, sup.username, sup.password);
    const off = await createTestUser('agency_officer', fx.agencies.a1, scratch.db);
    officer = await loginAs(app.baseUrl, off.username, off.password);
  });
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  it('counts the contacts of the period by channel, call type and classification (local days, both ends included)', async () => {
    const r = await stats(supervisor);
    expect(r.period).to.deep.equal(PERIOD);
    expect(r.area).to.equal(null);
    expect(r.agency).to.equal(null);
    expect(rows(r, 'contacts_by_channel')).to.deep.include({ voice: [4], sms: [1], zalo: [1], whatsapp: [0] });
    expect(total(r, 'contacts_by_channel')).to.deep.equal([6]);
    expect(rows(r, 'contacts_by_call_type')).to.deep.include({ information: [1], counselling: [1], report: [3], silent: [0], unset: [1] });
    expect(rows(r, 'contacts_by_classification')).to.deep.include({
      not_relevant: [1], other_child_protection: [1], trafficking: [2], suspected_trafficking: [1], unset: [1],
    });
  });

  it('counts trafficking cases by purpose, destination and province, with their victims', async () => {
    const r = await stats(supervisor);
    // columns: trafficking, suspected, cases, victims
    expect(rows(r, 'cases_by_purpose')).to.deep.include({
      forced_labour: [2, 0, 2, 2], sexual_exploitation: [1, 0, 1, 1], forced_marriage: [0, 1, 1, 2], organ_removal: [0, 0, 0, 0],
    });
    expect(total(r, 'cases_by_purpose')).to.deep.equal([2, 1, 3, 4]);
    expect(rows(r, 'cases_by_destination')).to.deep.equal({ KH: [1, 0, 1, 1], VN: [1, 1, 2, 3] });
    expect(rows(r, 'cases_by_province')).to.deep.equal({ abroad: [1, 0, 1, 1], [String(fx.units.p2)]: [0, 1, 1, 2], [String(fx.units.q)]: [1, 0, 1, 1] });
    const province = r.tables.find((t) => t.id === 'cases_by_province')!.rows.find((x) => x.key === String(fx.units.q))!;
    expect(province.label.vi).to.equal('Tỉnh Cũ (trước 01/7/2025)');
  });

  it('counts victims by sex, age band, ethnic group and nationality, per classification', async () => {
    const r = await stats(supervisor);
    // columns: trafficking, suspected, other child protection, total
    expect(rows(r, 'victims_by_sex')).to.deep.equal({ female: [1, 1, 1, 3], male: [1, 0, 1, 2], other: [0, 0, 0, 0], unknown: [0, 1, 0, 1] });
    expect(rows(r, 'victims_by_age_band')).to.deep.include({
      '6-11': [0, 0, 1, 1], '12-15': [0, 0, 1, 1], '16-17': [0, 1, 0, 1], '18-24': [1, 0, 0, 1], '25-39': [1, 0, 0, 1], unknown: [0, 1, 0, 1], '0-5': [0, 0, 0, 0],
    });
    // By ethnic group (GSO codes): the groups met, largest first, ties in code order, then unknown.
    const ethnic = r.tables.find((t) => t.id === 'victims_by_ethnicity')!;
    expect(ethnic.rows.map((x) => x.key)).to.deep.equal(['01', '02', '08', 'unknown']);
    expect(rows(r, 'victims_by_ethnicity')).to.deep.equal({ '01': [1, 0, 1, 2], '02': [0, 0, 1, 1], '08': [1, 0, 0, 1], unknown: [0, 2, 0, 2] });
    expect(ethnic.rows[2]!.label).to.deep.equal({ vi: 'HMông', en: 'Hmong' });
    expect(ethnic.total).to.deep.equal([2, 2, 2, 6]);
    // The supervisor's figures come from the rollups; counted directly from the victims they are the same.
    const scope = await resolveScope(scratch.db, { ...PERIOD, areaId: null }, { scopeAgencyId: null });
    const byGroup = async (via: Via) => (await victimCounts(scratch.db, scope, via)).filter((c) => c.dim === 'ethnicity').map((c) => JSON.stringify(c)).sort();
    expect(await byGroup('rollup')).to.deep.equal(await byGroup('direct')).and.to.have.length(5);
    expect(rows(r, 'victims_by_nationality')).to.deep.equal({ VN: [2, 0, 2, 4], CN: [0, 1, 0, 1], unknown: [0, 1, 0, 1] });
    expect(total(r, 'victims_by_sex')).to.deep.equal([2, 2, 2, 6]);
  });

  it('counts referrals by agency, status and outcome, and support given by regime', async () => {
    const r = await stats(supervisor);
    // columns: referrals, open, successful, not successful, declined/expired/cancelled
    expect(rows(r, 'referrals_by_agency')).to.deep.equal({
      [String(fx.agencies.a1)]: [4, 1, 1, 1, 1], [String(fx.agencies.a2)]: [1, 1, 0, 0, 0], none: [1, 1, 0, 0, 0],
    });
    expect(rows(r, 'referrals_by_status')).to.deep.equal({
      pending: [0], accepted: [1], in_progress: [1], declined: [1], expired: [0], closed: [2], needs_supervisor: [1], cancelled: [0],
    });
    expect(rows(r, 'referrals_by_outcome')).to.deep.equal({ successful: [1], not_successful: [1], none: [4] });
    // columns: times given, cases reached
    expect(rows(r, 'support_by_regime')).to.deep.include({ a: [3, 2], g: [1, 1], b: [0, 0] });
    expect(total(r, 'support_by_regime')).to.deep.equal([4, 2]);
  });

  it('gives response-time percentiles (p50/p90, interpolated) and SLA compliance', async () => {
    const r = await stats(supervisor);
    // acknowledged after 0.1, 0.5, 1, 2 h; first action after 4.5, 11, 26 h; closed after 244.5, 491 h
    expect(rows(r, 'response_times')).to.deep.equal({ acknowledge: [4, 0.75, 1.7], first_action: [3, 11, 23], close: [2, 367.75, 466.35] });
    // columns: met on time, breached, running, compliance %
    expect(rows(r, 'sla_compliance')).to.deep.equal({ acknowledge: [3, 1, 0, 75], first_action: [1, 1, 2, 50], close: [1, 1, 2, 50] });
  });

  it('narrows to an area and everything below it, in either unit dataset', async () => {
    const p1 = await stats(supervisor, `&areaId=${fx.units.p1}`);
    expect(p1.area).to.deep.include({ id: fx.units.p1, name: 'Tỉnh Một', level: 'province', dataset: 'vn-2025' });
    expect(total(p1, 'contacts_by_channel')).to.deep.equal([1]);
    expect(total(p1, 'cases_by_purpose')).to.deep.equal([0, 0, 0, 0]);
    expect(total(p1, 'victims_by_sex')).to.deep.equal([0, 0, 2, 2]);
    expect(total(p1, 'referrals_by_status')).to.deep.equal([1]);
    expect(total(p1, 'support_by_regime')).to.deep.equal([3, 1]);
    for (const unit of [fx.units.q, fx.units.d, fx.units.e]) {
      const r = await stats(supervisor, `&areaId=${unit}`);
      expect(total(r, 'contacts_by_channel'), `unit ${unit}`).to.deep.equal([1]);
      expect(rows(r, 'cases_by_province'), `unit ${unit}`).to.deep.equal({ [String(fx.units.q)]: [1, 0, 1, 1] });
      expect(rows(r, 'referrals_by_outcome'), `unit ${unit}`).to.deep.equal({ successful: [0], not_successful: [1], none: [0] });
    }
    const c2 = await stats(supervisor, `&areaId=${fx.units.c2}`);
    expect(total(c2, 'contacts_by_channel')).to.deep.equal([0]);
    const p2 = await stats(supervisor, `&areaId=${fx.units.p2}`);
    expect(rows(p2, 'referrals_by_status')).to.deep.include({ declined: [1], needs_supervisor: [1] });
  });

  it("limits an agency officer to its own agency's referrals and their cases, whatever the query asks", async () => {
    const r = await stats(officer, `&agencyId=${fx.agencies.a2}`); // an unknown parameter changes nothing
    expect(r.agency).to.deep.equal({ id: fx.agencies.a1, name: 'Phòng Một' });
    // Small cells hidden: 2 voice, 1 SMS and 1 Zalo contact among four would point at people the agency knows.
    expect(rows(r, 'contacts_by_channel')).to.deep.include({ voice: [null], sms: [null], zalo: [null] });
    for (const t of r.tables.filter((x) => /^(contacts|cases|victims)_/.test(x.id)))
      for (const v of [...t.rows.flatMap((x) => x.values), ...(t.total ?? [])]) expect(v === null || v === 0 || v >= 5, `${t.id}: ${v}`).to.equal(true);
    expect(r.tables.find((x) => x.id === 'victims_by_ethnicity')!.note!.en).to.match(/from 1 to 4 are hidden/);
    expect(rows(r, 'referrals_by_agency')).to.deep.equal({ [String(fx.agencies.a1)]: [4, 1, 1, 1, 1] });
    expect(total(r, 'cases_by_purpose')).to.deep.equal([null, null, null, null]);
    expect(rows(r, 'sla_compliance')).to.deep.equal({ acknowledge: [2, 1, 0, 66.7], first_action: [1, 1, 1, 50], close: [1, 1, 1, 50] });
    expect(rows(r, 'response_times').acknowledge).to.deep.equal([3, 1, 1.8]);
    const inP2 = await stats(officer, `&areaId=${fx.units.p2}`);
    expect(rows(inP2, 'referrals_by_status')).to.deep.include({ declined: [1], needs_supervisor: [0] });
    expect(total(inP2, 'referrals_by_agency')).to.deep.equal([1, 0, 0, 0, 1]);
  });

  it('stays current: contacts added or changed after a question count in the next one, as a full rebuild would', async () => {
    await stats(supervisor);
    const k9 = await scratch.db.insertInto('contacts').values({ channel: 'sms', received_at: vn('2025-06-01 12:00') }).returning('id').executeTakeFirstOrThrow();
    await scratch.db.updateTable('contacts').set({ status: 'closed', call_type: 'counselling', classification: 'other_child_protection', location_kind: 'unit', location_unit_id: fx.units.c2 })
      .where('id', '=', k9.id).execute();
    await scratch.db.insertInto('contact_victims').values({ contact_id: k9.id, position: 0, sex: 'male', age: 10, age_band: '6-11', ethnicity: '01', nationality: 'VN', under18: true }).execute();
    const r = await stats(supervisor, `&areaId=${fx.units.p1}`);
    expect(total(r, 'contacts_by_channel')).to.deep.equal([2]);
    expect(rows(r, 'contacts_by_channel').sms).to.deep.equal([2]);
    expect(total(r, 'victims_by_sex')).to.deep.equal([0, 0, 3, 3]);
    const snapshot = async () => Promise.all(['report_contact_daily', 'report_case_daily', 'report_victim_daily'].map(async (t) =>
      (await sql<Record<string, unknown>>`select * from ${sql.table(t)} order by 1, 2, 3, 4, 5, 6`.execute(scratch.db)).rows));
    const incremental = await snapshot();
    const { rebuildRollups } = await import('../../server/domain/reports/rollup.js');
    await rebuildRollups(scratch.owner); // a rebuild is the owner's bulk operation (it rebuilds indexes)
    expect(await snapshot()).to.deep.equal(incremental);
    await scratch.db.deleteFrom('contact_victims').where('contact_id', '=', k9.id).execute();
    await scratch.db.deleteFrom('contacts').where('id', '=', k9.id).execute();
    expect(total(await stats(supervisor, `&areaId=${fx.units.p1}`), 'contacts_by_channel')).to.deep.equal([1]);
  });

  it('downloads one table as CSV (UTF-8, Vietnamese headings) and audits it', async () => {
    const res = await fetch(`${app.baseUrl}${q().replace('/api/stats?', '/api/stats/victims_by_sex.csv?')}`, { headers: { cookie: supervisor } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/csv/);
    expect(res.headers.get('content-disposition')).to.include('victims_by_sex_2025-01-01_2025-06-30.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]); // BOM: spreadsheets read it as UTF-8
    expect(bytes.subarray(3).toString('utf8').split('\r\n')).to.deep.equal([
      'Giới tính,Mua bán người,Nghi mua bán người,Bảo vệ trẻ em khác,Tổng cộng',
      'Nữ,1,1,1,3', 'Nam,1,0,1,2', 'Khác,0,0,0,0', 'Không rõ,0,1,0,1', 'Tổng cộng,2,2,2,6', '',
    ]);
    const ethnic = await fetch(`${app.baseUrl}${q().replace('/api/stats?', '/api/stats/victims_by_ethnicity.csv?')}`, { headers: { cookie: supervisor } });
    expect(Buffer.from(await ethnic.arrayBuffer()).subarray(3).toString('utf8').split('\r\n')).to.deep.equal([
      'Dân tộc,Mua bán người,Nghi mua bán người,Bảo vệ trẻ em khác,Tổng cộng',
      'Kinh,1,0,1,2', 'Tày,0,0,1,1', 'HMông,1,0,0,1', 'Không rõ,0,2,0,2', 'Tổng cộng,2,2,2,6', '',
    ]);
    const audit = await scratch.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'stats.export_csv').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.details).to.deep.include({ table: 'victims_by_ethnicity', from: PERIOD.from, to: PERIOD.to, areaId: null, agencyId: null });
  });

  it('audits statistics read as JSON like the CSV: who, the period, the area and the agency', async () => {
    const views = () => scratch.db.selectFrom('audit_log').select(['actor_role', 'details']).where('action', '=', 'stats.view').orderBy('id').execute();
    const before = (await views()).length;
    await stats(supervisor, `&areaId=${fx.units.p1}`);
    await stats(officer);
    const after = (await views()).slice(before);
    expect(after.map((a) => a.actor_role)).to.deep.equal(['supervisor', 'agency_officer']);
    expect(after[0]!.details).to.deep.equal({ from: PERIOD.from, to: PERIOD.to, areaId: fx.units.p1, agencyId: null });
    expect(after[1]!.details).to.deep.include({ agencyId: fx.agencies.a1 });
  });

  it('refuses bad questions with 400 naming the field', async () => {
    const bad = async (path: string, field: string) => {
      const r = await api(app.baseUrl, 'GET', path, { cookie: supervisor });
      expect(r.status, path).to.equal(400);
      expect(r.body.error.fields, path).to.have.property(field);
    };
    await bad('/api/stats?from=2025-06-30&to=2025-01-01', 'to');
    await bad('/api/stats?from=2015-01-01&to=2025-01-01', 'to'); // one day more than 10 years
    await bad('/api/stats?from=2025-01-01&to=2025-13-01', 'to');
    await bad('/api/stats?to=2025-01-01', 'from');
    await bad(`/api/stats?from=2025-01-01&to=2025-06-30&areaId=987654321`, 'areaId');
    await bad(`/api/stats?from=2025-01-01&to=2025-06-30&areaId=abc`, 'areaId');
    await bad(`/api/stats/nonsense.csv?from=2025-01-01&to=2025-06-30`, 'table');
    const ok = await api(app.baseUrl, 'GET', '/api/stats?from=2015-01-02&to=2025-01-01', { cookie: supervisor });
    expect(ok.status).to.equal(200);
  });
});
