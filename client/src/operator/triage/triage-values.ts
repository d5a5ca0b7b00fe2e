import {
  AGE_BANDS, CALL_TYPES, CLASSIFICATIONS, CONSENTS, INDICATORS, SUPPORT_REGIMES, TRAFFICKING_PURPOSES, UNIT_DATASETS, VICTIM_SEXES, WISHES,
  ethnicityFromText, homeLocation as homeLocationSchema, isUnder18, location as locationSchema,
  type AgeBand, type EthnicityCode, type CallType, type Classification, type Consent, type ContactDetail, type HomeLocation, type Indicator, type Location, type SupportRegime,
  type TraffickingPurpose, type UnitDataset, type VictimInput, type VictimSex, type Wish, type WrapUpInput,
} from '../../../../shared/index.js';

/** One victim as the form holds it: "unknown" is null, or '' for the pickers (ethnic group and country codes). */
export interface VictimRow {
  name: string;
  sex: VictimSex;
  age: number | null;
  ageBand: AgeBand | null;
  ethnicity: EthnicityCode | '';
  nationality: string;
  under18: boolean | null;
}

/** What an old place is now: one 2025 commune, or several when it was divided (then the operator picks one). */
export interface PlaceNow {
  code: string;
  path: string;
  divided: boolean;
}

/** A place picker's state: the unit chosen (either structure; code '' = none), its full path and, if old, what it is now. */
export interface PlaceUi {
  dataset: UnitDataset;
  code: string;
  path: string;
  now: PlaceNow[];
}

/** The location picker's whole state, so a restored draft shows the same place. */
export interface LocationUi extends PlaceUi {
  kind: Location['kind'];
  /** A listed country code, or 'other' (then countryOther holds the code). */
  country: string;
  countryOther: string;
}

/** The home picker's whole state (where the victim lives: a unit or unknown), saved in the draft like the location's. */
export interface HomeLocationUi extends PlaceUi {
  kind: HomeLocation['kind'];
}

export interface TriageValues {
  callType: CallType | null;
  classification: Classification | null;
  purposes: TraffickingPurpose[];
  indicators: Indicator[];
  victims: VictimRow[];
  location: LocationUi;
  homeLocation: HomeLocationUi;
  immediateDanger: boolean;
  wishes: Wish;
  wishesNote: string;
  needs: SupportRegime[];
  consent: Consent;
  narrative: string;
}

export const ABROAD_COUNTRIES = ['KH', 'CN', 'LA', 'MM', 'TH', 'MY', 'KR', 'JP', 'TW'] as const;
export const newVictim = (): VictimRow => ({ name: '', sex: 'unknown', age: null, ageBand: null, ethnicity: '', nationality: 'VN', under18: null });
const blankPlace = (): PlaceUi => ({ dataset: 'vn-2025', code: '', path: '', now: [] });
const blankLocation = (): LocationUi => ({ kind: 'unknown', ...blankPlace(), country: '', countryOther: '' });
const blankHome = (): HomeLocationUi => ({ kind: 'unknown', ...blankPlace() });

export const needsPurposes = (c: Classification | null) => c === 'trafficking' || c === 'suspected_trafficking';

const validAge = (age: unknown) => (typeof age === 'number' && Number.isFinite(age) ? age : null);

/** Under 18 from the exact age, else the age band, else the operator's tick (unticked means "not known"). */
export function derivedUnder18(v: Pick<VictimRow, 'age' | 'ageBand' | 'under18'>): boolean | null {
  const known = isUnder18(validAge(v.age), v.ageBand);
  if (known !== null) return known;
  return v.under18 === true ? true : null;
}

export function toLocation(l: LocationUi): Location | { kind: 'unit'; dataset: UnitDataset; code: string } {
  if (l.kind === 'abroad') return { kind: 'abroad', country: (l.country === 'other' ? l.countryOther : l.country).trim().toUpperCase() };
  if (l.kind === 'unit') return { kind: 'unit', dataset: l.dataset, code: l.code };
  return { kind: 'unknown' };
}

/** The unit picked, as the API's home location ("unit" with nothing picked yet fails the schema on `code`). */
export function toHomeLocation(l: HomeLocationUi): HomeLocation | { kind: 'unit'; dataset: UnitDataset; code: string } {
  if (l.kind === 'unit') return { kind: 'unit', dataset: l.dataset, code: l.code };
  return { kind: 'unknown' };
}

function toVictim(r: VictimRow): VictimInput {
  return {
    name: r.name.trim() || null,
    sex: r.sex,
    age: r.age,
    ageBand: r.ageBand,
    ethnicity: r.ethnicity || null,
    nationality: r.nationality.trim().toUpperCase() || null,
    under18: derivedUnder18(r),
  };
}

/** What wrapUpBody parses. Missing choices stay missing so the schema names them. */
export function toWrapUpInput(v: TriageValues): WrapUpInput {
  return {
    callType: v.callType ?? undefined,
    classification: v.classification ?? undefined,
    purposes: needsPurposes(v.classification) ? v.purposes : [],
    indicators: v.indicators,
    victims: v.victims.map(toVictim),
    location: toLocation(v.location),
    homeLocation: toHomeLocation(v.homeLocation),
    immediateDanger: v.immediateDanger,
    wishes: v.wishes,
    wishesNote: v.wishesNote.trim() || null,
    needs: v.needs,
    consent: v.consent,
    narrative: v.narrative,
  } as WrapUpInput;
}

