import { ROOMS, type OperatorPresence } from '../../shared/index.js';
import type { Database } from '../db/database.js';
import { contactRef } from '../domain/contacts/contacts.repo.js';
import { statusesOf } from '../domain/voice/operator-status.repo.js';
import type { IoServer } from './socket-gateway.js';

/** Who is online in the operators room (across every server node) and what each is handling. */
export async function presenceSnapshot(io: IoServer, db: Database): Promise<OperatorPresence[]> {
  const sockets = await io.in(ROOMS.operators).fetchSockets();
  const people = new Map<number, OperatorPresence>();
  for (const s of sockets) {
    const u = s.data.user;
    if (u && (u.role === 'operator' || u.role === 'supervisor') && !people.has(u.id))
      people.set(u.id, { userId: u.id, displayName: u.displayName, role: u.role, status: 'offline', since: null, handling: [] });
  }
  if (people.size) {
    for (const [id, s] of await statusesOf(db, [...people.keys()])) {
      const p = people.get(id)!;
      p.status = s.status;
      p.since = s.since.toISOString();
    }
    const rows = await db
      .selectFrom('contacts')
      .select(['id', 'channel', 'claimed_by'])
      .where('status', '=', 'in_progress')
      .where('claimed_by', 'in', [...people.keys()])
      .execute();
    for (const r of rows) people.get(r.claimed_by!)?.handling.push({ id: r.id, ref: contactRef(r.id), channel: r.channel });
  }
  return [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'));
}

/** Coalesces bursts (50 consoles connecting, a claim storm) into one presence broadcast per interval. */
export function presenceBroadcaster(io: IoServer, db: Database, onError: (e: Error) => void, intervalMs = 300) {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = () => {
    if (timer || stopped) return;
    timer = setTimeout(async () => {
      timer = null;
      if (stopped) return;
      try {
        io.to(ROOMS.operators).emit('presence:updated', await presenceSnapshot(io, db));
      } catch (e) {
        onError(e as Error);
      }
    }, intervalMs);
    timer.unref();
  };
  /** At shutdown: a pending broadcast is dropped rather than sent over closed connections. */
  schedule.stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return schedule;
}
