import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Logger } from './logger.js';
import type { Queues } from './queues.js';
import type { FieldCrypto } from './domain/crypto/field-crypto.js';
import type { RealtimePublisher } from './realtime/publisher.js';
import type { VoicePort } from './domain/voice/voice-port.js';

/** A clock that tests can replace. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What services may tell connected consoles; implemented by the Socket.IO gateway, or the Redis emitter in workers. */
export interface RealtimeNotifier extends RealtimePublisher {
  /** Sends session:ended to the sockets of these sessions and disconnects them, on every node. */
  endSessions(sessionIds: string[], reason: 'logout' | 'disabled' | 'expired'): void;
  /** Something changed what operators handle: refresh the presence strip (coalesced; no-op outside the server). */
  presenceChanged(): void;
}

export interface AppContext {
  config: Config;
  db: Database;
  redis: Redis;
  log: Logger;
  clock: Clock;
  realtime: RealtimeNotifier;
  queues: Queues;
  crypto: FieldCrypto;
  /** Twilio's voice API, or the training line's stand-in when Twilio is not configured. */
  voice: VoicePort;
}
