import { SEARCH_FILTERS, type SearchPage, type SearchQuery, type SearchResult, type SessionUser } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../audit/audit.repo.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { contactRef } from '../contacts/contacts.repo.js';
import { decide, type Decision } from '../disclosure/disclosure.js';
import { ValidationError } from '../errors.js';
import { factsOf, scopedReferrals } from '../referrals/referral-views.js';
import { nameTokenHashes } from './name-index.js';
import { referralsOfContacts, searchContacts, todaysUnitId, victimNamesOf, type SearchCriteria, type SearchRow } from './search.repo.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * One search for the hotline and the agencies (issue 17): by phone (its keyed hash), reference, victim name (the
 * blind index), agency, place and period, combined. Results are what the searcher may list; the victims' names are
 * decrypted for the page shown only, and only where the disclosure decision shows the case. Every search is audited
 * with the names of the filters it used, never their values.
 */
export function createSearchService(ctx: Pick<AppContext, 'db' | 'crypto'>) {
  const { db, crypto } = ctx;

  async function criteriaOf(q: SearchQuery): Promise<SearchCriteria> {
    const placeId = q.place ? await todaysUnitId(db, q.place) : undefined;
    if (placeId === null) throw new ValidationError('invalid query: place', { place: "no province or commune of today's map has this code" });
    return {
      phoneHash: q.phone ? crypto.lookupHash(q.phone) : undefined,
      contactId: q.ref,
      nameHashes: q.name ? nameTokenHashes(crypto, q.name) : undefined,
      agencyId: q.agencyId, placeId, from: q.from, to: q.to,
    };
  }

  /** The disclosure decision for each contact of the page, through the one rule (disclosure.ts). */
  async function decisions(viewer: SessionUser, rows: SearchRow[]): Promise<Map<number, Decision>> {
    const out = new Map<number, Decision>();
    if (!rows.length) return out;
    if (viewer.role !== 'agency_officer') {
      for (const r of rows) out.set(r.id, decide(viewer, { handlerId: r.handler_id, granted: r.granted, referral: null }));
      return out;
    }
    const referrals = await scopedReferrals(db, viewer).where('r.contact_id', 'in', rows.map((r) => r.id)).execute();
    for (const r of referrals) {
      const d = decide(viewer, factsOf(r));
      if (d === 'disclose' || !out.has(r.contact_id)) out.set(r.contact_id, d);
    }
    return out;
  }

  async function namesShown(ids: number[]): Promise<Map<number, string[]>> {
    const names = new Map<number, string[]>(ids.map((id) => [id, []]));
    if (ids.length) for (const v of await victimNamesOf(db, ids)) names.get(v.contact_id)!.push(crypto.decrypt(v.name_enc!));
    return names;
  }

  return {
    async search(q: SearchQuery, viewer: SessionUser, origin: RequestOrigin): Promise<SearchPage> {
      const rows = await searchContacts(db, viewer, await criteriaOf(q), q);
      const more = rows.length > q.limit;
      const page = rows.slice(0, q.limit);
      const ids = page.map((r) => r.id);
      const [decided, referrals] = await Promise.all([decisions(viewer, page), ids.length ? referralsOfContacts(db, viewer, ids) : []]);
      const names = await namesShown(ids.filter((id) => decided.get(id) === 'disclose'));
      await audit(db, viewer, origin, q, page.length, more);
      const results = page.map((r): SearchResult => ({
        contactId: r.id,
        ref: contactRef(r.id),
        receivedAt: iso(r.received_at),
        channel: r.channel,
        callType: r.call_type,
        classification: r.classification,
        status: r.status,
        training: r.training,
        place: { kind: r.location_kind, label: r.unit_path, now: r.unit_now ?? null, country: r.location_country },
        referrals: referrals
          .filter((f) => f.contact_id === r.id)
          .map((f) => ({ id: f.id, track: f.track, status: f.status, agency: f.agency_id != null ? { id: f.agency_id, name: f.agency_name ?? '' } : null })),
        victimNames: names.get(r.id) ?? null,
      }));
      return { results, offset: q.offset, limit: q.limit, more };
    },
  };
}

/** Which filters were used, how many results: never a phone number, a name or any other term searched for. */
async function audit(db: Executor, viewer: SessionUser, origin: RequestOrigin, q: SearchQuery, results: number, more: boolean) {
  const filters = SEARCH_FILTERS.filter((f) => q[f] !== undefined);
  await writeAudit(db, {
    actorUserId: viewer.id, actorRole: viewer.role, action: 'search.performed', entityType: 'search', ...origin,
    details: { filters, results, more, offset: q.offset },
  });
}
