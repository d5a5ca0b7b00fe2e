import { Redis, type RedisOptions } from 'ioredis';

/**
 * The request path's connection fails fast while Redis is down (BullMQ's "failing fast when Redis is down"): no
 * offline queue, so a command sent while disconnected is refused at once, and a command Redis does not answer is
 * given up after `commandTimeoutMs`. Enqueues after a commit then fail in milliseconds and are left to the outbox
 * relays; login throttling answers 503.
 */
export function failFastOptions(commandTimeoutMs: number): RedisOptions {
  return { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: commandTimeoutMs };
}

/**
 * What BullMQ's Workers need (their blocking BRPOPLPUSH/BZPOPMIN must wait across a reconnect) and the Socket.IO
 * streams adapter (its XREAD BLOCK would otherwise time out, and without an offline queue it would spin while Redis
 * is down): commands wait for the reconnection.
 */
export const WAITING_OPTIONS: RedisOptions = { enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined };

/** The shared fail-fast client; not connected yet (lazyConnect): connect() it. Reconnects on its own, every ≤ 2 s. */
export function requestRedis(url: string, commandTimeoutMs: number): Redis {
  const redis = new Redis(url, { ...failFastOptions(commandTimeoutMs), lazyConnect: true, retryStrategy: (n) => Math.min(n * 200, 2000) });
  redis.on('error', () => {}); // reconnects on its own; /readyz reports the outage
  return redis;
}

/** A connection of its own that waits for Redis rather than failing (Workers, the socket adapter). Disconnect it when done. */
export function waitingRedis(from: Redis, extra: RedisOptions = {}): Redis {
  const redis = from.duplicate({ ...WAITING_OPTIONS, ...extra });
  redis.on('error', () => {});
  return redis;
}
