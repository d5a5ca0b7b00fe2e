import { ROOMS, type ContactMessage, type ContactSummary, type MessageNotice } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { getSummary } from './contacts.repo.js';

/** A message as a live event carries it: everything but the text, which the console reads through 'message:get'. */
export function messageNotice(m: ContactMessage): MessageNotice {
  return { id: m.id, direction: m.direction, status: m.status, at: m.at, sentBy: m.sentBy };
}

/**
 * Live updates to the consoles. Queue summaries carry no identity; message notices go only to the handling operator,
 * and never with their text (live events pass through Redis).
 * Queue changes travel as 'contacts:changed' lists: the gateway merges the changes of a busy moment into one packet.
 */
export function contactEvents(ctx: Pick<AppContext, 'db' | 'realtime'>) {
  const changed = (kind: 'created' | 'updated', contact: ContactSummary) =>
    ctx.realtime.emit(ROOMS.operators, 'contacts:changed', [{ kind, contact }]);
  return {
    async created(id: number) {
      const s = await getSummary(ctx.db, id);
      if (s) changed('created', s);
      if (s?.claimedBy) ctx.realtime.presenceChanged(); // a manual intake is claimed at once
      return s;
    },
    async updated(id: number) {
      const s = await getSummary(ctx.db, id);
      if (s) changed('updated', s);
      ctx.realtime.presenceChanged();
      return s;
    },
    /** Announces a summary the caller already holds (from the write's RETURNING): no second read. */
    announce(s: ContactSummary, created: boolean) {
      changed(created ? 'created' : 'updated', s);
      if (!created || s.claimedBy) ctx.realtime.presenceChanged();
    },
    message(contactId: number, handlerId: number | null, message: ContactMessage) {
      if (handlerId != null) ctx.realtime.emit(ROOMS.user(handlerId), 'message:created', { contactId, message: messageNotice(message) });
    },
  };
}
