/** The four kinds of people who use hotline111. Names are stored in the database: never rename. */
export const ROLES = ['operator', 'supervisor', 'agency_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Socket.IO room names, shared by the gateway, the workers' emitter and the client. */
export const ROOMS = {
  operators: 'operators',
  supervisors: 'supervisors',
  admins: 'admins',
  agency: (agencyId: number) => `agency:${agencyId}`,
  user: (userId: number) => `user:${userId}`,
} as const;

/**
 * Queue changes ('contacts:changed') to one room leave together at most this often; the first after a quiet spell
 * leaves at once. Bounds the packets a console receives in a busy hour, for at most this much added delay.
 */
export const QUEUE_EVENT_INTERVAL_MS = 25;

/** Where each role lands after login, in the console. */
export const LANDING_PATH: Record<Role, string> = {
  operator: '/operator',
  supervisor: '/supervisor',
  agency_officer: '/agency',
  admin: '/admin',
};
