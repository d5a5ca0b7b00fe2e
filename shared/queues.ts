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

/** Deterministic job ids, so a relayed or retried enqueue never makes a second job. */
export const JOB_IDS = {
  routing: (contactId: number) => `route-${contactId}`,
  notify: (notificationId: number) => `notify-${notificationId}`,
  /** One timer per 100 ms bucket in which some clock has its next event: clocks due together share it. */
  slaTick: (bucketMs: number) => `sla-tick-${bucketMs}`,
  report: (reportId: number) => `report-${reportId}`,
};
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
