import type { Server as HttpServer } from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server } from 'socket.io';
import { processLogger } from '../logger.js';
import {
  QUEUE_EVENT_INTERVAL_MS,
  ROOMS,
  type ClientToServerEvents,
  type ContactChange,
  type InterServerEvents,
  type Role,
  type ServerToClientEvents,
  type SessionUser,
  type SocketData,
} from '../../shared/index.js';
import type { AppContext, RealtimeNotifier } from '../app-context.js';
import type { AuthService } from '../domain/auth/auth.service.js';
import { readCookie, SESSION_COOKIE } from '../http/cookies.js';
import { sameOrigin } from '../http/guards.js';
import { changeCoalescer } from './change-coalescer.js';
import { guardEvents, sweepSessions } from './socket-session.js';
import { STREAM_MAXLEN, streamNameFor, streamTrimmer } from './stream-trim.js';
import { registerContactHandlers } from './contact-handlers.js';
import { registerReferralHandlers } from './referral-handlers.js';
import { cancelOfflineChecks, registerVoiceHandlers } from './voice-handlers.js';
import { presenceBroadcaster } from './presence.js';
import { waitingRedis } from '../bootstrap/redis-clients.js';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Socket.IO's heartbeat (its defaults, stated because the load balancer depends on them): a ping every 25 s, and a
 * console that has not answered within 20 s more is gone. A long-poll request is held up to one interval, so a
 * proxy's idle timeouts must exceed pingInterval + pingTimeout (deploy/haproxy.cfg: 60 s).
 */
export const SOCKET_HEARTBEAT = { pingInterval: 25_000, pingTimeout: 20_000 } as const;

/** Rooms a user joins by role: least privilege, so an agency officer never hears the operators' queue. */
export function roomsFor(user: SessionUser): string[] {
  const byRole: Record<Role, string[]> = {
    operator: [ROOMS.operators],
    supervisor: [ROOMS.supervisors, ROOMS.operators],
    agency_officer: user.agencyId != null ? [ROOMS.agency(user.agencyId)] : [],
    admin: [ROOMS.admins],
  };
  return [...byRole[user.role], ROOMS.user(user.id)];
}

/**
 * Socket.IO on the same session cookie as the API, scaled out through the Redis streams adapter: the same origin
 * rule as the API at the handshake, the session checked on every event and swept on a timer.
 */
export function attachSocketGateway(
  httpServer: HttpServer,
  ctx: AppContext,
  auth: AuthService,
): { io: IoServer; presenceChanged: () => void; stop: () => void } {
  // The adapter appends every broadcast to the Redis stream (XADD) before delivering it locally. Its own connection
  // auto-pipelines, so the XADDs of one event-loop turn (see socketNotifier) travel in one write.
  // It waits for Redis across an outage (ctx.redis fails fast): its reading clients are duplicates of it, blocked in XREAD.
  const adapterRedis = waitingRedis(ctx.redis, { enableAutoPipelining: true });
  httpServer.once('close', () => adapterRedis.disconnect());
  const stream = streamNameFor(ctx.config.REDIS_PREFIX);
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    ...SOCKET_HEARTBEAT,
    cors: { origin: false },
    // A page of another site may not open a socket on our cookie (the API refuses its requests the same way).
    allowRequest: (req, fn) => {
      const ok = sameOrigin(req.headers.origin, req.headers.host);
      fn(ok ? null : 'cross-origin request refused', ok);
    },
    adapter: createAdapter(adapterRedis, {
      streamName: stream,
      channelPrefix: `${ctx.config.REDIS_PREFIX}:socket.io`,
      sessionKeyPrefix: `${ctx.config.REDIS_PREFIX}:sio:session:`,
      maxLen: STREAM_MAXLEN,
    }),
  });

  coalesceWrites(io);
  io.use(async (socket, next) => {
    try {
      const token = readCookie(socket.request.headers.cookie, SESSION_COOKIE);
      const found = token ? await auth.resolve(token) : null;
      if (!found) return next(new Error('unauthenticated'));
      socket.data.user = found.user;
      socket.data.sessionId = found.sessionId;
      next();
    } catch (err) {
      ctx.log.error(`socket handshake failed: ${(err as Error).message}`);
      next(new Error('unavailable'));
    }
  });

  const presence = presenceBroadcaster(io, ctx.db, (e) => ctx.log.error(`presence: ${e.message}`));
  const stopSweep = sweepSessions(io, ctx.db, ctx.clock, ctx.log, ctx.config.SESSION_SWEEP_SECONDS * 1000);
  const stopTrim = streamTrimmer(adapterRedis, stream);
  io.on('connection', (socket) => {
    guardEvents(socket, auth, ctx.log);
    const rooms = roomsFor(socket.data.user);
    socket.join([...rooms, sessionRoom(socket.data.sessionId)]);
    socket.emit('session:ready', { user: socket.data.user, rooms });
    socket.on('system:ping', (ack) => {
      if (typeof ack === 'function') ack({ data: { serverTime: ctx.clock.now().toISOString() } });
    });
    registerContactHandlers(io, socket, ctx);
    registerReferralHandlers(socket, ctx);
    registerVoiceHandlers(io, socket, ctx);
    if (rooms.includes(ROOMS.operators)) {
      presence();
      socket.on('disconnect', () => presence());
    }
  });

  const stop = () => {
    presence.stop();
    cancelOfflineChecks(io);
    stopSweep();
    stopTrim();
  };
  return { io, presenceChanged: presence, stop };
}

