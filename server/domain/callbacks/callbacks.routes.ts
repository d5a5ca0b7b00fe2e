import { sql } from 'kysely';
import { callbacksQuery, type CallbackView } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { only, route, type RouteDef } from '../../http/routes.js';
import { validate } from '../../http/validate.js';
import { contactRef } from '../contacts/contacts.repo.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The supervisor's view of callbacks: open ones with their clocks (breaches first), or finished ones; paged with a total. */
export function callbacksRoutes(ctx: Pick<AppContext, 'db'>): RouteDef[] {
  return [
    route('get', '/supervisor/callbacks', only('supervisor'), validate({ query: callbacksQuery }), async (req, res) => {
      const q = req.query as unknown as { status: 'open' | 'closed'; limit: number; offset: number };
      const open = q.status === 'open';
      const rows = await ctx.db.selectFrom('callbacks as cb')
        .innerJoin('contacts as c', 'c.id', 'cb.contact_id')
        .leftJoin('users as u', 'u.id', 'c.claimed_by')
        .leftJoin('sla_clocks as k', (j) => j.onRef('k.callback_id', '=', 'cb.id').on('k.kind', '=', 'callback'))
        .select(['cb.contact_id', 'cb.reason', 'cb.status', 'cb.attempts', 'cb.created_at', 'cb.closed_at', 'c.training', 'u.display_name',
          'k.state', 'k.due_at', 'k.breached_at', 'k.met_at'])
        .select(sql<string | null>`(select a.outcome from callback_attempts a where a.callback_id = cb.id and a.outcome is not null order by a.id desc limit 1)`.as('last_outcome'))
        .select(sql<number>`count(*) over ()`.as('total'))
        .where('cb.status', open ? '=' : '<>', 'open')
        .orderBy(open ? sql`k.breached_at is null` : sql`cb.closed_at desc`)
        .orderBy(open ? 'k.due_at' : 'cb.id', open ? 'asc' : 'desc')
        .limit(q.limit).offset(q.offset).execute();
      const callbacks: CallbackView[] = rows.map((r) => ({
        contactId: r.contact_id, ref: contactRef(r.contact_id), reason: r.reason, status: r.status, attempts: r.attempts,
        lastOutcome: (r.last_outcome as CallbackView['lastOutcome']) ?? null, createdAt: r.created_at.toISOString(), closedAt: iso(r.closed_at),
        training: r.training, handler: r.display_name ?? null,
        clock: r.state && r.due_at ? { state: r.state, dueAt: r.due_at.toISOString(), breachedAt: iso(r.breached_at), metAt: iso(r.met_at) } : null,
      }));
      res.json({ callbacks, total: Number(rows[0]?.total ?? 0) });
    }),
  ];
}
