import { ROUTED_CLASSIFICATIONS, WISHES, type AgeBand, type VictimSex, type Wish } from '../../../shared/index.js';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { priorityOf, victimUnder18, type CaseFacts, type CaseVictim } from './evaluate.js';

export type { CaseFacts, CaseVictim } from './evaluate.js';

/**
 * What routing needs to know about a contact, read from the database (never the narrative or the caller).
 * needsShelter is the victim's own wish (wishes = 'shelter'): the operator records "a child without a safe home"
 * as that wish too. Throws NotFoundError for an unknown contact and ValidationError for an unclassified one, or
 * with `toRoute` for one that is not a wrapped-up case to refer (the routing worker's check, in the same read).
 * `joinedOpenCase`: a follow-up attached to its open case (issue 17), which is not referred on its own.
 */
export async function loadCaseFacts(db: Executor, contactId: number, opts: { toRoute?: boolean } = {}): Promise<CaseFacts & { joinedOpenCase: boolean }> {
  const c = await db
    .selectFrom('contacts')
    .select(['id', 'status', 'classification', 'immediate_danger', 'location_kind', 'location_unit_id', 'location_country', 'home_unit_id', 'wishes', 'case_contact_id'])
    // A follow-up that joined its open case wrote no routing request (one that reopened a closed case did).
    .select((eb) => eb.exists(eb.selectFrom('routing_requests as rr').select('rr.contact_id').whereRef('rr.contact_id', '=', 'contacts.id')).as('requested'))
    // The victims in the same round trip.
    .select(() => [
      sql<{ sex: string; age: number | null; age_band: string | null; under18: boolean | null }[]>`(
        select coalesce(json_agg(json_build_object('sex', v.sex, 'age', v.age, 'age_band', v.age_band, 'under18', v.under18) order by v.position), '[]')
        from contact_victims v where v.contact_id = contacts.id)`.as('victims'),
    ])
    .where('id', '=', contactId)
    .executeTakeFirst();
  if (!c) throw new NotFoundError(`no contact ${contactId}`);
  if (!c.classification) throw new ValidationError(`contact ${contactId} is not classified yet`, { classification: 'required' });
  const joinedOpenCase = c.case_contact_id != null && !c.requested;
  if (opts.toRoute && !joinedOpenCase && (c.status !== 'closed' || !(ROUTED_CLASSIFICATIONS as readonly string[]).includes(c.classification)))
    throw new ValidationError(`contact ${contactId} is not a classified case to refer`, { classification: c.classification });

  const victims: CaseVictim[] = c.victims.map((v) => ({
    sex: v.sex as VictimSex,
    age: v.age,
    ageBand: (v.age_band as AgeBand | null) ?? null,
    under18: v.under18,
  }));
  const wishes: Wish = (WISHES as readonly string[]).includes(c.wishes ?? '') ? (c.wishes as Wish) : 'unknown';
  const abroad = c.location_kind === 'abroad';

  return {
    contactId: c.id,
    classification: c.classification,
    priority: priorityOf(c.classification, c.immediate_danger),
    immediateDanger: c.immediate_danger,
    under18: victims.some(victimUnder18),
    abroad,
    needsShelter: wishes === 'shelter',
    locationUnitId: c.location_kind === 'unit' ? c.location_unit_id : null,
    homeUnitId: c.home_unit_id,
    country: abroad ? c.location_country : null,
    victims,
    wishes,
    joinedOpenCase,
  };
}
