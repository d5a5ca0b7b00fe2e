import type { Redis } from 'ioredis';
import type { ServerToClientEvents } from '../../shared/index.js';
import type { RealtimeNotifier } from '../app-context.js';
import { lazyTrimmer, STREAM_MAXLEN, streamNameFor } from './stream-trim.js';

/** Typed fan-out to Socket.IO rooms, from the server (through io) or from a worker (through Redis). */
export interface RealtimePublisher {
  emit<E extends keyof ServerToClientEvents>(rooms: string | string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
}


/**
 * The emitter for processes without a Socket.IO server (workers). It appends a BROADCAST message to the
 * Redis stream the streams adapter reads, in the adapter's own format ("emitter" is the sender id the cluster
 * adapter reserves for emitters), so every server node delivers it to its sockets in those rooms.
 */
export function createStreamsEmitter(redis: Redis, prefix: string): RealtimePublisher {
  const stream = streamNameFor(prefix);
  const trim = lazyTrimmer(redis, stream);
  return {
    emit(rooms, event, ...args) {
      const data = JSON.stringify({
        packet: { type: 2, data: [event, ...args], nsp: '/' },
        opts: { rooms: Array.isArray(rooms) ? rooms : [rooms], except: [], flags: {} },
      });
      redis.xadd(stream, 'MAXLEN', '~', STREAM_MAXLEN, '*', 'uid', 'emitter', 'nsp', '/', 'type', '3', 'data', data).catch(() => {
        /* a lost live event is repaired by the console's resync; PostgreSQL holds the truth */
      });
      trim();
    },
  };
}

/** The notifier a worker process hands to services: live events through Redis, nothing else to do. */
export function createStreamsEmitterNotifier(redis: Redis, prefix: string): RealtimeNotifier {
  const emitter = createStreamsEmitter(redis, prefix);
  return { emit: emitter.emit, endSessions: () => {}, presenceChanged: () => {} };
}
