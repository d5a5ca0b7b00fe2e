import type { z } from 'zod';
import { contactIdPayload, draftSavePayload, messageSendPayload, wrapUpPayload, type Ack } from '../../shared/index.js';
import type { AppContext } from '../app-context.js';
import { listOpenSummaries } from '../domain/contacts/contacts.repo.js';
import { createMessagingService } from '../domain/contacts/messaging.service.js';
import { createTriageService } from '../domain/contacts/triage.service.js';
import { DomainError, ForbiddenError } from '../domain/errors.js';
import { parseOrThrow } from '../http/validate.js';
import { presenceSnapshot } from './presence.js';
import type { IoServer } from './socket-gateway.js';

import type { Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/index.js';

type ServerSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Socket.IO events of the operator console: the same services and schemas as the REST routes. */
export function registerContactHandlers(io: IoServer, socket: ServerSocket, ctx: AppContext, log: AppContext['log']) {
  const triage = createTriageService(ctx);
  const messaging = createMessagingService(ctx);
  const user = socket.data.user;
  const actor = () => ({ user, origin: { ip: socket.handshake.address ?? null, userAgent: socket.handshake.headers['user-agent'] ?? null } });
  const hotline = user.role === 'operator' || user.role === 'supervisor';

  /** Validates, checks the role, runs, and always acks: `{ data }` or `{ error }`, never an unanswered call. */
  function on<S extends z.ZodType | null, T>(event: string, schema: S, run: (p: S extends z.ZodType ? z.output<S> : void) => Promise<T>) {
    (socket as unknown as { on(e: string, l: (...a: unknown[]) => void): void }).on(event, (async (...args: unknown[]) => {
      const ack = args[args.length - 1] as ((r: Ack<T>) => void) | undefined;
      if (typeof ack !== 'function') return;
      try {
        if (!hotline) throw new ForbiddenError('only hotline operators and supervisors handle contacts');
        const payload = schema ? parseOrThrow(schema, args[0], 'payload') : undefined;
        ack({ data: await run(payload as never) });
      } catch (err) {
        if (err instanceof DomainError) ack({ error: { code: err.code, message: err.message, ...(err.fields && { fields: err.fields }) } });
        else {
          log.error(`socket ${event} failed: ${(err as Error).stack ?? err}`);
          ack({ error: { code: 'internal', message: 'internal error' } });
        }
      }
    }) as (...a: unknown[]) => void);
  }

  on('queue:sync', null, async () => ({ contacts: await listOpenSummaries(ctx.db), presence: await presenceSnapshot(io, ctx.db) }));
  on('contact:claim', contactIdPayload, (p) => triage.claim(p.contactId, actor()));
  on('contact:release', contactIdPayload, (p) => triage.release(p.contactId, actor()));
  on('contact:open', contactIdPayload, (p) => triage.open(p.contactId, actor()));
  on('draft:save', draftSavePayload, (p) => triage.saveDraft(p.contactId, { version: p.version, draft: p.draft }, actor()));
  on('contact:wrap-up', wrapUpPayload, (p) => triage.wrapUp(p.contactId, p.wrapUp, actor()));
  on('message:send', messageSendPayload, (p) => messaging.reply(p.contactId, p.body, actor()));
}
