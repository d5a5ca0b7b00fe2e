import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Ack, ClientToServerEvents, InterServerEvents, Role, ServerToClientEvents, SocketData } from '../../shared/index.js';
import type { Logger } from '../logger.js';
import { DomainError, ForbiddenError } from '../domain/errors.js';
import { parseOrThrow } from '../http/validate.js';
import { asDomainError } from '../http/db-errors.js';

export type ServerSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Every acknowledged event and the roles it states, as registered (the permission walk checks each against each role). */
const declared = new Map<string, readonly Role[]>();
export const declaredSocketEvents = (): ReadonlyMap<string, readonly Role[]> => declared;

/**
 * Registers acknowledged socket events the way routes are declared: who may send it, the zod schema of its
 * payload, and the service call. Always acks `{ data }` or `{ error }`, never leaves a console waiting.
 */
export function ackEvents(socket: ServerSocket, log: Logger) {
  const user = socket.data.user;
  return function on<S extends z.ZodType | null, T>(
    event: keyof ClientToServerEvents,
    roles: readonly Role[],
    schema: S,
    run: (p: S extends z.ZodType ? z.output<S> : void) => Promise<T>,
  ) {
    declared.set(event, roles);
    (socket as unknown as { on(e: string, l: (...a: unknown[]) => void): void }).on(event, async (...args: unknown[]) => {
      const ack = args[args.length - 1] as ((r: Ack<T>) => void) | undefined;
      if (typeof ack !== 'function') return;
      try {
        if (!roles.includes(user.role)) throw new ForbiddenError('your role may not do this');
        const payload = schema ? parseOrThrow(schema, args[0], 'payload') : undefined;
        ack({ data: await run(payload as never) });
      } catch (thrown) {
        const err = asDomainError(thrown);
        if (err instanceof DomainError) ack({ error: { code: err.code, message: err.message, ...(err.fields && { fields: err.fields }) } });
        else {
          log.error(`socket ${event} failed: ${(err as Error).stack ?? err}`);
          ack({ error: { code: 'internal', message: 'internal error' } });
        }
      }
    });
  };
}

export const socketActor = (socket: ServerSocket) => ({
  user: socket.data.user,
  origin: { ip: socket.handshake.address ?? null, userAgent: socket.handshake.headers['user-agent'] ?? null },
});
