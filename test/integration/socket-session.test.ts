import { expect } from 'chai';
import { createStreamsEmitter } from '../../server/realtime/publisher.js';
import { STREAM_MAX_AGE_MS, streamNameFor } from '../../server/realtime/stream-trim.js';
import { createTestAgency, createTestUser, sessionCookie, startTestApp, type TestApp } from '../support/http.js';
import { once, readySocket, socketFor, type ClientSocket } from '../support/socket.js';
import { testEnv } from '../support/test-env.js';

/** Issue 15, finding 6: a socket lives no longer than its session, and opens only from our own origin. */
describe('Socket.IO sessions: every event checked, lapsed sessions closed, the origin checked', () => {
  let app: TestApp;
  const sockets: ClientSocket[] = [];
  const keep = (s: ClientSocket) => (sockets.push(s), s);
  before(async () => (app = await startTestApp({ config: { SESSION_SWEEP_SECONDS: '1' } })));
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  after(async () => app.close());

  const sessionsOf = (userId: number) => app.ctx.db.selectFrom('sessions').where('user_id', '=', userId);

  it('refuses an event once the session row is gone, and closes the socket with session:ended', async () => {
    const u = await createTestUser('operator');
    const s = keep(await readySocket(app.baseUrl, await sessionCookie(app, u.id)));
    expect(await s.timeout(3000).emitWithAck('queue:sync')).to.have.property('data');
    await app.ctx.db.deleteFrom('sessions').where('user_id', '=', u.id).execute(); // as a purge or another node would
    const ended = once<{ reason: string }>(s, 'session:ended');
    const closed = once(s, 'disconnect');
    const res: any = await s.timeout(3000).emitWithAck('queue:sync');
    expect(res.error.code).to.equal('unauthenticated');
    expect((await ended).reason).to.equal('expired');
    await closed;
  });

  it('refuses an agency action on an expired session: nothing runs', async () => {
    const agency = await createTestAgency();
    const u = await createTestUser('agency_officer', agency.id);
    const s = keep(await readySocket(app.baseUrl, await sessionCookie(app, u.id)));
    await app.ctx.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', u.id).execute();
    const accept: any = await s.timeout(3000).emitWithAck('referral:accept', { referralId: 1 });
    expect(accept.error.code).to.equal('unauthenticated'); // not 'not_found': the service never ran
  });

  it('closes a socket that only listens once its session expires (the sweep)', async () => {
    const u = await createTestUser('supervisor');
    const s = keep(await readySocket(app.baseUrl, await sessionCookie(app, u.id)));
    const ended = once<{ reason: string }>(s, 'session:ended', 5000);
    await app.ctx.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', u.id).execute();
    expect((await ended).reason).to.equal('expired');
    expect(await sessionsOf(u.id).select('id').execute()).to.have.length(1); // only the socket ended: the row is the purge's
  });

  it('keeps a live session connected through the sweep', async () => {
    const u = await createTestUser('operator');
    const s = keep(await readySocket(app.baseUrl, await sessionCookie(app, u.id)));
    await new Promise((r) => setTimeout(r, 1500));
    expect(s.connected).to.equal(true);
    expect(await s.timeout(3000).emitWithAck('system:ping')).to.have.nested.property('data.serverTime');
  });

  it('refuses a handshake from another origin, as the API refuses its requests; our own origin connects', async () => {
    const u = await createTestUser('operator');
    const cookie = await sessionCookie(app, u.id);
    const foreign = keep(socketFor(app.baseUrl, cookie, { origin: 'https://attacker.example' }));
    const heard: string[] = [];
    foreign.on('session:ready', () => heard.push('ready'));
    await once<Error>(foreign, 'connect_error');
    expect(heard).to.deep.equal([]);
    const own = keep(socketFor(app.baseUrl, cookie, { origin: app.baseUrl }));
    expect(await once<any>(own, 'session:ready')).to.have.nested.property('user.id', u.id);
  });
});

/** Issue 15, finding 1: the Redis stream behind the adapter keeps only what a reconnecting node needs. */
describe('the Socket.IO stream in Redis: bounded in age', () => {
  it('drops entries older than the age bound when a worker appends events', async () => {
    const { redis, config } = testEnv();
    const prefix = `${config.REDIS_PREFIX}_trim`; // a stream of its own: the run's already has newer entries
    const stream = streamNameFor(prefix);
    const old = Date.now() - STREAM_MAX_AGE_MS - 60_000;
    for (let i = 1; i <= 150; i++) await redis.xadd(stream, `${old}-${i}`, 'uid', 'test', 'data', '{}');
    createStreamsEmitter(redis, prefix).emit('supervisors', 'sla:changed', { referralIds: [1], escalated: false });
    await new Promise((r) => setTimeout(r, 200));
    const entries = await redis.xrange(stream, '-', '+');
    const cutoff = Date.now() - STREAM_MAX_AGE_MS - 1000;
    expect(entries.length).to.be.greaterThan(0);
    expect(entries.filter(([id]) => Number(id.split('-')[0]) < cutoff)).to.deep.equal([]);
  });
});
