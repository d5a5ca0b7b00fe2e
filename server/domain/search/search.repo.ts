import { sql, type Expression, type SqlBool } from 'kysely';
import type { SessionUser } from '../../../shared/index.js';
import type { Executor } from '../../db/database.js';
import { grantedSql, handlerSql } from '../disclosure/grants.js';
import { placeNowSql } from '../units/unit-cover.js';

/** A search's criteria as the query needs them: hashes, never the phone number or the name. */
export interface SearchCriteria {
  phoneHash?: string;
  contactId?: number;
  /** One keyed hash per folded word of the name: a victim matches when it holds them all. */
  nameHashes?: string[];
  agencyId?: number;
  /** A unit of today's map: contacts located in it, or in an old unit on its ground (report_unit_area). */
  placeId?: number;
  from?: string;
  to?: string;
}

/** The unit of today's map with this code (a province or a commune), or null. */
export async function todaysUnitId(db: Executor, code: string): Promise<number | null> {
  const r = await db.selectFrom('admin_units').select('id').where('dataset', '=', 'vn-2025').where('code', '=', code).executeTakeFirst();
  return r?.id ?? null;
}

/**
 * The contacts matching every criterion, newest first, that this viewer may list: the hotline (operators and
 * supervisors) every contact, as its queue and repeat-caller lists do; an agency officer only contacts referred to its
 * own agency (in the query itself, architecture point 9). One row past the page says whether more follow. Each
 * criterion reads an index: the phone hash (contacts_caller_hash_idx), the name index, the agency's referrals.
 */
export function searchContacts(db: Executor, viewer: SessionUser, c: SearchCriteria, page: { limit: number; offset: number }) {
  let q = db
    .selectFrom('contacts as c')
    .leftJoin('admin_units as u', 'u.id', 'c.location_unit_id')
    .select([
      'c.id', 'c.received_at', 'c.channel', 'c.call_type', 'c.classification', 'c.status', 'c.training',
      'c.location_kind', 'c.location_country', 'u.path as unit_path',
      handlerSql.as('handler_id'),
      (viewer.role === 'operator' ? grantedSql(viewer.id, sql.ref('c.id')) : sql<boolean>`false`).as('granted'),
    ])
    .select(() => placeNowSql(sql.ref('u.id')).as('unit_now'));
  const referredTo = (agencyId: number): Expression<SqlBool> =>
    sql<SqlBool>`exists (select 1 from referrals r where r.contact_id = c.id and r.agency_id = ${agencyId})`;
  if (viewer.role === 'agency_officer') q = q.where(referredTo(viewer.agencyId ?? -1));
  if (c.phoneHash) q = q.where('c.caller_phone_hash', '=', c.phoneHash);
  if (c.contactId) q = q.where('c.id', '=', c.contactId);
  if (c.agencyId) q = q.where(referredTo(c.agencyId));
  if (c.nameHashes?.length)
    q = q.where('c.id', 'in', sql<number>`(select n.contact_id from victim_name_index n where n.token_hash = any(${c.nameHashes}::text[])
      group by n.contact_id, n.victim_id having count(*) = ${c.nameHashes.length})`);
  if (c.placeId)
    q = q.where('c.location_unit_id', 'in', sql<number>`(select a.unit_id from report_unit_area a where a.area_id = ${c.placeId})`);
  // Days are Vietnam's (UTC+7, no daylight saving), as in the statistics.
  if (c.from) q = q.where('c.received_at', '>=', sql<Date>`(${c.from}::date - interval '7 hours') at time zone 'UTC'`);
  if (c.to) q = q.where('c.received_at', '<', sql<Date>`(${c.to}::date + 1 - interval '7 hours') at time zone 'UTC'`);
  return q.orderBy('c.received_at', 'desc').orderBy('c.id', 'desc').limit(page.limit + 1).offset(page.offset).execute();
}
export type SearchRow = Awaited<ReturnType<typeof searchContacts>>[number];

/** The referrals of these contacts the viewer may see (an officer: its agency's only), oldest first. */
export function referralsOfContacts(db: Executor, viewer: SessionUser, contactIds: number[]) {
  let q = db
    .selectFrom('referrals as r')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.id', 'r.contact_id', 'r.track', 'r.status', 'r.agency_id', 'a.name as agency_name'])
    .where('r.contact_id', 'in', contactIds);
  if (viewer.role === 'agency_officer') q = q.where('r.agency_id', '=', viewer.agencyId ?? -1);
  return q.orderBy('r.id').execute();
}

/** The stored (encrypted) names of these contacts' victims, in order: read only for the page shown, when disclosed. */
export function victimNamesOf(db: Executor, contactIds: number[]) {
  return db
    .selectFrom('contact_victims')
    .select(['contact_id', 'name_enc'])
    .where('contact_id', 'in', contactIds)
    .where('name_enc', 'is not', null)
    .orderBy('contact_id')
    .orderBy('position')
    .execute();
}
