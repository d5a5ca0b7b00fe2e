import type { Ack } from '../../shared/index.js';
import type { Clock } from '../app-context.js';
import type { Database } from '../db/database.js';
import type { AuthService } from '../domain/auth/auth.service.js';
import type { Logger } from '../logger.js';
import type { ServerSocket } from './socket-ack.js';
import type { IoServer } from './socket-gateway.js';

/** Tells a socket its session is over and closes it (what REST's 401 is for a request). */
function endSocket(socket: ServerSocket) {
  socket.emit('session:ended', { reason: 'expired' });
  socket.disconnect(true);
}

/**
 * Every event a socket sends is checked against its session first, for every handler at once: an expired or deleted
 * session (or a disabled account) refuses the event, acks `unauthenticated` so no console waits, and closes the socket.
 */
export function guardEvents(socket: ServerSocket, auth: Pick<AuthService, 'check'>, log: Logger) {
  socket.use((packet, next) => {
    const ack = packet[packet.length - 1];
    const refuse = (code: string, message: string) => {
      if (typeof ack === 'function') (ack as (r: Ack<never>) => void)({ error: { code, message } });
    };
    auth.check(socket.data.sessionId).then(
      (user) => {
        if (user) return next();
        refuse('unauthenticated', 'your session has ended: log in again');
        endSocket(socket);
      },
      (err: Error) => {
        log.error(`socket session check failed: ${err.message}`);
        refuse('unavailable', 'try again');
      },
    );
  });
}

/**
 * Sockets that send nothing are checked too: every `intervalMs` this node closes its sockets whose session expired
 * or was deleted (a session can lapse while a console only listens). Returns the stop function.
 */
export function sweepSessions(io: IoServer, db: Database, clock: Clock, log: Logger, intervalMs: number): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const sockets = [...io.of('/').sockets.values()];
      const ids = [...new Set(sockets.map((s) => s.data.sessionId).filter(Boolean))];
      if (!ids.length) return;
      const live = new Set<string>();
      for (let i = 0; i < ids.length; i += 1000) {
        const rows = await db.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id').select('s.id')
          .where('s.id', 'in', ids.slice(i, i + 1000)).where('s.expires_at', '>', clock.now()).where('u.active', '=', true).execute();
        for (const r of rows) live.add(r.id);
      }
      for (const s of sockets) if (!live.has(s.data.sessionId)) endSocket(s);
    } catch (err) {
      log.error(`socket session sweep failed: ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
