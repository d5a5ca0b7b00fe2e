/** BullMQ queue names. Constants: never rename (jobs in flight would be orphaned). */
export const QUEUES = {
  maintenance: 'maintenance',
  /** Job data: { contactId } — one job per classified contact to refer (transactional outbox → routing worker). */
  routing: 'routing',
  /** Job data: { notificationId } — one outbound SMS/WhatsApp through Twilio or the local outbox. */
  notify: 'notify',
} as const;

/** Deterministic job ids, so a relayed or retried enqueue never makes a second job. */
export const JOB_IDS = {
  routing: (contactId: number) => `route-${contactId}`,
  notify: (notificationId: number) => `notify-${notificationId}`,
};
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
