import type { RoutingRuleBody, RuleFilter, RuleTarget } from '../../../shared/index.js';

/**
 * The default routing rules of domain.md ("Routing: who gets a referral"), as data an administrator can change.
 * Loaded into an empty routing_rules table by ensureDefaultRules (rules.repo.ts).
 *
 * A target's timeout is the acknowledge SLA of the case's priority (domain.md, "Referral lifecycle and SLA"):
 * urgent 15 min, trafficking 1 h, suspected trafficking 4 h, other child protection 8 h. A target has one
 * timeout, so the primary and shelter tracks have one rule per priority, in the order urgent first
 * (immediate danger outranks the classification, exactly as priorityOf does).
 */

type Tier = { filter: RuleFilter; timeout: number; vi: string; en: string };

const TIERS: readonly Tier[] = [
  { filter: { immediateDanger: true }, timeout: 15, vi: 'nguy hiểm tức thời', en: 'immediate danger' },
  { filter: { classifications: ['trafficking'] }, timeout: 60, vi: 'mua bán người', en: 'trafficking' },
  { filter: { classifications: ['suspected_trafficking'] }, timeout: 240, vi: 'nghi mua bán người', en: 'suspected trafficking' },
  { filter: { classifications: ['other_child_protection'] }, timeout: 480, vi: 'bảo vệ trẻ em khác', en: 'other child protection' },
];

const target = (agencyType: RuleTarget['agencyType'], scope: RuleTarget['scope'], timeoutMinutes: number): RuleTarget => ({
  agencyType,
  scope,
  priority: 'case',
  timeoutMinutes,
});

/** One rule per priority tier, at consecutive positions from `base`. */
function perTier(
  track: RoutingRuleBody['track'],
  base: number,
  extra: RuleFilter,
  name: (t: Tier) => string,
  targets: (timeout: number) => RuleTarget[],
): RoutingRuleBody[] {
  return TIERS.map((t, i) => ({
    name: name(t),
    track,
    position: base + i,
    active: true,
    filter: { ...extra, ...t.filter },
    targets: targets(t.timeout),
    onExhausted: 'supervisor',
  }));
}

export const DEFAULT_RULES: RoutingRuleBody[] = [
  // 1. Immediate danger → the police of the victim's current location, at once, in parallel with the rest.
  {
    name: 'Nguy hiểm tức thời → Công an (Immediate danger → police)',
    track: 'police',
    position: 10,
    active: true,
    filter: { immediateDanger: true },
    targets: [{ agencyType: 'police', scope: 'jurisdiction', priority: 'urgent', timeoutMinutes: 15 }],
    onExhausted: 'supervisor',
  },
  // ... and the Border Guard of the province, which only border provinces have: none → skip, never the supervisor.
  {
    name: 'Nguy hiểm tức thời → Bộ đội Biên phòng tỉnh (Immediate danger → provincial Border Guard)',
    track: 'border_guard',
    position: 10,
    active: true,
    filter: { immediateDanger: true },
    targets: [{ agencyType: 'border_guard', scope: 'province', priority: 'urgent', timeoutMinutes: 15 }],
    onExhausted: 'skip',
  },
  // 4. Victim abroad → the provincial department of the home province (foreign affairs, border posts).
  ...perTier(
    'primary',
    10,
    { abroad: true },
    (t) => `Ở nước ngoài → Sở cấp tỉnh, ${t.vi} (Abroad → provincial department, ${t.en})`,
    (timeout) => [target('provincial_department', 'province', timeout)],
  ),
  // 2. Primary referral → the most specific local office: district office (three-tier), commune committee
  //    (two-tier), else the provincial department.
  ...perTier(
    'primary',
    20,
    {},
    (t) => `Cơ quan địa phương, ${t.vi} (Local office, ${t.en})`,
    (timeout) => [
      target('district_office', 'jurisdiction', timeout),
      target('commune_committee', 'jurisdiction', timeout),
      target('provincial_department', 'province', timeout),
    ],
  ),
  // 3. The victim wishes a shelter → one that accepts them and has a place, nearest first.
  ...perTier(
    'shelter',
    10,
    { needsShelter: true },
    (t) => `Muốn vào cơ sở trợ giúp → nơi còn chỗ, ${t.vi} (Shelter wish → free place, ${t.en})`,
    (timeout) => [target('shelter', 'nearest_with_capacity', timeout)],
  ),
];
