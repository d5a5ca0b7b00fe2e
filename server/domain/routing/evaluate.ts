import {
  REFERRAL_TRACKS, isUnder18,
  type AgeBand, type Classification, type Priority, type ReferralTrack, type RoutingRule, type RuleFilter, type UnitRef,
  type VictimSex, type Wish,
} from '../../../shared/index.js';

/**
 * Pure routing logic: which rule applies to a case on each track, and which unit each track is anchored on.
 * No database here: the caller loads the facts (case-facts.ts) and the unit ancestry (jurisdiction.ts).
 */

export interface CaseVictim {
  sex: VictimSex;
  age: number | null;
  ageBand: AgeBand | null;
  under18: boolean | null;
}

/** What routing needs to know about a wrapped-up contact: no names, no narrative. */
export interface CaseFacts {
  contactId: number;
  classification: Classification;
  /** 'urgent' when in immediate danger, else the classification (not_relevant → other_child_protection). */
  priority: Priority;
  immediateDanger: boolean;
  /** At least one victim is known to be under 18 (by age, band or the operator's flag). */
  under18: boolean;
  abroad: boolean;
  needsShelter: boolean;
  locationUnitId: number | null;
  homeUnitId: number | null;
  /** ISO country when abroad. */
  country: string | null;
  victims: CaseVictim[];
  wishes: Wish;
}

export interface TrackMatch {
  track: ReferralTrack;
  rule: RoutingRule;
}

/** Where a track looks for its agency, and whether that unit is where the victim is or where they live. */
export interface Anchor {
  unitId: number;
  role: 'location' | 'home';
}

/**
 * Units the case lies within, as `dataset:code` keys (see unitRefKey): the location's chain, or the home's when the
 * location is not a unit (caseAncestry in jurisdiction.ts). Keys rather than ids so a rule's `locationWithin` refs need no resolution step and the evaluator stays pure.
 */
export type Ancestry = ReadonlySet<string>;

export const unitRefKey = (r: UnitRef): string => `${r.dataset}:${r.code}`;

export function priorityOf(classification: Classification, immediateDanger: boolean): Priority {
  if (immediateDanger) return 'urgent';
  return classification === 'not_relevant' ? 'other_child_protection' : classification;
}

export function victimUnder18(v: CaseVictim): boolean {
  return v.under18 ?? isUnder18(v.age, v.ageBand) ?? false;
}

/** Every condition given must hold; an absent condition matches anything. */
export function filterMatches(filter: RuleFilter, facts: CaseFacts, ancestry: Ancestry): boolean {
  if (filter.classifications && !filter.classifications.includes(facts.classification)) return false;
  if (filter.under18 !== undefined && filter.under18 !== facts.under18) return false;
  if (filter.immediateDanger !== undefined && filter.immediateDanger !== facts.immediateDanger) return false;
  if (filter.abroad !== undefined && filter.abroad !== facts.abroad) return false;
  if (filter.needsShelter !== undefined && filter.needsShelter !== facts.needsShelter) return false;
  if (filter.locationWithin && !filter.locationWithin.some((r) => ancestry.has(unitRefKey(r)))) return false;
  return true;
}

/**
 * For each track, the first active rule by position (then id) whose filter matches, like a TaskRouter
 * workflow: tracks with no matching rule are absent. Results come in REFERRAL_TRACKS order.
 */
export function matchTracks(rules: readonly RoutingRule[], facts: CaseFacts, ancestry: Ancestry): TrackMatch[] {
  const sorted = rules.filter((r) => r.active).sort((a, b) => a.position - b.position || a.id - b.id);
  const out: TrackMatch[] = [];
  for (const track of REFERRAL_TRACKS) {
    const rule = sorted.find((r) => r.track === track && filterMatches(r.filter, facts, ancestry));
    if (rule) out.push({ track, rule });
  }
  return out;
}

/**
 * The unit a track is anchored on:
 * - police, Border Guard, shelter: where the victim is now (else where they live);
 * - primary: where the victim lives when they wish to go home, are abroad or their location is unknown
 *   (the office there follows up the return), else where they are now (falling back on the other).
 * null when neither is known: the track then goes to the supervisor (or is skipped).
 */
export function anchorFor(track: ReferralTrack, facts: CaseFacts): Anchor | null {
  const location: Anchor | null = facts.locationUnitId != null ? { unitId: facts.locationUnitId, role: 'location' } : null;
  const home: Anchor | null = facts.homeUnitId != null ? { unitId: facts.homeUnitId, role: 'home' } : null;
  if (track === 'primary') {
    const homeFirst = facts.wishes === 'go_home' || facts.abroad || facts.locationUnitId == null;
    return homeFirst ? (home ?? location) : (location ?? home);
  }
  return location ?? home;
}
