import { callbackOutcomePayload, contactIdPayload, holdPayload, offerIdPayload, operatorStatusPayload, ROOMS, type OperatorPresence, type SessionUser } from '../../shared/index.js';
import type { AppContext } from '../app-context.js';
import { contactDetail } from '../domain/contacts/contact-detail.js';
import { getContactRow, getSummary } from '../domain/contacts/contacts.repo.js';
import { createCallDesk } from '../domain/voice/call-desk.js';
import { createCallbacksService } from '../domain/callbacks/callbacks.service.js';
import { holdCall, hangupCall } from '../domain/voice/call-controls.js';
import { ringingOfferOf } from '../domain/voice/offers.repo.js';
import { getStatus } from '../domain/voice/operator-status.repo.js';
import { ackEvents, socketActor, type ServerSocket } from './socket-ack.js';
import type { IoServer } from './socket-gateway.js';

const HOTLINE = ['operator', 'supervisor'] as const;
/** A console gone this long (closed, crashed, lost its network) takes its operator off the line. */
const OFFLINE_AFTER_MS = 30_000;

const pendingChecks = new WeakMap<IoServer, Set<NodeJS.Timeout>>();
const offlineChecksOf = (io: IoServer) => pendingChecks.get(io) ?? pendingChecks.set(io, new Set()).get(io)!;

/** When the gateway stops: the offline checks still waiting would run against closed connections. */
export function cancelOfflineChecks(io: IoServer) {
  for (const t of offlineChecksOf(io)) clearTimeout(t);
  pendingChecks.delete(io);
}

/** The phone line over the socket: status, offers, hold and the training line's hang-up. */
export function registerVoiceHandlers(io: IoServer, socket: ServerSocket, ctx: AppContext) {
  const desk = createCallDesk(ctx);
  const on = ackEvents(socket, ctx.log);
  const actor = () => socketActor(socket);
  const me = socket.data.user;

  on('operator:status', HOTLINE, operatorStatusPayload, async (p): Promise<OperatorPresence> => {
    const s = await desk.setOwnStatus(p.status, actor());
    return { userId: me.id, displayName: me.displayName, role: me.role as 'operator' | 'supervisor', status: s.status, since: s.since, handling: [] };
  });
  on('call:accept', HOTLINE, offerIdPayload, async (p) => {
    const contactId = await desk.accept(p.offerId, actor());
    return contactDetail(ctx.db, ctx.crypto, (await getContactRow(ctx.db, contactId))!);
  });
  on('call:decline', HOTLINE, offerIdPayload, (p) => desk.decline(p.offerId, actor()));
  on('call:hold', HOTLINE, holdPayload, (p) => holdCall(ctx, p.contactId, p.hold, me.id));
  on('call:hangup', HOTLINE, contactIdPayload, (p) => hangupCall(ctx, p.contactId, me.id));
  const callbacks = createCallbacksService(ctx);
  on('callback:start', HOTLINE, contactIdPayload, (p) => callbacks.start(p.contactId, actor()));
  on('callback:outcome', HOTLINE, callbackOutcomePayload, (p) => callbacks.outcome(p.attemptId, p.outcome, actor()));

  if (!HOTLINE.includes(me.role as 'operator')) return;
  void resendRingingOffer(socket, ctx);
  socket.on('disconnect', (reason) => {
    // This node is stopping: the console reconnects to another node, so its operator is not going offline.
    if (reason === 'server shutting down') return;
    const checks = offlineChecksOf(io);
    const timer = setTimeout(() => {
      checks.delete(timer);
      void goOfflineIfGone(io, ctx, me.id).catch((e) => ctx.log.error(`operator offline check: ${(e as Error).message}`));
    }, OFFLINE_AFTER_MS).unref();
    checks.add(timer);
  });
}

/** A console that connects (or reconnects) while a call rings for its operator shows it again. */
async function resendRingingOffer(socket: ServerSocket, ctx: AppContext) {
  const o = await ringingOfferOf(ctx.db, socket.data.user.id);
  if (!o) return;
  const contact = await getSummary(ctx.db, o.contact_id);
  if (contact) socket.emit('call:offered', { offerId: o.id, contactId: o.contact_id, contact, expiresAt: o.expires_at.toISOString(), training: contact.training });
}

/** No console of this operator is left on any server node: they are offline, and a ringing offer moves on. */
async function goOfflineIfGone(io: IoServer, ctx: AppContext, userId: number) {
  if ((await io.in(ROOMS.user(userId)).fetchSockets()).length > 0) return;
  const s = await getStatus(ctx.db, userId);
  if (!s || s.status === 'offline' || s.status === 'on_call') return;
  await createCallDesk(ctx).setOwnStatus('offline', { user: { id: userId } as SessionUser, origin: { ip: null, userAgent: null } });
}
