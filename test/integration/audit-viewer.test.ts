import { startDemoApp } from '../support/demo-app.js';
import { expect } from 'chai';
import { sql } from 'kysely';
import { insertUser } from '../../server/domain/users/users.repo.js';
import { hashPassword } from '../../server/domain/auth/passwords.js';
import { agencyByCode } from '../support/demo-data.js';
import { api, createTestUser, sessionCookie, type TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, officerOf, route } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';

const ref = (id: number) => `LH-${String(id).padStart(6, '0')}`;

/** Issue 17: supervisors and administrators read the audit log; reading it is written to it. */
describe('audit viewer: GET /api/audit and its CSV export', function () {
  this.timeout(60_000);
  let app: TestApp;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let viXuyen: { id: number; name: string };
  let sup: { id: number; cookie: string };
  before(async function () {
    this.timeout(180_000);
    ({ scratch, app } = await startDemoApp());
    viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    sup = await user('supervisor');
  });
  after(async () => {
    await app.close();
    await scratch.drop();
  });

  async function user(role: 'operator' | 'supervisor' | 'admin') {
    const u = await createTestUser(role, null, scratch.db);
    return { id: u.id, cookie: await sessionCookie(app, u.id) };
  }
  const get = (path: string, cookie = sup.cookie) => api(app.baseUrl, 'GET', path, { cookie });
  const entriesOf = async (query: string, cookie = sup.cookie) => {
    const r = await get(`/api/audit?${query}`, cookie);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body.entries as any[];
  };
  /** A person with entries written straight into the log at chosen times (several share a timestamp). */
  async function personWithEntries(n: number) {
    const u = await createTestUser('operator', null, scratch.db);
    await sql`insert into audit_log (at, actor_user_id, actor_role, action, entity_type, entity_id)
      select timestamptz '2026-03-10 08:00:00+07' + ((i / 3) * interval '1 minute'), ${u.id}, 'operator',
             case when i % 2 = 0 then 'auth.login' else 'auth.logout' end, 'user', ${String(u.id)}
      from generate_series(1, ${n}) i`.execute(scratch.db);
    const ids = await scratch.db.selectFrom('audit_log').select('id').where('actor_user_id', '=', u.id)
      .orderBy('at', 'desc').orderBy('id', 'desc').execute();
    return { id: u.id, ids: ids.map((r) => Number(r.id)) };
  }

  it('refuses operators, agency officers and the unauthenticated; lets supervisors and administrators read', async () => {
    const op = await user('operator');
    const officer = await officerOf(app, viXuyen.id);
    for (const path of ['/api/audit', '/api/audit/export.csv', '/api/audit/choices']) {
      expect((await get(path, op.cookie)).status, path).to.equal(403);
      expect((await get(path, officer.cookie)).status, path).to.equal(403);
      expect((await api(app.baseUrl, 'GET', path)).status, path).to.equal(401);
    }
    const admin = await user('admin');
    expect((await get('/api/audit', admin.cookie)).status).to.equal(200);
    const choices = await get('/api/audit/choices', admin.cookie);
    expect(choices.body.people.map((p: any) => p.id)).to.include(op.id);
    expect(choices.body.agencies.map((a: any) => a.id)).to.include(viXuyen.id);
  });

  it('answers bad filters with a 400 that names the field', async () => {
    const bad: [string, string][] = [
      ['limit=201', 'limit'], ['limit=0', 'limit'], ['action=contact.peek', 'action'], ['action=,', 'action'],
      ['case=abc', 'case'], ['case=LH-0', 'case'], ['person=-3', 'person'], ['agency=9999999999', 'agency'],
      ['from=2026-13-01', 'from'], ['from=2026-03-02&to=2026-03-01', 'to'], ['cursor=bm9wZQ', 'cursor'], ['cursor=%00', 'cursor'],
    ];
    for (const [query, field] of bad) {
      const r = await get(`/api/audit?${query}`);
      expect(r.status, query).to.equal(400);
      expect(r.body.error.fields, query).to.have.property(field);
    }
    const csv = await get('/api/audit/export.csv?lang=fr');
    expect(csv.status).to.equal(400);
    expect(csv.body.error.fields).to.have.property('lang');
  });

  it('pages newest first by a cursor, with no entry twice and none missed, even among entries of the same instant', async () => {
    const p = await personWithEntries(23);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await get(`/api/audit?person=${p.id}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).to.equal(200);
      expect(r.body.entries.length).to.be.at.most(5);
      seen.push(...r.body.entries.map((e: any) => e.id));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).to.equal(5);
    expect(seen).to.deep.equal(p.ids);
  });

  it('filters by person, action, case, agency and period; shows who, what, when and where, never what the victim said', async () => {
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    const [referralId] = await route(app, contactId);
    const officer = await officerOf(app, viXuyen.id);
    expect((await get(`/api/contacts/${contactId}`)).status).to.equal(200);
    expect((await get(`/api/referrals/${referralId}`)).status).to.equal(200);
    expect((await get(`/api/referrals/${referralId}`, officer.cookie)).status).to.equal(200);

    const forCase = await entriesOf(`case=${ref(contactId)}`);
    const actions = forCase.map((e) => e.action);
    expect(actions).to.include.members(['contact.claim', 'contact.wrap_up', 'contact.view', 'referral.view']);
    const officerView = forCase.find((e) => e.action === 'referral.view' && e.actor?.id === officer.id);
    expect(officerView).to.deep.include({ caseRef: ref(contactId), contactId, referralId, agency: { id: viXuyen.id, name: viXuyen.name }, actorRole: 'agency_officer' });
    expect(forCase.every((e) => e.contactId === contactId)).to.equal(true);
    expect(JSON.stringify(forCase)).not.to.match(/Campuchia|hộ chiếu|\+849/);
    // The reading just done is filed under the case too (audit.viewed); otherwise the plain id finds the same entries.
    const byId = await entriesOf(`case=${contactId}`);
    expect(byId[0]).to.deep.include({ action: 'audit.viewed', contactId });
    expect(byId[0].actor.id).to.equal(sup.id);
    expect(byId.slice(1).map((e) => e.id)).to.deep.equal(forCase.map((e) => e.id));

    const views = await entriesOf(`case=${ref(contactId)}&action=contact.view,referral.view`);
    expect(views.map((e) => e.action).sort()).to.deep.equal(['contact.view', 'referral.view', 'referral.view']);
    const byOfficer = await entriesOf(`person=${officer.id}`);
    expect(byOfficer.length).to.be.greaterThan(0);
    expect(byOfficer.every((e) => e.actor.id === officer.id)).to.equal(true);
    const atAgency = await entriesOf(`agency=${viXuyen.id}&action=referral.view`);
    expect(atAgency.map((e) => e.id)).to.include(officerView.id);
    expect(atAgency.every((e) => e.agency.id === viXuyen.id && e.action === 'referral.view')).to.equal(true);

    const p = await personWithEntries(6); // 10/03/2026 08:00–08:01 Vietnam time
    expect(await entriesOf(`person=${p.id}&from=2026-03-10&to=2026-03-10`)).to.have.length(6);
    expect(await entriesOf(`person=${p.id}&from=2026-03-11`)).to.have.length(0);
    expect(await entriesOf(`person=${p.id}&to=2026-03-09`)).to.have.length(0);
  });

  it('writes each reading of the log to the log, with its filters and no free text', async () => {
    const reader = await user('supervisor');
    const contactId = await classifiedCase(app, IN_VI_XUYEN);
    await entriesOf(`case=${ref(contactId)}&action=contact.view&from=2026-01-01`, reader.cookie);
    const row = await scratch.db.selectFrom('audit_log').selectAll().where('actor_user_id', '=', reader.id).where('action', '=', 'audit.viewed').executeTakeFirstOrThrow();
    expect(row).to.deep.include({ actor_role: 'supervisor', contact_id: contactId, entity_type: 'contact' });
    expect(row.details).to.deep.include({ contactId, actions: ['contact.view'], from: '2026-01-01', to: null, nextPage: false });
    // The reader's own reading is visible to the next reader, under the person filter.
    expect((await entriesOf(`person=${reader.id}`)).map((e) => e.action)).to.include('audit.viewed');
  });

  it('exports a filtered query as CSV in the asked language, quoted safely, and writes the export to the log', async () => {
    const p = await personWithEntries(7);
    const quoted = await insertUser(scratch.db, { username: `quoted-${p.id}`, displayName: '=Lê, "Ba"', passwordHash: await hashPassword('x'.repeat(12)), role: 'operator', agencyId: null });
    await scratch.db.insertInto('audit_log').values({ actor_user_id: quoted, actor_role: 'operator', action: 'auth.login', details: '{}' }).execute();
    const exporter = await user('admin');

    const res = await fetch(`${app.baseUrl}/api/audit/export.csv?person=${p.id}&lang=en`, { headers: { cookie: exporter.cookie } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]); // the BOM: spreadsheets read UTF-8
    const text = bytes.toString('utf8');
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).to.equal('Time,Person,Username,Role,Action,Action code,Case,Referral,Agency,IP address,Details');
    expect(lines).to.have.length(8);
    expect(lines[1]).to.match(/^10\/03\/2026 08:02:00,Test operator,operator-[0-9a-f]+,Operator,Signed (in|out),auth\.log(in|out),/);

    const vi = await (await fetch(`${app.baseUrl}/api/audit/export.csv?person=${quoted}&lang=vi`, { headers: { cookie: exporter.cookie } })).text();
    expect(vi).to.include('"\'=Lê, ""Ba""",');
    expect(vi).to.include('Đăng nhập,auth.login');

    const logged = await scratch.db.selectFrom('audit_log').select(['action', 'details']).where('actor_user_id', '=', exporter.id).where('action', '=', 'audit.exported').orderBy('id').execute();
    expect(logged).to.have.length(2);
    expect(logged[0]!.details).to.deep.include({ person: p.id });
  });
});
