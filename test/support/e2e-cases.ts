import { expect } from 'chai';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { traffickingWrapUp } from './contacts.js';
import type { WrapUpInput } from '../../shared/index.js';
import { newSid, signedTwilioPost } from './twilio.js';

/** Logs a demo user in over the API of a running product and returns the session cookie. */
export async function demoCookie(url: string, username: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'hotline111-demo' }),
  });
  expect(login.status).to.equal(200);
  return login.headers.getSetCookie()[0]!.split(';')[0]!;
}

/**
 * A call rings in from `from` (a signed voice webhook, as Twilio sends it) and the operator logged in on `page`
 * claims it from the queue: the contact's id, once its triage form is open.
 */
export async function claimRingingCall(page: Page, url: string, db: pg.Client, publicBaseUrl: string, from: string): Promise<number> {
  const callSid = newSid('CA');
  await signedTwilioPost(url, '/webhooks/twilio/voice', { CallSid: callSid, From: from, CallStatus: 'ringing' }, { publicBaseUrl });
  const id = Number((await db.query<{ id: string }>('select id from contacts where twilio_sid = $1', [callSid])).rows[0]!.id);
  await page.getByTestId(`claim-${id}`).click();
  await page.getByTestId('triage-form').waitFor();
  return id;
}

/**
 * The operator's side, over the real API: a call classified as trafficking in Xã Vị Xuyên (2025 map), or in another
 * place the caller names (an old unit, say), with any other wrap-up fields given (immediate danger, say).
 */
export async function classifyCallInViXuyen(
  url: string, db: pg.Client, publicBaseUrl: string, place: { dataset: 'vn-2023' | 'vn-2025'; code: string } = { dataset: 'vn-2025', code: '00913' },
  wrapUp: Partial<WrapUpInput> = {},
): Promise<number> {
  const callSid = newSid('CA');
  await signedTwilioPost(url, '/webhooks/twilio/voice', { CallSid: callSid, From: '+84912000999', CallStatus: 'ringing' }, { publicBaseUrl });
  const id = Number((await db.query('select id from contacts where twilio_sid = $1', [callSid])).rows[0].id);
  const cookie = await demoCookie(url, 'operator');
  const call = (path: string, body?: unknown) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  expect((await call(`/api/contacts/${id}/claim`)).status).to.equal(200);
  const w = await call(`/api/contacts/${id}/wrap-up`, traffickingWrapUp({ location: { kind: 'unit', ...place }, consent: 'victim', ...wrapUp }));
  expect(w.status).to.equal(200);
  return id;
}

