import { expect } from 'chai';
import type { z } from 'zod';
import {
  contactIdPayload, declinePayload, draftSavePayload, messageSendPayload, referralIdPayload, wrapUpPayload,
} from '../../shared/index.js';
import { apiRouteDefs } from '../../server/http/api.js';
import type { RouteDef } from '../../server/http/routes.js';
import type { ValidatingHandler } from '../../server/http/validate.js';
import { incomingCall, PUBLIC_URL } from '../support/contacts.js';
import { agencyByCode, ensureDemoData } from '../support/demo-data.js';
import { deeplyNested, leavesOf, mutationsOf, RawJson, toJsonBody, withValueAt, type Mutation } from '../support/fuzz.js';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { classifiedCase, IN_VI_XUYEN, route as routeCase } from '../support/referrals.js';
import { readySocket, type ClientSocket } from '../support/socket.js';
import { testEnv } from '../support/test-env.js';
import { newSid, signedTwilioPost, TEST_TWILIO } from '../support/twilio.js';
import { examples, wrapUpExample, type Example, type FuzzFixtures } from './fuzz-examples.js';
import { installWriteLog, type WriteLog } from './fuzz-write-log.js';

type Failure = { where: string; field: string; category: string; outcome: string };
const describeFailures = (fs: Failure[]) => fs.slice(0, 25).map((f) => `${f.where} ${f.field} [${f.category}] → ${f.outcome}`).join('\n');

