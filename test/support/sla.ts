import type { Clock } from '../../server/app-context.js';
import { referralsServiceFor } from '../../server/domain/referrals/referrals.factory.js';
import { createSlaEngine } from '../../server/domain/sla/sla-engine.js';
import type { SessionUser } from '../../shared/index.js';
import { ensureDefaultRules } from '../../server/domain/routing/rules.repo.js';
import { PUBLIC_URL } from './contacts.js';
import { agencyByCode, ensureDemoData } from './demo-data.js';
import { startTestApp, type TestApp } from './http.js';
import { scratchDatabase } from './scratch-database.js';
import { TEST_TWILIO } from './twilio.js';

type ScratchDatabase = Awaited<ReturnType<typeof scratchDatabase>>;

/** A clock the test moves by hand: SLA arithmetic is checked at exact instants, never with sleeps. */
export function manualClock(start: string | Date) {
  let t = new Date(start).getTime();
  const clock: Clock & { set(at: Date | string): void; advance(ms: number): Date } = {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime();
    },
    advance: (ms) => new Date((t += ms)),
  };
  return clock;
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** The SLA engine on the app's own context (its clock, database, queues and live events). */
export function engineOf(app: TestApp) {
  return createSlaEngine(app.ctx, referralsServiceFor(app.ctx));
}

export async function clocksOf(app: TestApp, referralId: number) {
  const rows = await app.ctx.db.selectFrom('sla_clocks').selectAll().where('referral_id', '=', referralId).execute();
  return Object.fromEntries(rows.map((r) => [r.kind, r])) as Record<string, (typeof rows)[number]>;
}

export async function eventsOf(app: TestApp, referralId: number, type?: string) {
  let q = app.ctx.db.selectFrom('referral_events').selectAll().where('referral_id', '=', referralId).orderBy('id');
  if (type) q = q.where('type', '=', type as never);
  return q.execute();
}

export interface SlaScenario {
  app: TestApp;
  scratch: ScratchDatabase;
  viXuyen: { id: number; name: string };
  /** The Tuyên Quang Department of Health: the Vị Xuyên committee's parent, where its breaches escalate first. */
  tuyenQuangDept: { id: number; name: string };
  /** Moved by hand; starts on Monday 23 November 2026, 09:00 in Vietnam. */
  clock: ReturnType<typeof manualClock>;
}

/**
 * Registers before/after hooks for SLA tests: a database of its own with the demo agencies and default rules, and
 * the app on a manual clock. Read the fields inside the tests.
 */
export function slaScenario(): SlaScenario {
  const s = { clock: manualClock('2026-11-23T02:00:00Z') } as SlaScenario;
  before(async () => {
    s.scratch = await scratchDatabase();
    await ensureDefaultRules(s.scratch.db);
    await ensureDemoData(s.scratch.db);
    s.app = await startTestApp({ config: { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL }, db: s.scratch.db, clock: s.clock });
    s.viXuyen = await agencyByCode('tuyen-quang-commune-00913', s.scratch.db);
    s.tuyenQuangDept = await agencyByCode('tuyen-quang-health', s.scratch.db);
  });
  after(async () => {
    await s.app?.close();
    await s.scratch?.drop();
  });
  return s;
}

/** An agency officer (or, with a role, another user) as services see the caller. */
export function actorOf(agencyId: number | null, role: SessionUser['role'] = 'agency_officer', id = 1) {
  return {
    user: { id, role, agencyId, username: 'o', displayName: 'O', locale: 'vi' } as unknown as SessionUser,
    origin: { ip: '127.0.0.1', userAgent: 'test' },
  };
}
