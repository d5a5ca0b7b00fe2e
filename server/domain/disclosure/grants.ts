import { sql, type RawBuilder } from 'kysely';
import type { SessionUser } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import type { CaseFacts } from './disclosure.js';

type Ref = RawBuilder<unknown> | ReturnType<typeof sql.ref>;

/**
 * Whether `userId` holds a grant in force for the contact (a correlated subquery). Grants are timed by the
 * database clock, where they are written, so creation and expiry never disagree.
 */
export function grantedSql(userId: number, contactId: Ref) {
  return sql<boolean>`exists (select 1 from disclosure_grants g where g.contact_id = ${contactId} and g.user_id = ${userId}
    and g.revoked_at is null and g.expires_at > now())`;
}

/** The operator handling a contact now: its claimer while it is in progress (contacts aliased `c`). */
export const handlerSql = sql<number | null>`(case when c.status = 'in_progress' then c.claimed_by end)`;

/** The case facts of a contact read as such (its handler, the viewer's grant), for decide(). */
export async function contactFacts(db: Executor, contactId: number, viewer: SessionUser): Promise<CaseFacts | null> {
  const r = await db
    .selectFrom('contacts as c')
    .select([handlerSql.as('handler_id'), (viewer.role === 'operator' ? grantedSql(viewer.id, sql.ref('c.id')) : sql<boolean>`false`).as('granted')])
    .where('c.id', '=', contactId)
    .executeTakeFirst();
  return r ? { handlerId: r.handler_id, granted: r.granted, referral: null } : null;
}

export async function insertGrant(db: Executor, g: { contactId: number; userId: number; grantedBy: number; hours: number }) {
  return db
    .insertInto('disclosure_grants')
    .values({
      contact_id: g.contactId, user_id: g.userId, granted_by: g.grantedBy,
      granted_at: sql<Date>`now()`, expires_at: sql<Date>`now() + make_interval(hours => ${g.hours})`,
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** Ends every grant in force for this operator and contact; the number ended. */
export async function revokeGrants(db: Executor, contactId: number, userId: number): Promise<number> {
  const r = await db
    .updateTable('disclosure_grants')
    .set({ revoked_at: sql<Date>`now()` })
    .where('contact_id', '=', contactId).where('user_id', '=', userId)
    .where('revoked_at', 'is', null).where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