/** The autosaved draft: only what the loose draft schema accepts, plus the pickers' state (`locationUi`, `homeLocationUi`). */
export function toDraft(v: TriageValues): Record<string, unknown> {
  const d: Record<string, unknown> = {
    purposes: v.purposes,
    indicators: v.indicators,
    victims: v.victims.map((r) => ({ ...r, age: validAge(r.age) })),
    immediateDanger: v.immediateDanger,
    wishes: v.wishes,
    wishesNote: v.wishesNote.slice(0, 500) || null,
    needs: v.needs,
    consent: v.consent,
    narrative: v.narrative.slice(0, 20_000),
    locationUi: v.location,
    homeLocationUi: v.homeLocation,
  };
  if (v.callType) d.callType = v.callType;
  if (v.classification) d.classification = v.classification;
  const loc = locationSchema.safeParse(toLocation(v.location));
  if (loc.success) d.location = loc.data;
  const home = homeLocationSchema.safeParse(toHomeLocation(v.homeLocation));
  if (home.success) d.homeLocation = home.data;
  return d;
}

// ---- restoring a draft (it may come from an older console or another client: trust nothing) ----

const oneOf = <T extends string>(list: readonly T[], v: unknown): T | null => (typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : null);
const someOf = <T extends string>(list: readonly T[], v: unknown): T[] => (Array.isArray(v) ? list.filter((x) => v.includes(x)) : []);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

function victimFrom(raw: unknown): VictimRow {
  const r = obj(raw);
  return {
    name: str(r.name).slice(0, 200),
    sex: oneOf(VICTIM_SEXES, r.sex) ?? 'unknown',
    age: validAge(r.age),
    ageBand: oneOf(AGE_BANDS, r.ageBand),
    // A draft from before the ethnicity picker holds what was typed: read it as a group when it names one.
    ethnicity: ethnicityFromText(str(r.ethnicity)) ?? '',
    nationality: str(r.nationality).trim().toUpperCase(),
    under18: typeof r.under18 === 'boolean' ? r.under18 : null,
  };
}

/**
 * A place picker's state from a draft: this console's (code, path, now) or an older one's (province, district,
 * commune: the most specific is the place; its path is looked up again when shown).
 */
function placeFrom(u: Record<string, unknown>): PlaceUi {
  const now = Array.isArray(u.now)
    ? u.now.map(obj).filter((n) => typeof n.code === 'string').map((n) => ({ code: str(n.code), path: str(n.path), divided: n.divided === true }))
    : [];
  const code = str(u.code) || str(u.commune) || str(u.district) || str(u.province);
  return { dataset: oneOf(UNIT_DATASETS, u.dataset) ?? 'vn-2025', code, path: str(u.code) ? str(u.path) : '', now };
}

function locationFrom(ui: unknown, saved: unknown): LocationUi {
  const u = obj(ui);
  if (oneOf(['unit', 'abroad', 'unknown'] as const, u.kind))
    return { kind: u.kind as LocationUi['kind'], ...placeFrom(u), country: str(u.country), countryOther: str(u.countryOther) };
  const parsed = locationSchema.safeParse(saved);
  if (!parsed.success) return blankLocation();
  const l = parsed.data;
  if (l.kind === 'abroad') {
    const listed = (ABROAD_COUNTRIES as readonly string[]).includes(l.country);
    return { ...blankLocation(), kind: 'abroad', country: listed ? l.country : 'other', countryOther: listed ? '' : l.country };
  }
  if (l.kind === 'unit') return { ...blankLocation(), kind: 'unit', dataset: l.dataset, code: l.code };
  return blankLocation();
}

function homeLocationFrom(ui: unknown, saved: unknown): HomeLocationUi {
  const u = obj(ui);
  if (oneOf(['unit', 'unknown'] as const, u.kind)) return { kind: u.kind as HomeLocationUi['kind'], ...placeFrom(u) };
  const parsed = homeLocationSchema.safeParse(saved);
  if (!parsed.success || parsed.data.kind !== 'unit') return blankHome();
  return { ...blankHome(), kind: 'unit', dataset: parsed.data.dataset, code: parsed.data.code };
}

export function fromDraft(contact: Pick<ContactDetail, 'draft' | 'callType'>): TriageValues {
  const d = obj(contact.draft);
  return {
    callType: oneOf(CALL_TYPES, d.callType) ?? contact.callType ?? null,
    classification: oneOf(CLASSIFICATIONS, d.classification),
    purposes: someOf(TRAFFICKING_PURPOSES, d.purposes),
    indicators: someOf(INDICATORS, d.indicators),
    victims: Array.isArray(d.victims) ? d.victims.slice(0, 50).map(victimFrom) : [],
    location: locationFrom(d.locationUi, d.location),
    homeLocation: homeLocationFrom(d.homeLocationUi, d.homeLocation),
    immediateDanger: d.immediateDanger === true,
    wishes: oneOf(WISHES, d.wishes) ?? 'unknown',
    wishesNote: str(d.wishesNote),
    needs: someOf(SUPPORT_REGIMES, d.needs),
    consent: oneOf(CONSENTS, d.consent) ?? 'none',
    narrative: str(d.narrative),
  };
}
