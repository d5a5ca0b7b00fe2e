import type { WrapUpInput } from '../../shared/index.js';
import { traffickingWrapUp } from '../support/contacts.js';

/** Rows the examples point at, so that a value a schema lets through reaches the handler and the database. */
export interface FuzzFixtures {
  contactId: number;
  draftVersion: number;
  referralId: number;
  agencyId: number;
  agencyCode: string;
  userId: number;
  unitId: number;
}

export interface Example {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

const period = { from: '2025-01-01', to: '2025-06-30' };
const unit = { dataset: 'vn-2025', code: '08' } as const;

export const wrapUpExample = (): WrapUpInput =>
  traffickingWrapUp({
    location: { kind: 'unit', dataset: 'vn-2025', code: '00913' },
    homeLocation: { kind: 'unit', dataset: 'vn-2025', code: '00913' },
    wishesNote: 'về nhà',
  });

/** A valid request for every route that validates its input, keyed "method path" as declared in server/http/routes.ts. */
export function examples(f: FuzzFixtures): Record<string, Example> {
  const id = (n: number) => ({ id: String(n) });
  const agency = {
    code: f.agencyCode, name: 'Fuzz agency', type: 'police', parentAgencyId: null, coverage: [unit], services: ['a'],
    focalPhones: ['0912345678'], calendar: { mode: 'working_hours', hours: { mon: [['07:30', '11:30']] } }, shelter: null,
    active: true, validFrom: '2025-07-01', validTo: null, seat: unit,
  };
  const target = { value: 1, unit: 'hours' };
  return {
    'post /auth/login': { body: { username: 'someone', password: 'not-the-password' } },
    'post /admin/users': { body: { username: 'fuzz-user', password: 'a-long-enough-password', displayName: 'Fuzz', role: 'operator', agencyId: null, phone: null, locale: 'vi' } },
    'put /admin/users/:id': { params: id(f.userId), body: { displayName: 'Fuzz', role: 'operator', agencyId: null, phone: '0912345678', locale: 'vi', active: true, password: 'a-long-enough-password' } },
    'get /units': { query: { dataset: 'vn-2025', parent: '08', level: 'commune', q: 'vi', limit: '10' } },
    'get /places': { query: { q: 'vi xuyen', limit: '5' } },
    'get /admin/agencies/:id': { params: id(f.agencyId) },
    'post /admin/agencies': { body: { ...agency, code: 'fuzz-new-agency' } },
    'put /admin/agencies/:id': { params: id(f.agencyId), body: agency },
    'post /contacts': { body: { channel: 'walk_in', callerPhone: '0912345678', callerHandle: 'zalo', receivedAt: '2025-01-02T03:04:05+07:00', summary: 's', claim: true } },
    'get /contacts/:id': { params: id(f.contactId) },
    'post /contacts/:id/claim': { params: id(f.contactId) },
    'post /contacts/:id/release': { params: id(f.contactId) },
    'put /contacts/:id/draft': { params: id(f.contactId), body: { version: f.draftVersion, draft: { narrative: 'n', victims: [{ age: 3 }] } } },
    'post /contacts/:id/wrap-up': { params: id(f.contactId), body: wrapUpExample() },
    'post /contacts/:id/messages': { params: id(f.contactId), body: { body: 'xin chào' } },
    'post /contacts/:id/case': { params: id(f.contactId), body: { caseId: f.contactId } },
    'delete /contacts/:id/case': { params: id(f.contactId) },
    'get /cases/:id': { params: id(f.contactId) },
    'get /referrals': { query: { status: 'pending,accepted', track: 'primary' } },
    'get /referrals/inbox': { query: { tab: 'closed', limit: '20' } },
    'get /referrals/:id': { params: id(f.referralId) },
    'post /referrals/:id/accept': { params: id(f.referralId) },
    'post /referrals/:id/decline': { params: id(f.referralId), body: { reason: 'not ours' } },
    'post /referrals/:id/support': { params: id(f.referralId), body: { regime: 'a', givenOn: '2025-01-02', note: 'n' } },
    'post /referrals/:id/close': { params: id(f.referralId), body: { outcome: 'not_successful', reason: 'r' } },
    'post /referrals/:id/assign': { params: id(f.referralId), body: { agencyId: f.agencyId, note: 'n' } },
    'post /admin/routing-rules': { body: routingRule() },
    'put /admin/routing-rules/:id': { params: id(1), body: routingRule() },
    'put /agencies/:id/occupancy': { params: id(f.agencyId), body: { occupancy: 1 } },
    'post /supervisor/failed-jobs/:queue/:id/retry': { params: { queue: 'routing', id: 'job-1' } },
    'get /stats': { query: { ...period, areaId: String(f.unitId) } },
    'get /stats/:table.csv': { params: { table: 'contacts_by_channel' }, query: { ...period, areaId: String(f.unitId) } },
    'post /reports': { body: { ...period, areaId: f.unitId, label: 'l' } },
    'get /reports/:id': { params: id(1) },
    'get /reports/:id/file': { params: id(1) },
    'get /exports/htcds': { query: { ...period, areaId: String(f.unitId), k: '11', format: 'json' } },
    'put /sla/policies/:priority': {
      params: { priority: 'urgent' },
      body: { targets: { acknowledge: target, first_action: target, close: target }, calendar: { mode: '24x7' }, warnPercent: 75, supervisorAfterPercent: 25 },
    },
    'get /sla/holidays': { query: { year: '2025' } },
    'post /sla/holiday-overrides': { body: { date: '2026-01-02', kind: 'holiday', name: 'n' } },
    'delete /sla/holiday-overrides/:id': { params: id(1) },
    'get /supervisor/board': { query: board(f) },
    'get /supervisor/sla-metrics': { query: board(f) },
    'post /supervisor/escalations/:id/resolve': { params: id(1), body: { note: 'decided' } },
    'post /agencies/mine/escalations/:id/resolve': { params: id(1), body: { note: 'decided' } },
    'post /referrals/:id/clocks/:kind/pause': { params: { id: String(f.referralId), kind: 'acknowledge' }, body: { reason: 'waiting' } },
    'post /referrals/:id/clocks/:kind/resume': { params: { id: String(f.referralId), kind: 'acknowledge' }, body: { note: 'n' } },
  };
}

const board = (f: FuzzFixtures) => ({ provinceId: String(f.unitId), agencyId: String(f.agencyId), agencyType: 'police', priority: 'urgent', classification: 'trafficking' });

function routingRule() {
  return {
    name: 'Fuzz rule', track: 'police', position: 5, active: false,
    filter: { classifications: ['trafficking'], under18: true, immediateDanger: false, locationWithin: [unit], abroad: false, needsShelter: false },
    targets: [{ agencyType: 'police', scope: 'province', priority: 'case', timeoutMinutes: 15 }],
    onExhausted: 'supervisor',
  };
}
