import { contactIdPayload, draftSavePayload, messageGetPayload, messageSendPayload, wrapUpPayload } from '../../shared/index.js';
import type { AppContext } from '../app-context.js';
import { listOpenSummaries } from '../domain/contacts/contacts.repo.js';
import { createMessagingService } from '../domain/contacts/messaging.service.js';
import { createTriageService } from '../domain/contacts/triage.service.js';
import { presenceSnapshot } from './presence.js';
import { ackEvents, socketActor, type ServerSocket } from './socket-ack.js';
import type { IoServer } from './socket-gateway.js';

const HOTLINE = ['operator', 'supervisor'] as const;

/** Socket.IO events of the operator console: the same services and schemas as the REST routes. */
export function registerContactHandlers(io: IoServer, socket: ServerSocket, ctx: AppContext) {
  const triage = createTriageService(ctx);
  const messaging = createMessagingService(ctx);
  const actor = () => socketActor(socket);
  const on = ackEvents(socket, ctx.log);

  on('queue:sync', HOTLINE, null, async () => ({ contacts: await listOpenSummaries(ctx.db), presence: await presenceSnapshot(io, ctx.db) }));
  on('contact:claim', HOTLINE, contactIdPayload, (p) => triage.claim(p.contactId, actor()));
  on('contact:release', HOTLINE, contactIdPayload, (p) => triage.release(p.contactId, actor()));
  on('contact:open', HOTLINE, contactIdPayload, (p) => triage.open(p.contactId, actor()));
  on('draft:save', HOTLINE, draftSavePayload, (p) => triage.saveDraft(p.contactId, { version: p.version, draft: p.draft }, actor()));
  on('contact:wrap-up', HOTLINE, wrapUpPayload, (p) => triage.wrapUp(p.contactId, p.wrapUp, actor()));
  on('message:send', HOTLINE, messageSendPayload, (p) => messaging.reply(p.contactId, p.body, actor()));
  on('message:get', HOTLINE, messageGetPayload, (p) => messaging.read(p.contactId, p.messageId, actor()));
}
