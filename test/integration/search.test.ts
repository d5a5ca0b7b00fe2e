import { startDemoApp } from '../support/demo-app.js';
import { expect } from 'chai';
import sinon from 'sinon';
import type { WrapUpInput } from '../../shared/index.js';
import { nameTokenHashes } from '../../server/domain/search/name-index.js';
import { incomingCall, traffickingWrapUp } from '../support/contacts.js';
import { agencyByCode } from '../support/demo-data.js';
import { api, createTestUser, sessionCookie, type TestApp } from '../support/http.js';
import { IN_VI_XUYEN, route } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';

/** Issue 17, item 1: one search, by phone, reference, victim name, agency, place and period, as the searcher may see. */
describe('search: GET /api/search', () => {
  let app: TestApp;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let viXuyen: { id: number };
  let canTho: { id: number };
  let sup: string;
  let op: { id: number; cookie: string };
  let officer: string;
  let otherOfficer: string;
  const phone1 = `+8491${Math.floor(1e7 + Math.random() * 9e7)}`;
  const phone2 = `+8498${Math.floor(1e7 + Math.random() * 9e7)}`;
  const cases = { a: 0, b: 0, c: 0 };

  const user = async (role: 'operator' | 'supervisor' | 'agency_officer' | 'admin', agencyId: number | null = null) => {
    const u = await createTestUser(role, agencyId, scratch.db);
    return { id: u.id, cookie: await sessionCookie(app, u.id) };
  };
  /** A call from `from`, claimed and wrapped up by `by` with `wrapUp`; the contact id. */
  const wrappedUp = async (from: string, wrapUp: Partial<WrapUpInput>, by = op) => {
    const call = await incomingCall(app.baseUrl, from, scratch.db);
    expect((await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/claim`, { cookie: by.cookie })).status).to.equal(200);
    const r = await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/wrap-up`, { cookie: by.cookie, body: traffickingWrapUp(wrapUp) });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return call.id;
  };
  const search = async (cookie: string, query: Record<string, string | number>) => {
    const r = await api(app.baseUrl, 'GET', `/api/search?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`, { cookie });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body as { results: { contactId: number; ref: string; victimNames: string[] | null; referrals: { agency: { id: number } | null }[]; place: { label: string | null } }[]; more: boolean };
  };
  const ids = async (cookie: string, query: Record<string, string | number>) => (await search(cookie, query)).results.map((r) => r.contactId);
  const refOf = (id: number) => `LH-${String(id).padStart(6, '0')}`;

  before(async function () {
    this.timeout(120_000);
    ({ scratch, app } = await startDemoApp());
    viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    canTho = await agencyByCode('can-tho-commune-31135', scratch.db);
    sup = (await user('supervisor')).cookie;
    op = await user('operator');
    officer = (await user('agency_officer', viXuyen.id)).cookie;
    otherOfficer = (await user('agency_officer', canTho.id)).cookie;

    cases.a = await wrappedUp(phone1, { ...IN_VI_XUYEN, victims: [{ name: 'Nguyễn Thị Lan', sex: 'female', age: 16 }] });
    cases.b = await wrappedUp(phone2, {
      location: { kind: 'unit', dataset: 'vn-2025', code: '31135' },
      victims: [{ name: 'Trần Văn Minh', sex: 'male', age: 15 }, { name: 'Lan Hoàng', sex: 'female', age: 14 }],
    });
    cases.c = await wrappedUp(phone1, { classification: 'not_relevant', callType: 'silent', purposes: [], victims: [], needs: [], consent: 'none' });
    await route(app, cases.a);
    await route(app, cases.b);
    // Case B came in on 10 March 2025 (Vietnam time).
    await scratch.owner.updateTable('contacts').set({ received_at: new Date('2025-03-10T03:00:00Z') }).where('id', '=', cases.b).execute();
  });
  after(async () => {
    sinon.restore();
    await app?.close();
    await scratch?.drop();
  });

  it('finds a phone number through its keyed hash, in either written form', async () => {
    expect(await ids(sup, { phone: phone1 })).to.deep.equal([cases.c, cases.a]);
    expect(await ids(sup, { phone: `0${phone2.slice(3, 5)} ${phone2.slice(5)}` })).to.deep.equal([cases.b]);
    expect(await ids(sup, { phone: '+84900000001' })).to.deep.equal([]);
  });

  it('finds a reference as shown (LH-000123) or as its number', async () => {
    const r = await search(sup, { ref: refOf(cases.b) });
    expect(r.results.map((x) => x.ref)).to.deep.equal([refOf(cases.b)]);
    expect(await ids(sup, { ref: String(cases.a) })).to.deep.equal([cases.a]);
  });

  it('finds a victim by name without accents, in any case and order; every word must be in one victim', async () => {
    expect(await ids(sup, { name: 'nguyen thi LAN' })).to.deep.equal([cases.a]);
    expect(await ids(sup, { name: 'Lan Nguyễn' })).to.deep.equal([cases.a]);
    expect(await ids(sup, { name: 'lan' })).to.have.members([cases.a, cases.b]);
    expect(await ids(sup, { name: 'Lan Minh' })).to.deep.equal([]);
    expect(await ids(sup, { name: 'Nguyễn Thị Lành' })).to.deep.equal([]);
  });

  it('finds by agency, by place on today\'s map (commune or province) and by period', async () => {
    expect(await ids(sup, { agencyId: viXuyen.id })).to.deep.equal([cases.a]);
    expect(await ids(sup, { agencyId: canTho.id })).to.deep.equal([cases.b]);
    expect(await ids(sup, { place: '00913' })).to.deep.equal([cases.a]);
    const province = await scratch.db.selectFrom('admin_units').select('parent_code').where('dataset', '=', 'vn-2025').where('code', '=', '31135').executeTakeFirstOrThrow();
    const inProvince = await search(sup, { place: province.parent_code! });
    expect(inProvince.results.map((r) => r.contactId)).to.deep.equal([cases.b]);
    expect(inProvince.results[0]!.place.label).to.match(/Cần Thơ/);
    expect(await ids(sup, { from: '2025-03-10', to: '2025-03-10' })).to.deep.equal([cases.b]);
    expect(await ids(sup, { from: '2025-03-11', to: '2025-03-31' })).to.deep.equal([]);
    expect(await ids(sup, { to: '2025-03-09' })).to.deep.equal([]);
  });

  it('combines criteria', async () => {
    expect(await ids(sup, { phone: phone1, name: 'lan' })).to.deep.equal([cases.a]);
    expect(await ids(sup, { phone: phone1, agencyId: canTho.id })).to.deep.equal([]);
    expect(await ids(sup, { name: 'lan', place: '00913', from: '2025-07-01' })).to.deep.equal([cases.a]);
    expect(await ids(sup, { name: 'lan', from: '2025-01-01', to: '2025-06-30' })).to.deep.equal([cases.b]);
  });

  it('lets a supervisor find every case, with the names; pages with a "more" flag', async () => {
    const all = await search(sup, { limit: 100 });
    expect(all.results.map((r) => r.contactId)).to.deep.equal([cases.c, cases.a, cases.b]);
    expect(all.more).to.equal(false);
    expect(all.results.find((r) => r.contactId === cases.b)!.victimNames).to.deep.equal(['Trần Văn Minh', 'Lan Hoàng']);
    const first = await search(sup, { limit: 2 });
    expect(first.results.map((r) => r.contactId)).to.deep.equal([cases.c, cases.a]);
    expect(first.more).to.equal(true);
    const second = await search(sup, { limit: 2, offset: 2 });
    expect(second.results.map((r) => r.contactId)).to.deep.equal([cases.b]);
    expect(second.more).to.equal(false);
  });

  it("never lets an agency officer find another agency's case, by any criterion", async () => {
    expect(await ids(officer, {})).to.deep.equal([cases.a]);
    expect(await ids(officer, { ref: refOf(cases.b) })).to.deep.equal([]);
    expect(await ids(officer, { phone: phone2 })).to.deep.equal([]);
    expect(await ids(officer, { name: 'Minh' })).to.deep.equal([]);
    expect(await ids(officer, { agencyId: canTho.id })).to.deep.equal([]);
    expect(await ids(officer, { place: '31135' })).to.deep.equal([]);
    expect(await ids(officer, { phone: phone1 })).to.deep.equal([cases.a]);
    expect(await ids(otherOfficer, {})).to.deep.equal([cases.b]);
    // Only its own agency's referrals are listed with the case.
    const mine = await search(officer, { ref: refOf(cases.a) });
    expect(mine.results[0]!.referrals.map((r) => r.agency?.id)).to.deep.equal([viXuyen.id]);
  });

  it("shows an officer the victims' names only as the disclosure decision does: with consent, after accepting", async () => {
    expect((await search(officer, { ref: refOf(cases.a) })).results[0]!.victimNames).to.equal(null);
    const referral = await scratch.db.selectFrom('referrals').select('id').where('contact_id', '=', cases.a).where('agency_id', '=', viXuyen.id).executeTakeFirstOrThrow();
    expect((await api(app.baseUrl, 'POST', `/api/referrals/${referral.id}/accept`, { cookie: officer })).status).to.equal(200);
    expect((await search(officer, { ref: refOf(cases.a) })).results[0]!.victimNames).to.deep.equal(['Nguyễn Thị Lan']);
  });

  it("matches the contact rule for an operator: every case listed, identity only while handling it or under a supervisor's grant", async () => {
    const other = await user('operator');
    const found = await search(other.cookie, { name: 'lan' });
    expect(found.results.map((r) => r.contactId)).to.have.members([cases.a, cases.b]);
    expect(found.results.every((r) => r.victimNames === null)).to.equal(true);
    expect((await api(app.baseUrl, 'GET', `/api/contacts/${cases.a}`, { cookie: other.cookie })).status).to.equal(403);
    const grant = await api(app.baseUrl, 'POST', `/api/supervisor/contacts/${cases.a}/grants`, { cookie: sup, body: { userId: other.id, hours: 1 } });
    expect(grant.status).to.equal(201);
    expect((await api(app.baseUrl, 'GET', `/api/contacts/${cases.a}`, { cookie: other.cookie })).status).to.equal(200);
    const granted = await search(other.cookie, { name: 'lan' });
    expect(granted.results.find((r) => r.contactId === cases.a)!.victimNames).to.deep.equal(['Nguyễn Thị Lan']);
    expect(granted.results.find((r) => r.contactId === cases.b)!.victimNames).to.equal(null);
  });

  it('decrypts nothing to search, and the names of the page shown only', async () => {
    const decrypt = sinon.spy(app.ctx.crypto, 'decrypt');
    try {
      await search(sup, { phone: phone1, limit: 1 });
      expect(decrypt.callCount).to.equal(0); // case C, no victims
      await search(sup, { name: 'lan', limit: 1 });
      expect(decrypt.callCount).to.equal(1); // case A's one victim, not case B's two
      decrypt.resetHistory();
      const other = await user('operator');
      await search(other.cookie, { limit: 100 });
      expect(decrypt.callCount).to.equal(0); // nothing disclosed, nothing decrypted
    } finally {
      decrypt.restore();
    }
  });

  it('audits every search with the filters used, never the terms', async () => {
    await search(sup, { phone: phone2, name: 'Trần Văn Minh', place: '31135' });
    const row = await scratch.db.selectFrom('audit_log').selectAll().where('action', '=', 'search.performed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.details).to.deep.include({ filters: ['phone', 'name', 'place'], results: 1, more: false });
    const stored = JSON.stringify(row);
    for (const term of [phone2, phone2.slice(3), 'Trần', 'Tran', 'Minh', '31135']) expect(stored).not.to.include(term);
  });

  it('answers 400 naming the field for bad input, 403 for a role without search', async () => {
    const bad = async (query: string) => {
      const r = await api(app.baseUrl, 'GET', `/api/search?${query}`, { cookie: sup });
      expect(r.status, query).to.equal(400);
      return r.body.error.fields as Record<string, string>;
    };
    expect(await bad('phone=abc')).to.have.property('phone');
    expect(await bad('ref=XY-1')).to.have.property('ref');
    expect(await bad('name=%20-%20')).to.have.property('name');
    expect(await bad('agencyId=0')).to.have.property('agencyId');
    expect(await bad('place=9')).to.have.property('place');
    expect(await bad('place=99999')).to.have.property('place');
    expect(await bad('from=2025-13-01')).to.have.property('from');
    expect(await bad('from=2025-03-02&to=2025-03-01')).to.have.property('to');
    expect(await bad('limit=1000')).to.have.property('limit');
    expect(JSON.stringify(await bad('phone=0912345678&q=x'))).to.include('q');
    const admin = await user('admin');
    expect((await api(app.baseUrl, 'GET', '/api/search', { cookie: admin.cookie })).status).to.equal(403);
  });

  it('writes the name index with the wrap-up: one keyed hash per folded word, no plain name anywhere', async () => {
    const rows = await scratch.db.selectFrom('victim_name_index as n').innerJoin('contact_victims as v', 'v.id', 'n.victim_id')
      .select(['n.token_hash', 'n.contact_id', 'v.position', 'v.name_enc']).where('n.contact_id', '=', cases.b).execute();
    expect(rows).to.have.length(5);
    expect(rows.filter((r) => r.position === 0).map((r) => r.token_hash)).to.have.members(nameTokenHashes(app.ctx.crypto, 'tran van minh'));
    expect(JSON.stringify(rows)).not.to.match(/Minh|minh|Lan|lan/);
    expect(app.ctx.crypto.decrypt(rows[0]!.name_enc!)).to.be.oneOf(['Trần Văn Minh', 'Lan Hoàng']);
  });
});