describe('fuzz: bad input on every route, webhook and socket event is a 4xx and writes nothing', function () {
  this.timeout(120_000);
  let app: TestApp;
  let writes: WriteLog;
  let fx: FuzzFixtures;
  const cookies: Record<string, string> = {};

  before(async () => {
    await ensureDemoData();
    app = await startTestApp({ config: { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL } });
    for (const role of ['admin', 'supervisor', 'operator'] as const) {
      const u = await createTestUser(role);
      cookies[role] = await loginAs(app.baseUrl, u.username, u.password);
    }
    const caseId = await classifiedCase(app, IN_VI_XUYEN);
    const [referralId] = await routeCase(app, caseId);
    const referral = await testEnv().db.selectFrom('referrals').select(['id', 'agency_id']).where('id', '=', referralId!).executeTakeFirstOrThrow();
    const officer = await createTestUser('agency_officer', referral.agency_id);
    cookies.agency_officer = await loginAs(app.baseUrl, officer.username, officer.password);
    const call = await incomingCall(app.baseUrl);
    await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/claim`, { cookie: cookies.operator });
    const agency = await agencyByCode('tuyen-quang-police');
    const unit = await testEnv().db.selectFrom('admin_units').select('id').where('dataset', '=', 'vn-2025').where('code', '=', '08').executeTakeFirstOrThrow();
    fx = { contactId: call.id, draftVersion: 0, referralId: referral.id, agencyId: agency.id, agencyCode: 'tuyen-quang-police', userId: officer.id, unitId: unit.id };
    writes = await installWriteLog();
  });
  after(async () => {
    await writes?.remove();
    await app?.close();
  });

  it('refuses every generated bad value of every REST route with a 4xx naming a field, and writes nothing', async () => {
    const all = examples(fx);
    const failures: Failure[] = [];
    let sent = 0;
    for (const def of apiRouteDefs(app.ctx)) {
      const v = def.handlers.find((h): h is ValidatingHandler => 'schemas' in h);
      if (!v) continue;
      const example = all[`${def.method} ${def.path}`] ?? {};
      const before = await writes.count();
      const cases = casesFor(v.schemas, example);
      sent += cases.length;
      await inChunks(cases, 8, async (c) => {
        const res = await send(def, c.request);
        const named = res.status === 400 ? Object.keys(res.body?.error?.fields ?? {}).length > 0 : true;
        if (res.status < 400 || res.status >= 500 || !named)
          failures.push({ where: `${def.method.toUpperCase()} ${def.path}`, field: c.field, category: c.category, outcome: `${res.status} ${JSON.stringify(res.body).slice(0, 120)}` });
      });
      const wrote = await writes.since(before);
      if (wrote.length) failures.push({ where: `${def.method.toUpperCase()} ${def.path}`, field: '*', category: 'writes', outcome: wrote.join(', ') });
    }
    expect(sent).to.be.greaterThan(500);
    expect(failures, describeFailures(failures)).to.deep.equal([]);
  });

  it('answers bad webhook parameters without a 5xx, and a refused webhook writes nothing', async () => {
    const existing = await incomingCall(app.baseUrl);
    const hooks: Record<string, () => Record<string, string>> = {
      '/webhooks/twilio/voice': () => ({ CallSid: newSid('CA'), From: '+84912345678', CallStatus: 'ringing' }),
      '/webhooks/twilio/voice/status': () => ({ CallSid: existing.callSid, CallStatus: 'completed', CallDuration: '42', RecordingUrl: 'https://api.twilio.com/2010-04-01/Recordings/RE1' }),
      '/webhooks/twilio/messaging': () => ({ MessageSid: newSid('SM'), From: '+84912345678', Body: 'xin chào' }),
      '/webhooks/twilio/messaging/status': () => ({ MessageSid: newSid('SM'), MessageStatus: 'delivered', ErrorCode: '30003' }),
    };
    const failures: Failure[] = [];
    for (const [path, valid] of Object.entries(hooks)) {
      for (const field of Object.keys(valid())) {
        for (const m of mutationsOf({ path: [field], kind: 'string' }, { textOnly: true })) {
          const before = await writes.count();
          const res = await signedTwilioPost(app.baseUrl, path, { ...valid(), [field]: String(m.value) }, { publicBaseUrl: PUBLIC_URL });
          const wrote = res.status >= 400 ? await writes.since(before) : [];
          if (res.status >= 500 || wrote.length) failures.push({ where: path, field, category: m.category, outcome: `${res.status} ${wrote.join(',')}` });
        }
      }
    }
    expect(failures, describeFailures(failures)).to.deep.equal([]);
  });

  it('acks every generated bad socket payload with an error that is not internal, and writes nothing', async () => {
    const operator = await readySocket(app.baseUrl, cookies.operator!);
    const officer = await readySocket(app.baseUrl, cookies.agency_officer!);
    const events: [ClientSocket, string, z.ZodType, unknown][] = [
      [operator, 'contact:claim', contactIdPayload, { contactId: fx.contactId }],
      [operator, 'contact:release', contactIdPayload, { contactId: fx.contactId }],
      [operator, 'contact:open', contactIdPayload, { contactId: fx.contactId }],
      [operator, 'draft:save', draftSavePayload, { contactId: fx.contactId, version: 0, draft: { narrative: 'n' } }],
      [operator, 'contact:wrap-up', wrapUpPayload, { contactId: fx.contactId, wrapUp: wrapUpExample() }],
      [operator, 'message:send', messageSendPayload, { contactId: fx.contactId, body: 'xin chào' }],
      [officer, 'referral:accept', referralIdPayload, { referralId: fx.referralId }],
      [officer, 'referral:decline', declinePayload, { referralId: fx.referralId, reason: 'not ours' }],
    ];
    const failures: Failure[] = [];
    try {
      for (const [socket, event, schema, example] of events) {
        const before = await writes.count();
        for (const leaf of leavesOf(schema, example))
          for (const m of mutationsOf(leaf)) {
            // socket.io-client walks a payload recursively: 1,000 levels still exceed what a draft may hold.
            const value = m.value instanceof RawJson ? JSON.parse(deeplyNested(1000)) : m.value;
            const payload = JSON.parse(toJsonBody(withValueAt(example, m.path, value)));
            const ack = await (socket as any).timeout(10_000).emitWithAck(event, payload);
            if (!ack?.error || ack.error.code === 'internal')
              failures.push({ where: event, field: m.path.join('.'), category: m.category, outcome: JSON.stringify(ack).slice(0, 120) });
          }
        const wrote = await writes.since(before);
        if (wrote.length) failures.push({ where: event, field: '*', category: 'writes', outcome: wrote.join(', ') });
      }
    } finally {
      operator.disconnect();
      officer.disconnect();
    }
    expect(failures, describeFailures(failures)).to.deep.equal([]);
  });

  type Request = { params: Record<string, string>; query: Record<string, string>; body: string | undefined };
  type Case = { field: string; category: string; request: Request };

  function casesFor(schemas: ValidatingHandler['schemas'], ex: Example): Case[] {
    const base: Request = { params: ex.params ?? {}, query: ex.query ?? {}, body: ex.body === undefined ? undefined : toJsonBody(ex.body) };
    const out: Case[] = [];
    const add = (part: string, m: Mutation, request: Request) => out.push({ field: `${part}.${m.path.join('.')}`, category: m.category, request });
    for (const part of ['params', 'query'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      for (const leaf of leavesOf(schema, ex[part] ?? {}))
        for (const m of mutationsOf(leaf, { textOnly: true }))
          add(part, m, { ...base, [part]: { ...base[part], [String(m.path[0])]: m.value as string } });
    }
    if (schemas.body)
      for (const leaf of leavesOf(schemas.body, ex.body ?? {}))
        for (const m of mutationsOf(leaf)) add('body', m, { ...base, body: toJsonBody(withValueAt(ex.body ?? {}, m.path, m.value)) });
    return out;
  }

  async function send(def: RouteDef, r: Request) {
    const path = def.path.replace(/:([A-Za-z]+)/g, (_m, k: string) => encodeURIComponent(r.params[k] ?? '1'));
    const query = new URLSearchParams(r.query).toString();
    const role = 'public' in def.allow ? null : 'roles' in def.allow ? def.allow.roles[0]! : 'operator';
    return api(app.baseUrl, def.method.toUpperCase(), `/api${path}${query ? `?${query}` : ''}`, {
      cookie: role ? cookies[role] : undefined,
      ...(r.body !== undefined && { body: r.body, headers: { 'content-type': 'application/json' } }),
    });
  }
});

async function inChunks<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}
