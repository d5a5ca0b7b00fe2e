import { expect } from 'chai';
import { HTCDS_FIELDS, HTCDS_QUASI_IDENTIFIERS, SUPPRESSED, type HtcdsExport } from '../../shared/index.js';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { loadFixture, PERIOD, type Fixture } from './reports-fixture.js';

describe('HTCDS export: de-identified rows for partners, small cells suppressed', function () {
  this.timeout(60_000);
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let app: TestApp;
  let fx: Fixture;
  let supervisor: string;
  const path = (extra: string) => `/api/exports/htcds?from=${PERIOD.from}&to=${PERIOD.to}${extra}`;

  before(async () => {
    scratch = await scratchDatabase();
    fx = await loadFixture(scratch.db, (await createTestUser('operator', null, scratch.db)).id);
    app = await startTestApp({ db: scratch.db });
    const sup = await createTestUser('supervisor', null, scratch.db);
    supervisor = await loginAs(app.baseUrl, sup.username, sup.password);
  });
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  it('exports one row per victim of the trafficking and suspected cases, mapped to HTCDS values (JSON)', async () => {
    const r = await api(app.baseUrl, 'GET', path('&format=json&k=5'), { cookie: supervisor });
    expect(r.status).to.equal(200);
    const e = r.body as HtcdsExport;
    expect(e).to.deep.include({ k: 5, period: PERIOD, area: null, standard: 'HTCDS v2 (aligned), de-identified' });
    expect(e.records).to.have.length(4); // k3 (1 victim), k4 (2), k5 (1); k2 is other child protection, k6 outside the period
    expect(e.records.map((x) => x.RecordId)).to.deep.equal(['R000001', 'R000002', 'R000003', 'R000004']);
    // Every combination of quasi-identifiers is unique in so small a set: generalising is not enough, all are suppressed.
    expect(e.suppression).to.deep.include({ generalised: 0, suppressed: 4 });
    for (const rec of e.records) for (const qi of HTCDS_QUASI_IDENTIFIERS) expect(rec[qi]).to.equal(SUPPRESSED);
    const k3 = e.records.find((x) => x.TypeOfExploitation === 'Both')!;
    expect(k3).to.deep.include({
      TraffickingStatus: 'ActualVictimOfTrafficking', ExploitationPurposes: ['forced_labour', 'sexual_exploitation'],
      MethodsOfControl: ['FalsePromises', 'PhysicalAbuse', 'WithholdsDocuments'], MethodOfRecruitment: ['JobOffer'],
      Status: 'Active', NumberOfReferrals: 2, ReferredOrganisationType: ['LawEnforcement', 'LocalGovernmentOrganisation'],
    });
    const k4 = e.records.filter((x) => x.TraffickingStatus === 'PossibleVictimOfTrafficking');
    expect(k4).to.have.length(2);
    expect(k4[0]).to.deep.include({ TypeOfExploitation: 'Other', MethodOfRecruitment: ['InternationalMarriageBroker'], Status: 'Active', NumberOfReferrals: 2 });
    const k5 = e.records.find((x) => x.TypeOfExploitation === 'ForcedLabour')!;
    expect(k5).to.deep.include({ Status: 'Closed', MethodOfRecruitment: ['Unknown'], MethodsOfControl: [] });
  });

  it('keeps the quasi-identifiers of combinations shared by at least k rows', async () => {
    // Six more victims like k4's first (female, 16-17, Chinese, 2025, in Viet Nam): with k = 5 their combination stands,
    // less the two rows that complete the three rare ones to k.
    for (let i = 0; i < 6; i++) {
      const c = await scratch.db.insertInto('contacts').values({
        channel: 'voice', status: 'closed', received_at: new Date('2025-05-01T03:00:00Z'), call_type: 'report', classification: 'suspected_trafficking',
        purposes: ['forced_marriage'], location_kind: 'unit', location_unit_id: fx.units.c3,
      }).returning('id').executeTakeFirstOrThrow();
      await scratch.db.insertInto('contact_victims').values({ contact_id: c.id, position: 0, sex: 'female', age: 16, age_band: '16-17', ethnicity: null, nationality: 'CN', under18: true }).execute();
    }
    const e = (await api(app.baseUrl, 'GET', path('&format=json&k=5'), { cookie: supervisor })).body as HtcdsExport;
    const kept = e.records.filter((x) => x.AgeBroad === '16-17');
    expect(kept).to.have.length(5);
    for (const x of kept) expect(x).to.deep.include({ Gender: 'Feminine', Citizenship: 'CN', YearOfRegistration: '2025', CountryOfExploitation: 'VN' });
    expect(e.suppression).to.deep.include({ generalised: 0, suppressed: 5 });
    // With the default k (11) nothing here is common enough.
    const byDefault = (await api(app.baseUrl, 'GET', path('&format=json'), { cookie: supervisor })).body as HtcdsExport;
    expect(byDefault.k).to.equal(11);
    expect(byDefault.records.every((x) => x.Gender === SUPPRESSED)).to.equal(true);
  });

  it('exports CSV with HTCDS field names, and nothing that identifies anyone', async () => {
    const res = await fetch(`${app.baseUrl}${path(`&format=csv&k=5&areaId=${fx.units.p2}`)}`, { headers: { cookie: supervisor } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).to.equal(HTCDS_FIELDS.join(','));
    expect(lines).to.have.length(1 + 8); // k4's two victims and the six added above, all in p2
    const all = lines.join('\n');
    for (const secret of ['enc:', '•••', 'Xã', 'Tỉnh', 'Phòng Một', 'Công an Hai', '2025-04-20', '2025-05-01'])
      expect(all, secret).not.to.include(secret);
    expect(all).not.to.match(/\d{4}-\d{2}-\d{2}/);
  });

  it('audits every export, and refuses k below 5, a bad format, an unknown area and anyone but a supervisor', async () => {
    const audits = await scratch.db.selectFrom('audit_log').select(['action', 'actor_role', 'details']).where('action', '=', 'export.htcds').orderBy('id').execute();
    expect(audits.length).to.be.at.least(4);
    expect(audits.at(-1)!.actor_role).to.equal('supervisor');
    expect(audits.at(-1)!.details).to.deep.include({ k: 5, format: 'csv', areaId: fx.units.p2, rows: 8 });
    for (const [q, field] of [['&k=1', 'k'], ['&k=2', 'k'], ['&k=4', 'k'], ['&k=x', 'k'], ['&format=xml', 'format'], ['&areaId=987654321', 'areaId']] as const) {
      const r = await api(app.baseUrl, 'GET', path(q), { cookie: supervisor });
      expect(r.status, q).to.equal(400);
      expect(r.body.error.fields, q).to.have.property(field);
    }
    const r = await api(app.baseUrl, 'GET', '/api/exports/htcds?from=2025-02-01&to=2025-01-01', { cookie: supervisor });
    expect(r.body.error.fields).to.have.property('to');
    for (const role of ['agency_officer', 'operator', 'admin'] as const) {
      const u = await createTestUser(role, role === 'agency_officer' ? fx.agencies.a1 : null, scratch.db);
      const res = await api(app.baseUrl, 'GET', path(''), { cookie: await loginAs(app.baseUrl, u.username, u.password) });
      expect(res.status, role).to.equal(403);
    }
  });
});
