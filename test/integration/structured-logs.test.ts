import { startDemoApp } from '../support/demo-app.js';
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers.js';
import { traffickingWrapUp } from '../support/contacts.js';
import { api, createTestUser, loginAs, type TestApp } from '../support/http.js';
import { logCapture } from '../support/log-capture.js';
import { IN_VI_XUYEN } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { until } from '../support/until.js';

type Line = Record<string, unknown>;

/**
 * The product's real loggers (pino) for a server and a workers process, capturing their lines while an operator
 * records a walk-in with a phone number, a name and a narrative, and the routing worker routes the case.
 */
describe('structured logs: one JSON line per event, followed from the HTTP request to the routing job, without personal data', function () {
  this.timeout(90_000);
  const capture = logCapture();
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let app: TestApp;
  let workers: RunningWorkers;

  const tag = randomBytes(4).toString('hex');
  const phone = `+8491${String(Math.floor(1e6 + Math.random() * 9e6))}`;
  const personal = {
    phone,
    nationalPhone: `0${phone.slice(3)}`,
    name: `Nguyễn Thị Zq${tag}`,
    summary: `Tóm tắt zqsum${tag}`,
    narrative: `Em bị giữ hộ chiếu ở Campuchia zqnar${tag}`,
    wishesNote: `Muốn về nhà zqwish${tag}`,
  };
  const requestId = `lb-${tag}-0001`;
  let contactId: number;
  let password: string;
  let cookie: string;
  const answers: { path: string; reqId: string | null }[] = [];

  before(async () => {
    ({ scratch, app } = await startDemoApp({ OUTBOUND_SMS: 'outbox' }, { log: capture.logger('server') }));
    workers = await startWorkers({ ...app.ctx, log: capture.logger('workers') });

    const op = await createTestUser('operator', null, scratch.db);
    password = op.password;
    cookie = await loginAs(app.baseUrl, op.username, op.password);
    const intake = await api(app.baseUrl, 'POST', '/api/contacts', {
      cookie,
      body: { channel: 'zalo', callerPhone: personal.phone, callerHandle: personal.name, summary: personal.summary },
    });
    expect(intake.status, JSON.stringify(intake.body)).to.equal(201);
    contactId = intake.body.contact.id;
    const path = `/api/contacts/${contactId}/wrap-up`;
    const wrapUp = await api(app.baseUrl, 'POST', path, {
      cookie,
      headers: { 'x-request-id': requestId }, // as a load balancer in front sets it
      body: traffickingWrapUp({ ...IN_VI_XUYEN, narrative: personal.narrative, wishesNote: personal.wishesNote }),
    });
    expect(wrapUp.status, JSON.stringify(wrapUp.body)).to.equal(200);
    answers.push({ path, reqId: wrapUp.headers.get('x-request-id') });
    await until(async () => {
      const r = await scratch.db.selectFrom('routing_requests').select('routed_at').where('contact_id', '=', contactId).executeTakeFirst();
      return !!r?.routed_at;
    }, 30_000);
    // The routing line is written right after the referral transaction commits.
    await until(async () => capture.lines.some((l) => l.includes('"routed: ')), 5_000);
  });
  after(async () => {
    await workers?.close();
    await app?.close();
    await scratch?.drop();
  });

  const lines = () => capture.lines.map((l) => JSON.parse(l) as Line);

  it('writes every line as one JSON object with a level, a time, a message and the process role', () => {
    expect(capture.lines.length).to.be.at.least(5); // login, intake, wrap-up (two lines), routing
    for (const raw of capture.lines) {
      expect(raw).not.to.include('\n');
      const line = JSON.parse(raw) as Line;
      expect(line.level, raw).to.be.oneOf(['debug', 'info', 'warn', 'error', 'fatal']);
      expect(Date.parse(String(line.time)), raw).to.be.a('number').and.not.NaN;
      expect(line.msg, raw).to.be.a('string');
      expect(line.role, raw).to.be.oneOf(['server', 'workers']);
    }
  });

  it("keeps the proxy's request id, echoes it, and puts it on every line of that request", () => {
    expect(answers[0]!.reqId).to.equal(requestId);
    const ofRequest = lines().filter((l) => l.reqId === requestId);
    const ended = ofRequest.find((l) => l.msg === 'request');
    expect(ended).to.include({ role: 'server', method: 'POST', path: answers[0]!.path, status: 200 });
    expect(ended!.userId).to.be.a('number');
    expect(ended).not.to.have.property('contactId'); // one line's fields never leak into the next
    // The wrap-up's own line, logged deep in the service, carries the request id and the contact id to follow.
    expect(ofRequest.find((l) => l.msg === 'wrapped up')).to.include({ contactId, routed: true });
  });

  it('gives a request without a (sane) X-Request-Id a new one, in the header and the log', async () => {
    for (const given of [undefined, 'has spaces and "quotes"', 'x'.repeat(65)]) {
      const r = await api(app.baseUrl, 'GET', '/api/auth/me', { cookie, headers: given ? { 'x-request-id': given } : {} });
      const reqId = r.headers.get('x-request-id')!;
      expect(reqId).to.match(/^[0-9a-f-]{36}$/);
      expect(lines().filter((l) => l.reqId === reqId && l.msg === 'request')).to.have.length(1);
    }
  });

  it("follows the case into the workers: the routing job's line has the queue, job id and contact id", () => {
    const routed = lines().find((l) => l.role === 'workers' && l.queue === 'routing' && l.contactId === contactId);
    expect(routed, capture.lines.join('\n')).to.exist;
    expect(routed!.jobId).to.be.a('string').and.not.equal('');
    expect(routed!.msg).to.match(/^routed: [1-9]\d* referrals$/);
    expect(routed!.referralIds).to.be.an('array').that.is.not.empty;
    // Jobs that ran before it carry their own queue and id too (the notify jobs of the referral alerts).
    for (const l of lines().filter((x) => x.role === 'workers' && x.queue)) expect(l.jobId, JSON.stringify(l)).to.be.a('string');
  });

  it('has none of the personal data submitted (phone, name, summary, narrative, wishes), nor the password or session', () => {
    const token = cookie.split('=')[1]!;
    const needles = [...Object.values(personal), password, token];
    for (const needle of needles) expect(capture.lines.filter((l) => l.includes(needle)), needle).to.deep.equal([]);
  });
});
