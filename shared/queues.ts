/** BullMQ queue names. Constants: never rename (jobs in flight would be orphaned). */
export const QUEUES = {
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
