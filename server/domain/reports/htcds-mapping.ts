/**
 * Our enumerations → the Human Trafficking Case Data Standard (HTCDS v2, IOM, github.com/UNMigration/HTCDS), in one
 * place. HTCDS field names: prs_Gender, prs_Citizenship (Person); vic_TraffickingStatus, vic_TypeOfExploitation,
 * vic_MethodsOfControl, vic_MethodOfRecruitment (Person Victim Context); cas_Status, cas_ReferredOrganisation and
 * org_Type (Case, Organisation). AgeBroad, YearOfRegistration and CountryOfExploitation follow the Counter-Trafficking
 * Data Collaborative's de-identified dataset (CTDC), which has no exact age, date or place below the country.
 */
import type { AgencyType, Classification, Indicator, TraffickingPurpose, VictimSex } from '../../../shared/index.js';

/** vic_TraffickingStatus: the hotline classifies; only competent authorities confirm a victim (domain.md). */
export const TRAFFICKING_STATUS: Partial<Record<Classification, 'ActualVictimOfTrafficking' | 'PossibleVictimOfTrafficking'>> = {
  trafficking: 'ActualVictimOfTrafficking',
  suspected_trafficking: 'PossibleVictimOfTrafficking',
};

/** vic_TypeOfExploitation: ForcedLabour | SexualExploitation | Both | Other, from the purposes of Law 53/2024. */
export const EXPLOITATION_KIND: Record<TraffickingPurpose, 'ForcedLabour' | 'SexualExploitation' | 'Other'> = {
  sexual_exploitation: 'SexualExploitation',
  forced_labour: 'ForcedLabour',
  forced_begging: 'ForcedLabour',
  forced_criminality: 'ForcedLabour',
  organ_removal: 'Other',
  forced_marriage: 'Other',
  child_sale_adoption: 'Other',
  forced_surrogacy: 'Other',
  other_inhumane: 'Other',
  financial_gain: 'Other',
};

export function typeOfExploitation(purposes: string[]): 'ForcedLabour' | 'SexualExploitation' | 'Both' | 'Other' {
  const kinds = new Set(purposes.map((p) => EXPLOITATION_KIND[p as TraffickingPurpose] ?? 'Other'));
  if (kinds.has('ForcedLabour') && kinds.has('SexualExploitation')) return 'Both';
  if (kinds.has('SexualExploitation')) return 'SexualExploitation';
  if (kinds.has('ForcedLabour')) return 'ForcedLabour';
  return 'Other';
}

/** vic_MethodsOfControl, from the ILO/UNODC screening indicators that describe control. */
export const METHOD_OF_CONTROL: Partial<Record<Indicator, string>> = {
  confinement: 'RestrictsMovement',
  phone_confiscated: 'RestrictsMovement',
  isolated_no_language: 'RestrictsMovement',
  passport_confiscated: 'WithholdsDocuments',
  documents_taken: 'WithholdsDocuments',
  threats_to_family: 'Threats',
  ransom_demand: 'Threats',
  debt_bondage: 'DebtBondage',
  recruitment_debt: 'DebtBondage',
  violence: 'PhysicalAbuse',
  unpaid_wages: 'TakesEarnings',
  forced_work_quotas: 'ExcessiveWorkingHours',
  deceptive_job_offer: 'FalsePromises',
  easy_job_high_pay: 'FalsePromises',
};

/** vic_MethodOfRecruitment, from the recruitment indicators; none recorded → Unknown. */
export const METHOD_OF_RECRUITMENT: Partial<Record<Indicator, string>> = {
  deceptive_job_offer: 'JobOffer',
  easy_job_high_pay: 'JobOffer',
  recruited_online: 'Internet',
  marriage_broker: 'InternationalMarriageBroker',
  recruitment_debt: 'Other',
};

/** prs_Gender. */
export const GENDER: Record<VictimSex, string> = {
  female: 'Feminine',
  male: 'Masculine',
  other: 'NonConforming',
  unknown: 'NonSpecifiedUnknown',
};

/** org_Type of the organisation a case was referred to (cas_ReferredOrganisation); never its name (a commune's name is a place). */
export const ORGANISATION_TYPE: Record<AgencyType, string> = {
  district_office: 'LocalGovernmentOrganisation',
  commune_committee: 'LocalGovernmentOrganisation',
  provincial_department: 'LocalGovernmentOrganisation',
  shelter: 'LocalGovernmentOrganisation',
  police: 'LawEnforcement',
  border_guard: 'LawEnforcement',
  ngo: 'NGO',
};

/** cas_Status from the case's referrals: one still open → Active; one closed → Closed; all declined/expired/cancelled → FollowUp. */
export function caseStatus(statuses: string[]): 'Active' | 'FollowUp' | 'Closed' {
  if (statuses.length === 0 || statuses.some((s) => ['pending', 'accepted', 'in_progress', 'needs_supervisor'].includes(s))) return 'Active';
  if (statuses.includes('closed')) return 'Closed';
  return 'FollowUp';
}

export function mapAll(values: string[], table: Partial<Record<string, string>>, none?: string): string[] {
  const out = [...new Set(values.map((v) => table[v]).filter((v): v is string => !!v))].sort();
  return out.length || !none ? out : [none];
}

/** Generalisation step of the k-anonymity rule: 9 age bands → Minor / Adult / Unknown (CTDC's majorityStatus). */
export function broadAge(band: string): string {
  if (band === 'unknown' || band === 'suppressed') return band === 'unknown' ? 'Unknown' : band;
  return ['0-5', '6-11', '12-15', '16-17'].includes(band) ? 'Minor' : ['18-24', '25-39', '40-59', '60+'].includes(band) ? 'Adult' : band;
}