/**
 * Under load several events reach each console in one event-loop turn, and each would be its own TCP write: a
 * syscall, and a wake-up of the receiving side, per frame per console. This corks a WebSocket's TCP socket at its
 * first frame of a turn and uncorks all of them once, in setImmediate, so a turn's frames leave as one write.
 * No delay is added (the turn ends anyway). Uses ws's `_socket`; if that ever disappears, frames simply go unbatched.
 */
function coalesceWrites(io: IoServer) {
  const corked = new Set<NetSocket>();
  const uncorkAll = () => {
    const sockets = [...corked];
    corked.clear();
    for (const s of sockets) s.uncork();
  };
  io.engine.on('flush', (conn: { transport?: { name?: string; socket?: { _socket?: NetSocket } } }) => {
    const raw = conn.transport?.name === 'websocket' ? conn.transport.socket?._socket : undefined;
    if (!raw || raw.destroyed || corked.has(raw)) return;
    if (corked.size === 0) setImmediate(uncorkAll);
    raw.cork();
    corked.add(raw);
  });
}

/**
 * Emits leave in order, once per event-loop turn: the turn's broadcasts reach Redis as one pipelined write and each
 * console's frames as one TCP write (see coalesceWrites), instead of a round trip and 50 writes per event. Queue
 * changes ('contacts:changed') are merged further, per room, by the change coalescer.
 */
export function socketNotifier(io: IoServer, presenceChanged: () => void, queueIntervalMs = QUEUE_EVENT_INTERVAL_MS): RealtimeNotifier & { stop(): void } {
  let queue: (() => void)[] = [];
  const guarded = (send: () => void) => {
    try {
      send();
    } catch (err) {
      // One bad emit must not drop the rest; consoles repair a missed event on their next queue:sync.
      processLogger().error({ component: 'realtime' }, `emit failed: ${(err as Error).message}`);
    }
  };
  const flush = () => {
    const batch = queue;
    queue = [];
    for (const send of batch) guarded(send);
  };
  const changes = changeCoalescer((rooms, list) => guarded(() => io.to(rooms).emit('contacts:changed', list)), queueIntervalMs);
  return {
    presenceChanged,
    emit(rooms, event, ...args) {
      if (event === 'contacts:changed') return changes.add(Array.isArray(rooms) ? rooms : [rooms], args[0] as ContactChange[]);
      if (queue.length === 0) setImmediate(flush);
      queue.push(() => io.to(rooms).emit(event, ...args));
    },
    endSessions(sessionIds, reason) {
      // What was said before the session ended still reaches it first.
      changes.flush();
      flush();
      for (const id of sessionIds) {
        io.to(sessionRoom(id)).emit('session:ended', { reason });
        io.in(sessionRoom(id)).disconnectSockets(true);
      }
    },
    stop: () => changes.stop(),
  };
}

/** Until the gateway is attached (and in processes without one) notifications go nowhere. */
export function lateNotifier(): RealtimeNotifier & { bind(target: RealtimeNotifier): void } {
  let target: RealtimeNotifier | null = null;
  return {
    bind: (t) => (target = t),
    endSessions: (ids, reason) => target?.endSessions(ids, reason),
    emit: (rooms, event, ...args) => target?.emit(rooms, event, ...args),
    presenceChanged: () => target?.presenceChanged(),
  };
}
