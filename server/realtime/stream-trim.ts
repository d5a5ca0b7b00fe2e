import type { Redis } from 'ioredis';

/**
 * The Socket.IO stream only carries live events from one node (or a worker) to the others; connection state
 * recovery is off, so nothing replays it. It must only outlast a node's reconnection to Redis: its length is capped
 * (XADD MAXLEN, by the adapter and the emitter) and entries older than STREAM_MAX_AGE_MS are trimmed (XTRIM MINID),
 * so a copy of Redis on disk holds minutes of ids and summaries, not weeks.
 */
export const STREAM_MAXLEN = 10_000;
export const STREAM_MAX_AGE_MS = 2 * 60_000;
export const streamNameFor = (prefix: string) => `${prefix}:socket.io`;

/** Trims entries older than the age bound (stream ids start with their time in ms); exact, the stream being short. */
export function trimStream(redis: Redis, stream: string, now = Date.now()): Promise<unknown> {
  return redis.xtrim(stream, 'MINID', `${now - STREAM_MAX_AGE_MS}-0`).catch(() => {
    /* best effort: the length cap still bounds the stream; the next trim catches up */
  });
}

/** A node trims on a timer, since the adapter appends heartbeats and events that pass no code of ours. */
export function streamTrimmer(redis: Redis, stream: string, intervalMs = STREAM_MAX_AGE_MS / 4): () => void {
  const timer = setInterval(() => void trimStream(redis, stream), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** For writers without a timer (a worker's emitter): at most one trim per interval, piggybacked on an append. */
export function lazyTrimmer(redis: Redis, stream: string, intervalMs = STREAM_MAX_AGE_MS / 4): () => void {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    void trimStream(redis, stream, now);
  };
}
