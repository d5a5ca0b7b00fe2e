/** BullMQ queue names. Constants: never rename (jobs in flight would be orphaned). */
export const QUEUES = {
  maintenance: 'maintenance',
  /** Job data: { contactId } — one job per classified contact to refer (transactional outbox → routing worker). */
  routing: 'routing',
  /**
   * Job data: { notificationId } — one outbound SMS/WhatsApp through Twilio or the local outbox; or, for jobs named
   * 'push', { referralId, agencyId, clock, reason } — a Web Push to the agency's officers' devices.
   */
  notify: 'notify',
  /** Job data: { at } — an SLA tick: process every clock whose next event is due (ids and times only). */
  sla: 'sla',
  /** Job data: { reportId } — build one periodic report (XLSX); or none for the statistics rollup refresh. */
  reports: 'reports',
} as const;

/** An outbox row's instant, in a job id: base 36 milliseconds. */
const stamp = (at: Date) => at.getTime().toString(36);

/**
 * Job ids: an outbox row's own id and the instant it was written. A relayed or retried enqueue of the same row never
 * makes a second job; yet a restored database, whose sequences hand out the same ids again, never meets the jobs
 * Redis kept from before the restore (its rows are written at a later instant). A relay's re-send adds a fresh
 * suffix (server/queue-jobs.ts). Ids and instants only: never personal data.
 */
export const JOB_IDS = {
  routing: (contactId: number, requestedAt: Date) => `route-${contactId}-${stamp(requestedAt)}`,
  notify: (notificationId: number, createdAt: Date) => `notify-${notificationId}-${stamp(createdAt)}`,
  /**
   * One timer per 100 ms bucket in which some clock has its next event: clocks due together share it. An instant,
   * not a row: a tick fires whatever PostgreSQL says is due, and the reconciler fires what is overdue and rebuilds
   * missing timers, so a restore needs nothing more (a completed tick is removed at once, its id free again).
   */
  slaTick: (bucketMs: number) => `sla-tick-${bucketMs}`,
  report: (reportId: number, createdAt: Date) => `report-${reportId}-${stamp(createdAt)}`,
};
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
