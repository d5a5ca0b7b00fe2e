import { expect } from 'chai';
import { sql } from 'kysely';
import { incomingCall, PUBLIC_URL, traffickingWrapUp } from '../support/contacts.js';
import { routingJobOf } from '../support/outbox.js';
import { api, createTestAgency, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { contactChange, once, readySocket, type ClientSocket } from '../support/socket.js';
import { testEnv } from '../support/test-env.js';
import { TEST_TWILIO } from '../support/twilio.js';

describe('operator console: claim, draft, wrap-up over Socket.IO and REST', () => {
  let app: TestApp;
  const sockets: ClientSocket[] = [];
  async function operator(role: 'operator' | 'supervisor' = 'operator') {
    const u = await createTestUser(role);
    const cookie = await loginAs(app.baseUrl, u.username, u.password);
    const socket = await readySocket(app.baseUrl, cookie);
    sockets.push(socket);
    return { ...u, cookie, socket };
  }
  const db = () => testEnv().db;

  before(async () => (app = await startTestApp({ config: { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL } })));
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  after(async () => app.close());

  it('lets exactly one of two operators claiming at once win; every console sees who took it', async () => {
    const [a, b, watcher] = await Promise.all([operator(), operator(), operator('supervisor')]);
    const call = await incomingCall(app.baseUrl);
    const seen = contactChange(watcher.socket, (c) => c.kind === 'updated' && c.contact.id === call.id);
    const [ra, rb] = await Promise.all([
      a.socket.timeout(5000).emitWithAck('contact:claim', { contactId: call.id }),
      b.socket.timeout(5000).emitWithAck('contact:claim', { contactId: call.id }),
    ]);
    const winners = [ra, rb].filter((r) => 'data' in r);
    const losers = [ra, rb].filter((r) => 'error' in r) as { error: { code: string } }[];
    expect(winners).to.have.length(1);
    expect(losers).to.have.length(1);
    expect(losers[0]!.error.code).to.equal('conflict');
    const winnerId = 'data' in ra ? a.id : b.id;
    const row = await db().selectFrom('contacts').select(['claimed_by', 'status']).where('id', '=', call.id).executeTakeFirstOrThrow();
    expect(row).to.deep.equal({ claimed_by: winnerId, status: 'in_progress' });
    const update = await seen;
    expect(update.claimedBy?.id).to.equal(winnerId);
    expect((winners[0] as any).data.callerPhone).to.equal(call.from);
  });

  it('keeps agency officers out of contacts on REST and socket', async () => {
    const agency = await createTestAgency();
    const officer = await createTestUser('agency_officer', agency.id);
    const cookie = await loginAs(app.baseUrl, officer.username, officer.password);
    const call = await incomingCall(app.baseUrl);
    expect((await api(app.baseUrl, 'GET', '/api/contacts/queue', { cookie })).status).to.equal(403);
    expect((await api(app.baseUrl, 'GET', `/api/contacts/${call.id}`, { cookie })).status).to.equal(403);
    expect((await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/claim`, { cookie })).status).to.equal(403);
    const s = await readySocket(app.baseUrl, cookie);
    sockets.push(s);
    for (const [event, payload] of [['queue:sync', undefined], ['contact:claim', { contactId: call.id }], ['contact:open', { contactId: call.id }]] as const) {
      const res: any = payload ? await (s.timeout(3000) as any).emitWithAck(event, payload) : await (s.timeout(3000) as any).emitWithAck(event);
      expect(res, event).to.have.nested.property('error.code', 'forbidden');
    }
    const row = await db().selectFrom('contacts').select('status').where('id', '=', call.id).executeTakeFirstOrThrow();
    expect(row.status).to.equal('queued');
  });

  it('keeps an autosaved draft intact across a disconnect and refuses a stale version', async () => {
    const a = await operator();
    const call = await incomingCall(app.baseUrl);
    await a.socket.timeout(3000).emitWithAck('contact:claim', { contactId: call.id });
    const draft = { narrative: 'Người gọi nói em gái bị giữ ở Campuchia', indicators: ['confinement'], immediateDanger: true };
    const saved: any = await a.socket.timeout(3000).emitWithAck('draft:save', { contactId: call.id, version: 0, draft });
    expect(saved.data.version).to.equal(1);
    a.socket.disconnect();
    const again = await readySocket(app.baseUrl, a.cookie);
    sockets.push(again);
    const opened: any = await again.timeout(3000).emitWithAck('contact:open', { contactId: call.id });
    expect(opened.data.draft).to.deep.equal(draft);
    expect(opened.data.draftVersion).to.equal(1);
    const stale: any = await again.timeout(3000).emitWithAck('draft:save', { contactId: call.id, version: 0, draft: { narrative: 'x' } });
    expect(stale.error.code).to.equal('conflict');
    const raw = await db().selectFrom('contacts').select('draft_enc').where('id', '=', call.id).executeTakeFirstOrThrow();
    expect(raw.draft_enc).not.to.include('Campuchia');
  });

  it('refuses bad wrap-ups naming the field, changing nothing', async () => {
    const a = await operator();
    const call = await incomingCall(app.baseUrl);
    await a.socket.timeout(3000).emitWithAck('contact:claim', { contactId: call.id });
    const cases: [Record<string, unknown>, string][] = [
      [{ purposes: [] }, 'wrapUp.purposes'],
      [{ victims: [{ sex: 'female', age: 130 }] }, 'wrapUp.victims.0.age'],
      [{ location: { kind: 'abroad', country: 'Cambodia' } }, 'wrapUp.location.country'],
      [{ location: { kind: 'abroad', country: 'XK' } }, 'wrapUp.location.country'], // looks like a code, is not ISO
      [{ victims: [{ sex: 'female', ethnicity: 'Hmông' }] }, 'wrapUp.victims.0.ethnicity'], // a name, not the code 08
      [{ victims: [{ sex: 'female', ethnicity: '08' }, { sex: 'male', ethnicity: '56' }] }, 'wrapUp.victims.1.ethnicity'],
      [{ victims: [{ sex: 'female', nationality: 'ZZ' }] }, 'wrapUp.victims.0.nationality'],
    ];
    for (const [override, field] of cases) {
      const r: any = await a.socket.timeout(3000).emitWithAck('contact:wrap-up', { contactId: call.id, wrapUp: traffickingWrapUp(override as never) });
      expect(r.error.code, field).to.equal('invalid');
      expect(r.error.fields, field).to.have.property(field);
    }
    const unknownUnit = await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/wrap-up`, {
      cookie: a.cookie,
      body: traffickingWrapUp({ location: { kind: 'unit', dataset: 'vn-2025', code: '99999' } }),
    });
    expect(unknownUnit.status).to.equal(400);
    expect(unknownUnit.body.error.fields).to.have.property('location.code');
    for (const [victim, field] of [[{ ethnicity: 'Kinh' }, 'victims.0.ethnicity'], [{ nationality: 'EU' }, 'victims.0.nationality']] as const) {
      const r = await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/wrap-up`, {
        cookie: a.cookie, body: traffickingWrapUp({ victims: [{ sex: 'female', age: 16, ...victim }] as never }),
      });
      expect(r.status, field).to.equal(400);
      expect(r.body.error.fields, field).to.have.property(field);
    }
    const row = await db().selectFrom('contacts').select(['status', 'classification']).where('id', '=', call.id).executeTakeFirstOrThrow();
    expect(row).to.deep.equal({ status: 'in_progress', classification: null });
    const victims = await db().selectFrom('contact_victims').select('id').where('contact_id', '=', call.id).execute();
    expect(victims).to.have.length(0);
    expect(await db().selectFrom('routing_requests').select('id').where('contact_id', '=', call.id).execute()).to.have.length(0);
  });

  it('stores a trafficking wrap-up with a routing request and a job carrying only the contact id', async () => {
    const [a, watcher] = await Promise.all([operator(), operator()]);
    const call = await incomingCall(app.baseUrl);
    await a.socket.timeout(3000).emitWithAck('contact:claim', { contactId: call.id });
    const closed = contactChange(watcher.socket, (c) => c.contact.id === call.id && c.contact.status === 'closed');
    const r: any = await a.socket.timeout(5000).emitWithAck('contact:wrap-up', { contactId: call.id, wrapUp: traffickingWrapUp() });
    expect(r.data).to.include({ status: 'closed', classification: 'trafficking' });
    expect((await closed).classification).to.equal('trafficking');
    const req = await db().selectFrom('routing_requests').selectAll().where('contact_id', '=', call.id).executeTakeFirstOrThrow();
    expect(req.routed_at).to.equal(null); // the routing worker's to do (none runs here)
    const audited = await db().selectFrom('audit_log').selectAll().where('action', '=', 'contact.wrap_up').where('entity_id', '=', String(call.id)).execute();
    expect(audited).to.have.length(1);
    expect(audited[0]).to.include({ actor_role: 'operator', entity_type: 'contact' });
    expect(audited[0]!.details).to.deep.equal({ classification: 'trafficking', victims: 1, routed: true });
    const job = await routingJobOf({ db: db(), queues: testEnv().queues }, call.id);
    expect(job?.data).to.deep.equal({ contactId: call.id });
    const victims = await db().selectFrom('contact_victims').selectAll().where('contact_id', '=', call.id).execute();
    expect(victims).to.have.length(1);
    expect(victims[0]).to.include({ sex: 'female', age: 16, age_band: '16-17', under18: true });
    // Encryption at rest: neither the number nor the narrative is readable in the table.
    const raw = await sql<{ t: string }>`select row_to_json(c)::text as t from contacts c where id = ${call.id}`.execute(db());
    expect(raw.rows[0]!.t).not.to.include(call.from.slice(3));
    expect(raw.rows[0]!.t).not.to.include('Campuchia');
    // Wrapped up, the case is no longer the operator's to see (disclosure.ts); the supervisors hold the record.
    expect((await api(app.baseUrl, 'GET', `/api/contacts/${call.id}`, { cookie: a.cookie })).status).to.equal(403);
    const opened = await api(app.baseUrl, 'GET', `/api/contacts/${call.id}`, { cookie: watcher.cookie });
    expect(opened.status).to.equal(403); // another operator never handled it
    const sup = await operator('supervisor');
    const bySupervisor = await api(app.baseUrl, 'GET', `/api/contacts/${call.id}`, { cookie: sup.cookie });
    expect(bySupervisor.body.contact.wrapUp.narrative).to.include('Campuchia');
  });

  it('records no routing request for a contact that is not relevant', async () => {
    const a = await operator();
    const call = await incomingCall(app.baseUrl);
    await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/claim`, { cookie: a.cookie });
    const r = await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/wrap-up`, {
      cookie: a.cookie,
      body: { callType: 'prank', classification: 'not_relevant' },
    });
    expect(r.status).to.equal(200);
    expect(await db().selectFrom('routing_requests').select('id').where('contact_id', '=', call.id).execute()).to.have.length(0);
  });

  it('refuses to claim a contact already taken (409) or wrap up one that is not yours', async () => {
    const [a, b] = await Promise.all([operator(), operator()]);
    const call = await incomingCall(app.baseUrl);
    expect((await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/claim`, { cookie: a.cookie })).status).to.equal(200);
    expect((await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/claim`, { cookie: b.cookie })).status).to.equal(409);
    const w = await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/wrap-up`, { cookie: b.cookie, body: traffickingWrapUp() });
    expect(w.status).to.equal(409);
    expect((await api(app.baseUrl, 'GET', `/api/contacts/${call.id}`, { cookie: b.cookie })).status).to.equal(403);
  });

  it('shows earlier contacts from the same number (repeat callers)', async () => {
    const a = await operator();
    const from = '+84977777001';
    const first = await incomingCall(app.baseUrl, from);
    const second = await incomingCall(app.baseUrl, from);
    const sync: any = await a.socket.timeout(3000).emitWithAck('queue:sync');
    const summary = sync.data.contacts.find((c: any) => c.id === second.id);
    expect(summary.repeatCount).to.equal(1);
    const claimed: any = await a.socket.timeout(3000).emitWithAck('contact:claim', { contactId: second.id });
    expect(claimed.data.earlierContacts.map((c: any) => c.id)).to.deep.equal([first.id]);
  });

  it('logs a walk-in by hand, claimed by the operator, and refuses an unknown channel', async () => {
    const a = await operator();
    const r = await api(app.baseUrl, 'POST', '/api/contacts', {
      cookie: a.cookie,
      body: { channel: 'walk_in', callerPhone: '0912 000 111', summary: 'Mẹ đến báo con mất tích' },
    });
    expect(r.status).to.equal(201);
    expect(r.body.contact).to.include({ channel: 'walk_in', status: 'in_progress', callerPhone: '+84912000111' });
    expect(r.body.contact.claimedBy.id).to.equal(a.id);
    expect(r.body.contact.draft.narrative).to.equal('Mẹ đến báo con mất tích');
    const bad = await api(app.baseUrl, 'POST', '/api/contacts', { cookie: a.cookie, body: { channel: 'pigeon' } });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.fields).to.have.property('channel');
  });

  it('shows who is online and what each handles', async () => {
    const a = await operator();
    const call = await incomingCall(app.baseUrl);
    const update = new Promise<any>((resolve) =>
      a.socket.on('presence:updated', (p) => p.find((x: any) => x.userId === a.id)?.handling.some((h: any) => h.id === call.id) && resolve(p)),
    );
    await a.socket.timeout(3000).emitWithAck('contact:claim', { contactId: call.id });
    const presence = await update;
    expect(presence.find((x: any) => x.userId === a.id).displayName).to.equal('Test operator');
    const cleared = new Promise<any>((resolve) =>
      a.socket.on('presence:updated', (p) => p.find((x: any) => x.userId === a.id)?.handling.length === 0 && resolve(p)),
    );
    await a.socket.timeout(3000).emitWithAck('contact:wrap-up', { contactId: call.id, wrapUp: { callType: 'silent', classification: 'not_relevant' } });
    await cleared;
    const walkIn = new Promise<any>((resolve) =>
      a.socket.on('presence:updated', (p) => p.find((x: any) => x.userId === a.id)?.handling.some((h: any) => h.channel === 'walk_in') && resolve(p)),
    );
    await api(app.baseUrl, 'POST', '/api/contacts', { cookie: a.cookie, body: { channel: 'walk_in' } });
    await walkIn;
  });
});
