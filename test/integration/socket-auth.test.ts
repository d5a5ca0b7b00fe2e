import { expect } from 'chai';
import { ROOMS } from '../../shared/index.js';
import { api, createTestAgency, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { once, socketFor, type ClientSocket } from '../support/socket.js';

describe('Socket.IO: handshake on the session cookie, rooms by role', () => {
  let app: TestApp;
  const sockets: ClientSocket[] = [];
  const open = (cookie?: string) => {
    const s = socketFor(app.baseUrl, cookie);
    sockets.push(s);
    return s;
  };
  before(async () => (app = await startTestApp()));
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  after(async () => app.close());

  it('refuses a connection without a session', async () => {
    const err = await once<Error>(open(), 'connect_error');
    expect(err.message).to.equal('unauthenticated');
  });

  it('refuses a forged or logged-out cookie', async () => {
    const err = await once<Error>(open('h111_sid=forged-token-value'), 'connect_error');
    expect(err.message).to.equal('unauthenticated');
  });

  it('puts an operator in the operators room', async () => {
    const u = await createTestUser('operator');
    const ready = await once<any>(open(await loginAs(app.baseUrl, u.username, u.password)), 'session:ready');
    expect(ready.user.id).to.equal(u.id);
    expect(ready.rooms).to.deep.equal([ROOMS.operators, ROOMS.user(u.id)]);
  });

  it('puts an agency officer only in its agency room: the operators queue never reaches it', async () => {
    const agency = await createTestAgency();
    const officer = await createTestUser('agency_officer', agency.id);
    const operator = await createTestUser('operator');
    const officerCookie = await loginAs(app.baseUrl, officer.username, officer.password);
    const operatorCookie = await loginAs(app.baseUrl, operator.username, operator.password);
    const officerSocket = open(officerCookie);
    const operatorSocket = open(operatorCookie);
    const [ready] = await Promise.all([once<any>(officerSocket, 'session:ready'), once(operatorSocket, 'session:ready')]);
    expect(ready.rooms).to.deep.equal([ROOMS.agency(agency.id), ROOMS.user(officer.id)]);

    const heard: string[] = [];
    (officerSocket as any).on('probe', (p: string) => heard.push(`officer:${p}`));
    (operatorSocket as any).on('probe', (p: string) => heard.push(`operator:${p}`));
    (app.io as any).to(ROOMS.operators).emit('probe', 'queue');
    (app.io as any).to(ROOMS.agency(agency.id)).emit('probe', 'referral');
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.sort()).to.deep.equal(['officer:referral', 'operator:queue']);
  });

  it('answers system:ping with an ack', async () => {
    const u = await createTestUser('supervisor');
    const s = open(await loginAs(app.baseUrl, u.username, u.password));
    const ready = await once<any>(s, 'session:ready');
    expect(ready.rooms).to.include(ROOMS.supervisors);
    const res = await s.timeout(3000).emitWithAck('system:ping');
    expect(res).to.have.nested.property('data.serverTime');
  });

  it('ends the live socket when the session logs out', async () => {
    const u = await createTestUser('operator');
    const cookie = await loginAs(app.baseUrl, u.username, u.password);
    const s = open(cookie);
    await once(s, 'session:ready');
    const ended = once<any>(s, 'session:ended');
    const disconnected = once(s, 'disconnect');
    expect((await api(app.baseUrl, 'POST', '/api/auth/logout', { cookie })).status).to.equal(204);
    expect((await ended).reason).to.equal('logout');
    await disconnected;
    const again = await once<Error>(open(cookie), 'connect_error');
    expect(again.message).to.equal('unauthenticated');
  });
});
