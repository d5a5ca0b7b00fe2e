import { expect } from 'chai';
import { ensureUnits } from '../support/demo-data.js';
import { api, createTestAgency, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { testEnv } from '../support/test-env.js';

describe('admin: agencies API', () => {
  let app: TestApp;
  let admin: { id: number; cookie: string };
  before(async () => {
    await ensureUnits();
    app = await startTestApp();
    const u = await createTestUser('admin');
    admin = { id: u.id, cookie: await loginAs(app.baseUrl, u.username, u.password) };
  });
  after(async () => app.close());

  const uniq = () => `t-${Math.random().toString(36).slice(2, 10)}`;
  const office = (code = uniq(), extra: Record<string, unknown> = {}) => ({
    code,
    name: 'Phòng Lao động - Thương binh và Xã hội huyện Vị Xuyên',
    type: 'district_office',
    coverage: [{ dataset: 'vn-2023', code: '030' }],
    services: ['a', 'b', 'd', 'g'],
    focalPhones: ['0912 345 678'],
    ...extra,
  });
  const post = (body: unknown, cookie = admin.cookie) => api(app.baseUrl, 'POST', '/api/admin/agencies', { cookie, body });
  const put = (id: number, body: unknown) => api(app.baseUrl, 'PUT', `/api/admin/agencies/${id}`, { cookie: admin.cookie, body });
  const audits = (action: string, id: number) =>
    testEnv().db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', '=', String(id)).execute();

  it('creates an agency with its coverage (201), audited, and lists and gets it', async () => {
    const parent = (await post({ code: uniq(), name: 'Sở LĐ-TB&XH tỉnh Hà Giang', type: 'provincial_department', coverage: [{ dataset: 'vn-2023', code: '02' }] })).body.agency;
    const r = await post(office(undefined, { parentAgencyId: parent.id }));
    expect(r.status).to.equal(201);
    expect(r.body.agency).to.deep.include({ type: 'district_office', parentAgencyId: parent.id, parentAgencyName: 'Sở LĐ-TB&XH tỉnh Hà Giang', focalPhones: ['+84912345678'], calendar: { mode: '24x7' }, shelter: null, active: true });
    expect(r.body.agency.coverage).to.deep.equal([{ dataset: 'vn-2023', code: '030', name: 'Huyện Vị Xuyên', level: 'district', path: 'Huyện Vị Xuyên, Hà Giang' }]);
    const [audit] = await audits('agency.create', r.body.agency.id);
    expect(audit).to.include({ actor_user_id: admin.id, actor_role: 'admin', entity_type: 'agency' });

    const one = await api(app.baseUrl, 'GET', `/api/admin/agencies/${r.body.agency.id}`, { cookie: admin.cookie });
    expect(one.status).to.equal(200);
    expect(one.body.agency).to.deep.equal(r.body.agency);
    const list = await api(app.baseUrl, 'GET', '/api/admin/agencies', { cookie: admin.cookie });
    expect(list.body.agencies.map((a: { id: number }) => a.id)).to.include.members([parent.id, r.body.agency.id]);
    expect((await api(app.baseUrl, 'GET', '/api/admin/agencies/999999', { cookie: admin.cookie })).status).to.equal(404);
  });

  it('updates an agency, replacing its coverage, audited with the changed fields', async () => {
    const { agency } = (await post(office())).body;
    const r = await put(agency.id, office(agency.code, { name: 'Phòng Văn hóa - Xã hội', coverage: [{ dataset: 'vn-2023', code: '031' }, { dataset: 'vn-2023', code: '00913' }] }));
    expect(r.status).to.equal(200);
    expect(r.body.agency.name).to.equal('Phòng Văn hóa - Xã hội');
    expect(r.body.agency.coverage.map((u: { code: string }) => u.code)).to.deep.equal(['031', '00913']);
    const [audit] = await audits('agency.update', agency.id);
    expect(audit!.details).to.deep.include({ changed: ['name', 'coverage'] });
    expect((await put(999999, office())).status).to.equal(404);
  });

  it('refuses an unknown coverage unit with 400 naming coverage.<i>, creating nothing', async () => {
    const code = uniq();
    const r = await post(office(code, { coverage: [{ dataset: 'vn-2023', code: '99999' }] }));
    expect(r.status).to.equal(400);
    expect(r.body.error.fields).to.have.property('coverage.0');
    const second = await post(office(code, { coverage: [{ dataset: 'vn-2023', code: '030' }, { dataset: 'vn-2025', code: '030' }] }));
    expect(second.body.error.fields).to.have.keys('coverage.1');
    expect(await testEnv().db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirst()).to.equal(undefined);
  });

  it('refuses a shelter without its profile (400 naming shelter)', async () => {
    const r = await post(office(undefined, { type: 'shelter' }));
    expect(r.status).to.equal(400);
    expect(r.body.error.fields).to.have.property('shelter');
    const ok = await post(office(undefined, { type: 'shelter', shelter: { acceptedSexes: ['female'], ageMin: 0, ageMax: 17, capacity: 20, occupancy: 3 } }));
    expect(ok.status).to.equal(201);
    expect(ok.body.agency.shelter).to.deep.equal({ acceptedSexes: ['female'], ageMin: 0, ageMax: 17, capacity: 20, occupancy: 3 });
  });

  it('refuses a duplicate code with 409, on create and on update', async () => {
    const a = (await post(office())).body.agency;
    const dup = await post(office(a.code));
    expect(dup.status).to.equal(409);
    expect(dup.body.error.fields).to.have.property('code');
    const b = (await post(office())).body.agency;
    expect((await put(b.id, office(a.code))).status).to.equal(409);
  });

  it('refuses an unknown parent, itself as parent, and a parent cycle (400 naming parentAgencyId)', async () => {
    expect((await post(office(undefined, { parentAgencyId: 999999 }))).body.error.fields).to.have.property('parentAgencyId');
    const top = (await post(office())).body.agency;
    const mid = (await post(office(undefined, { parentAgencyId: top.id }))).body.agency;
    const low = (await post(office(undefined, { parentAgencyId: mid.id }))).body.agency;
    const self = await put(top.id, office(top.code, { parentAgencyId: top.id }));
    expect(self.status).to.equal(400);
    expect(self.body.error.fields).to.have.property('parentAgencyId');
    const cycle = await put(top.id, office(top.code, { parentAgencyId: low.id, name: 'renamed' }));
    expect(cycle.status).to.equal(400);
    expect(cycle.body.error.fields).to.have.property('parentAgencyId');
    const after = (await api(app.baseUrl, 'GET', `/api/admin/agencies/${top.id}`, { cookie: admin.cookie })).body.agency;
    expect(after).to.deep.include({ parentAgencyId: null, name: top.name });
    expect(await audits('agency.update', top.id)).to.have.length(0);
  });

  it('is for administrators only: 401 when logged out, 403 for an operator or an agency officer', async () => {
    expect((await api(app.baseUrl, 'GET', '/api/admin/agencies')).status).to.equal(401);
    expect((await api(app.baseUrl, 'POST', '/api/admin/agencies', { body: office() })).status).to.equal(401);
    const operator = await createTestUser('operator');
    const officer = await createTestUser('agency_officer', (await createTestAgency()).id);
    for (const u of [operator, officer]) {
      const cookie = await loginAs(app.baseUrl, u.username, u.password);
      expect((await api(app.baseUrl, 'GET', '/api/admin/agencies', { cookie })).status).to.equal(403);
      expect((await post(office(), cookie)).status).to.equal(403);
    }
  });

  it('lets any logged-in user list units (GET /units)', async () => {
    const officer = await createTestUser('agency_officer', (await createTestAgency()).id);
    const cookie = await loginAs(app.baseUrl, officer.username, officer.password);
    const r = await api(app.baseUrl, 'GET', '/api/units?dataset=vn-2023&parent=02&level=district&q=xuyen', { cookie });
    expect(r.status).to.equal(200);
    expect(r.body.units).to.have.length(1);
    expect(r.body.units[0]).to.deep.include({ dataset: 'vn-2023', code: '030', level: 'district', name: 'Huyện Vị Xuyên', parentCode: '02' });
    expect(r.body.units[0].id).to.be.a('number'); // what area filters (SLA board, statistics) take
    expect((await api(app.baseUrl, 'GET', '/api/units?level=town', { cookie })).status).to.equal(400);
    expect((await api(app.baseUrl, 'GET', '/api/units')).status).to.equal(401);
  });
});
