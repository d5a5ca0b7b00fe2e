import type { Queue } from 'bullmq';
import type { AppContext } from '../../app-context.js';
import { notifyJobId } from '../notifications/notifications-relay.js';
import { reportJobId } from '../reports/reports-relay.js';
import { MAX_ROUTING_SENDS, routingJobId } from '../routing/routing-outbox.js';

/** An outbox row not done this long after it was written is shown to the supervisor (the relays retry well before). */
export const STUCK_AFTER_MINUTES = 15;

/** What the failed-jobs list shows of one: ids, counts and instants only, never personal data. */
export interface StuckRequest {
  queue: 'routing' | 'notify' | 'reports';
  id: string;
  name: string;
  data: Record<string, number>;
  failedReason: string;
  attemptsMade: number;
  failedAt: string;
  stuck: true;
  /** Routing only: a supervisor's retry sends it once more (the other relays never give up by themselves). */
  retryable: boolean;
}

type Ctx = Pick<AppContext, 'db' | 'queues' | 'clock'>;

/**
 * Outbox rows PostgreSQL says are not done STUCK_AFTER_MINUTES after they were written, whatever their job looks
 * like (waiting behind a dead worker, failed, lost with Redis, or completed before a database restore): nothing
 * waits unseen. Each says why, with the state of the job it was last sent as.
 */
export async function stuckRequests(ctx: Ctx): Promise<StuckRequest[]> {
  const now = ctx.clock.now();
  const before = new Date(now.getTime() - STUCK_AFTER_MINUTES * 60_000);
  const minutes = (at: Date) => Math.round((now.getTime() - at.getTime()) / 60_000);
  const [routing, notifications, reports] = await Promise.all([
    ctx.db.selectFrom('routing_requests').select(['contact_id', 'created_at', 'job_id', 'attempts', 'last_error'])
      .where('routed_at', 'is', null).where('created_at', '<', before).orderBy('created_at').limit(100).execute(),
    ctx.db.selectFrom('notifications').select(['id', 'created_at', 'job_id', 'attempts'])
      .where('status', '=', 'queued').where('created_at', '<', before).orderBy('created_at').limit(100).execute(),
    ctx.db.selectFrom('report_files').select(['id', 'created_at', 'job_id', 'attempts', 'status'])
      .where('status', 'in', ['queued', 'running']).where('created_at', '<', before).orderBy('created_at').limit(100).execute(),
  ]);
  const out: StuckRequest[] = [];
  for (const r of routing) {
    const id = routingJobId(r);
    const gaveUp = r.attempts >= MAX_ROUTING_SENDS ? `; the relay gave up after ${r.attempts} sends: retry it` : `; sent again ${r.attempts} times`;
    out.push(await entry(ctx.queues.routing, 'routing', id, 'route', { contactId: r.contact_id }, r.attempts, r.created_at,
      `case not routed ${minutes(r.created_at)} min after the wrap-up${gaveUp}`, r.last_error));
  }
  for (const n of notifications)
    out.push(await entry(ctx.queues.notify, 'notify', notifyJobId(n), 'send', { notificationId: n.id }, n.attempts, n.created_at,
      // (Its send error, from the SMS provider, is on the notifications page: not repeated here.)
      `notification still queued ${minutes(n.created_at)} min after it was written`, null));
  for (const r of reports)
    out.push(await entry(ctx.queues.reports, 'reports', reportJobId(r), 'build-report', { reportId: r.id }, r.attempts, r.created_at,
      `report still ${r.status} ${minutes(r.created_at)} min after it was requested`, null));
  return out;
}

async function entry(
  queue: Queue, name: StuckRequest['queue'], id: string, jobName: string, data: Record<string, number>, attempts: number, at: Date, what: string, lastError: string | null,
): Promise<StuckRequest> {
  const state = await queue.getJobState(id);
  const job = state === 'unknown' ? 'its job is missing from Redis' : `its job is ${state}`;
  return { queue: name, id, name: jobName, data, failedReason: `${what}; ${job}${lastError ? ` (last error: ${lastError})` : ''}`, attemptsMade: attempts, failedAt: at.toISOString(), stuck: true, retryable: name === 'routing' };
}

/**
 * Of failed routing and notification jobs, those whose row is done by now: the relay sent the request again and it
 * went through (or a supervisor's retry did). Their failure is resolved, so the list shows only what still needs
 * someone. (A notification that failed for good has status 'failed', not done: it stays listed.)
 */
export async function resolvedFailures(db: AppContext['db'], jobs: { queue: string; id?: string; data: Record<string, unknown> }[]): Promise<Set<string>> {
  const ids = (queue: string, key: string) => jobs.filter((j) => j.queue === queue).map((j) => Number(j.data?.[key])).filter((n) => Number.isSafeInteger(n) && n > 0);
  const [contacts, notifications] = [ids('routing', 'contactId'), ids('notify', 'notificationId')];
  const routed = contacts.length
    ? new Set((await db.selectFrom('routing_requests').select('contact_id').where('contact_id', 'in', contacts).where('routed_at', 'is not', null).execute()).map((r) => r.contact_id))
    : new Set<number>();
  const sent = notifications.length
    ? new Set((await db.selectFrom('notifications').select('id').where('id', 'in', notifications).where('status', 'in', ['sent', 'delivered', 'outbox']).execute()).map((r) => r.id))
    : new Set<number>();
  return new Set(
    jobs
      .filter((j) => (j.queue === 'routing' && routed.has(Number(j.data?.contactId))) || (j.queue === 'notify' && sent.has(Number(j.data?.notificationId))))
      .map((j) => `${j.queue}/${j.id}`),
  );
}
