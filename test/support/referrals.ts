import type { WrapUpInput } from '../../shared/index.js';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';
import { incomingCall, traffickingWrapUp } from './contacts.js';
import { api, createTestUser, loginAs, type TestApp } from './http.js';

/** A call classified through the real API (claim + wrap-up by an operator); returns the contact id. */
export async function classifiedCase(app: TestApp, overrides: Partial<WrapUpInput> = {}): Promise<number> {
  const op = await createTestUser('operator', null, app.ctx.db);
  const cookie = await loginAs(app.baseUrl, op.username, op.password);
  const call = await incomingCall(app.baseUrl, undefined, app.ctx.db);
  await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/claim`, { cookie });
  const r = await api(app.baseUrl, 'POST', `/api/contacts/${call.id}/wrap-up`, { cookie, body: traffickingWrapUp(overrides) });
  if (r.status !== 200) throw new Error(`wrap-up answered ${r.status}: ${JSON.stringify(r.body)}`);
  return call.id;
}

/** A case in Xã Vị Xuyên (commune 00913 of the 2025 two-tier map; Hà Giang's Vị Xuyên district before). */
export const IN_VI_XUYEN: Partial<WrapUpInput> = { location: { kind: 'unit', dataset: 'vn-2025', code: '00913' } };

export async function route(app: TestApp, contactId: number) {
  return referralsServiceFor(app.ctx).routeContact(contactId);
}

export async function referralsOf(app: TestApp, contactId: number) {
  return app.ctx.db.selectFrom('referrals').selectAll().where('contact_id', '=', contactId).orderBy('id').execute();
}

/** An officer of the given agency, logged in. */
export async function officerOf(app: TestApp, agencyId: number) {
  const u = await createTestUser('agency_officer', agencyId, app.ctx.db);
  return { ...u, cookie: await loginAs(app.baseUrl, u.username, u.password) };
}
