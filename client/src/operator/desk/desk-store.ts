import type { ContactDetail, ContactMessage, ContactSummary, OperatorPresence } from '../../../../shared/index.js';

/** The operator's desk: the open queue, who is online, and the contacts this operator holds (full records). */
export interface DeskState {
  me: number;
  queue: Record<number, ContactSummary>;
  presence: OperatorPresence[];
  synced: boolean;
  details: Record<number, ContactDetail>;
  activeId: number | null;
}

export type DeskAction =
  | { type: 'sync'; contacts: ContactSummary[]; presence: OperatorPresence[] }
  | { type: 'upsert'; contacts: ContactSummary[] }
  | { type: 'presence'; presence: OperatorPresence[] }
  | { type: 'mine'; detail: ContactDetail; activate: boolean }
  | { type: 'drop'; contactId: number }
  | { type: 'activate'; contactId: number | null }
  | { type: 'message'; contactId: number; message: ContactMessage }
  | { type: 'messageStatus'; contactId: number; messageId: number; status: string };

export const initialDesk = (me: number, activeId: number | null = null): DeskState => ({ me, queue: {}, presence: [], synced: false, details: {}, activeId });

const heldBy = (c: ContactSummary, me: number) => c.status === 'in_progress' && c.claimedBy?.id === me;

function without<T>(map: Record<number, T>, id: number): Record<number, T> {
  if (!(id in map)) return map;
  const next = { ...map };
  delete next[id];
  return next;
}

export function toSummary(d: ContactDetail): ContactSummary {
  const { id, ref, channel, status, callerMasked, receivedAt, claimedAt, claimedBy, callStatus, repeatCount, unreadMessages, classification } = d;
  const { training, answeredAt, endedAt, waitSeconds, callback } = d;
  return {
    id, ref, channel, status, callerMasked, receivedAt, claimedAt, claimedBy, callStatus, repeatCount, unreadMessages, classification,
    training, answeredAt, endedAt, waitSeconds, callback,
  };
}

/** Copies the live fields of a summary (call status, unread count, claim) into a loaded record. */
function mergeSummary(detail: ContactDetail | undefined, c: ContactSummary): ContactDetail | undefined {
  return detail ? { ...detail, ...c } : undefined;
}

/** One queue change, in arrival order ('contacts:changed' carries several). */
function upsertOne(s: DeskState, c: ContactSummary): DeskState {
  if (c.status === 'closed') return { ...s, queue: without(s.queue, c.id), details: without(s.details, c.id) };
  const queue = { ...s.queue, [c.id]: c };
  if (!(c.id in s.details)) return { ...s, queue };
  // Released, or taken over by someone else (a supervisor): it is no longer on this desk.
  if (!heldBy(c, s.me)) return { ...s, queue, details: without(s.details, c.id) };
  return { ...s, queue, details: { ...s.details, [c.id]: mergeSummary(s.details[c.id], c)! } };
}

export function deskReducer(s: DeskState, a: DeskAction): DeskState {
  switch (a.type) {
    case 'sync': {
      const queue: Record<number, ContactSummary> = {};
      for (const c of a.contacts) if (c.status !== 'closed') queue[c.id] = c;
      // Keep loaded records (and the forms on them) for contacts still mine; forget the rest.
      const details: Record<number, ContactDetail> = {};
      for (const [id, d] of Object.entries(s.details)) {
        const c = queue[Number(id)];
        if (c && heldBy(c, s.me)) details[Number(id)] = mergeSummary(d, c)!;
      }
      return { ...s, queue, presence: a.presence, synced: true, details };
    }
    case 'upsert':
      return a.contacts.reduce(upsertOne, s);
    case 'presence':
      return { ...s, presence: a.presence };
    case 'mine': {
      const d = a.detail;
      const summary = toSummary(d);
      return {
        ...s,
        queue: { ...s.queue, [d.id]: summary },
        details: { ...s.details, [d.id]: d },
        activeId: a.activate ? d.id : s.activeId,
      };
    }
    case 'drop':
      return { ...s, details: without(s.details, a.contactId), activeId: s.activeId === a.contactId ? null : s.activeId };
    case 'activate':
      return { ...s, activeId: a.contactId };
    case 'message': {
      const d = s.details[a.contactId];
      if (!d) return s;
      const messages = d.messages.some((m) => m.id === a.message.id)
        ? d.messages.map((m) => (m.id === a.message.id ? a.message : m))
        : [...d.messages, a.message];
      return { ...s, details: { ...s.details, [a.contactId]: { ...d, messages } } };
    }
    case 'messageStatus': {
      const d = s.details[a.contactId];
      if (!d || !d.messages.some((m) => m.id === a.messageId)) return s;
      const messages = d.messages.map((m) => (m.id === a.messageId ? { ...m, status: a.status } : m));
      return { ...s, details: { ...s.details, [a.contactId]: { ...d, messages } } };
    }
  }
}

/** Contacts this operator holds, oldest claim first: the tabs of "My contacts". */
export function myContacts(s: DeskState): ContactSummary[] {
  const ids = new Set<number>(Object.keys(s.details).map(Number));
  for (const c of Object.values(s.queue)) if (heldBy(c, s.me)) ids.add(c.id);
  return [...ids]
    .map((id) => s.queue[id] ?? s.details[id])
    .filter((c): c is ContactSummary => c !== undefined)
    .sort((a, b) => (a.claimedAt ?? a.receivedAt).localeCompare(b.claimedAt ?? b.receivedAt));
}

/** The tab shown: the chosen one while it is still mine, else the first. */
export function activeContactId(s: DeskState): number | null {
  const mine = myContacts(s);
  if (s.activeId !== null && mine.some((c) => c.id === s.activeId)) return s.activeId;
  return mine[0]?.id ?? null;
}
