import type { Database } from '../../server/db/database.js';
import type { Queues } from '../../server/queues.js';
import { notifyJobId } from '../../server/domain/notifications/notifications-relay.js';
import { reportJobId } from '../../server/domain/reports/reports-relay.js';
import { routingJobId } from '../../server/domain/routing/routing-outbox.js';

/** The id of the job a case's routing request was last sent as (job ids carry the row's instant, so read the row). */
export async function routingJobIdOf(db: Database, contactId: number): Promise<string> {
  const r = await db.selectFrom('routing_requests').select(['contact_id', 'created_at', 'job_id']).where('contact_id', '=', contactId).executeTakeFirstOrThrow();
  return routingJobId(r);
}

/** That job, as Redis has it now (undefined: missing). */
export async function routingJobOf(ctx: { db: Database; queues: Queues }, contactId: number) {
  return ctx.queues.routing.getJob(await routingJobIdOf(ctx.db, contactId));
}

export async function reportJobIdOf(db: Database, id: number): Promise<string> {
  return reportJobId(await db.selectFrom('report_files').select(['id', 'created_at', 'job_id']).where('id', '=', id).executeTakeFirstOrThrow());
}

export async function notifyJobIdOf(db: Database, id: number): Promise<string> {
  return notifyJobId(await db.selectFrom('notifications').select(['id', 'created_at', 'job_id']).where('id', '=', id).executeTakeFirstOrThrow());
}
