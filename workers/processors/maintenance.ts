import type { Job } from 'bullmq';
import type { AppContext } from '../../server/app-context.js';
import { purgeExpiredSessions } from '../../server/domain/auth/sessions.repo.js';

/** Housekeeping jobs. Job data carries no personal data: only the job's name decides what runs. */
export function maintenanceProcessor(ctx: Pick<AppContext, 'db' | 'clock' | 'log'>) {
  return async (job: Job) => {
    switch (job.name) {
      case 'purge-expired-sessions': {
        const n = await purgeExpiredSessions(ctx.db, ctx.clock.now());
        if (n) ctx.log.info(`purged ${n} expired sessions`);
        return { purged: n };
      }
      default:
        throw new Error(`unknown maintenance job ${job.name}`);
    }
  };
}
