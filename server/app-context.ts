import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Logger } from './logger.js';

/** A clock that tests can replace. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What the HTTP layer may tell connected consoles; implemented by the Socket.IO gateway (or a no-op). */
export interface RealtimeNotifier {
  /** Sends session:ended to the sockets of these sessions and disconnects them, on every node. */
  endSessions(sessionIds: string[], reason: 'logout' | 'disabled' | 'expired'): void;
}

export interface AppContext {
  config: Config;
  db: Database;
  redis: Redis;
  log: Logger;
  clock: Clock;
  realtime: RealtimeNotifier;
}
