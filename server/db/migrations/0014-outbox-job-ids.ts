import { type Kysely } from 'kysely';

/**
 * The job an outbox row was last sent as (issue 16). Null: its first send, whose id the row itself gives (its id
 * and the instant it was written, shared/queues.ts JOB_IDS). A relay that finds that job missing, failed, or
 * completed while the row is not done (a restored database lost the work) sends the row again under a new id and
 * records it here, so the relay knows which job to watch next.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['routing_requests', 'notifications', 'report_files'])
    await db.schema.alterTable(table).addColumn('job_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['routing_requests', 'notifications', 'report_files'])
    await db.schema.alterTable(table).dropColumn('job_id').execute();
}
