import type { Job } from 'bullmq';
import type { AppContext } from '../../server/app-context.js';
import { purgeExpiredSessions } from '../../server/domain/auth/sessions.repo.js';
import { relayStaleNotifications } from '../../server/domain/notifications/notifications-relay.js';
import { relayLostReports } from '../../server/domain/reports/reports-relay.js';
import { relayRoutingRequests } from '../../server/domain/routing/routing-outbox.js';
import { sweepCalls } from '../../server/domain/voice/sweep.js';
import { deleteOldRecordings } from '../../server/domain/voice/recording-retention.js';

/** Housekeeping jobs. Job data carries no personal data: only the job's name decides what runs. */
export function maintenanceProcessor(ctx: Pick<AppContext, 'db' | 'clock' | 'log' | 'queues' | 'redis' | 'realtime' | 'config' | 'voice'>) {
  return async (job: Job) => {
    switch (job.name) {
      case 'purge-expired-sessions': {
        const n = await purgeExpiredSessions(ctx.db, ctx.clock.now());
        if (n) ctx.log.info(`purged ${n} expired sessions`);
        return { purged: n };
      }
      case 'relay-outbox': {
        const routed = await relayRoutingRequests(ctx);
        const notifications = await relayStaleNotifications(ctx);
        const reports = await relayLostReports(ctx);
        if (reports) ctx.log.info(`sent ${reports} report builds again (their jobs were lost)`);
        if (routed || notifications) ctx.log.info(`relayed ${routed} routing requests and ${notifications} notifications`);
        const calls = await sweepCalls(ctx);
        return { routed, notifications, ...calls };
      }
      case 'delete-old-recordings': {
        const n = await deleteOldRecordings(ctx);
        if (n) ctx.log.info(`deleted ${n} recordings past the retention period`);
        return { deleted: n };
      }
      default:
        throw new Error(`unknown maintenance job ${job.name}`);
    }
  };
}
