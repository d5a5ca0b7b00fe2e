/**
 * The de-identified export for partners, aligned with the Human Trafficking Case Data Standard (HTCDS v2, IOM,
 * github.com/UNMigration/HTCDS) and the Counter-Trafficking Data Collaborative's published dataset (CTDC).
 * Field names are HTCDS's (PascalCase); fields HTCDS does not have come from CTDC (AgeBroad, YearOfRegistration,
 * CountryOfExploitation) or are marked as our extension. Browser-safe.
 */

/** HTCDS `TraffickingStatus` (Person Victim Context). */
export const HTCDS_TRAFFICKING_STATUSES = ['ActualVictimOfTrafficking', 'PossibleVictimOfTrafficking'] as const;
/** HTCDS `TypeOfExploitation`. */
export const HTCDS_EXPLOITATION_TYPES = ['ForcedLabour', 'SexualExploitation', 'Both', 'Other'] as const;
/** HTCDS `Gender`. */
export const HTCDS_GENDERS = ['Feminine', 'Masculine', 'NonConforming', 'NonSpecifiedUnknown'] as const;
/** HTCDS `cas_Status`. */
export const HTCDS_CASE_STATUSES = ['Active', 'FollowUp', 'Closed', 'ClosedReferred'] as const;

/** Replaces a quasi-identifier that could single out fewer than k people. */
export const SUPPRESSED = 'suppressed';

/** The fields that, combined, could re-identify a person: each combination is shared by at least k rows, or generalised, or suppressed. */
export const HTCDS_QUASI_IDENTIFIERS = ['Gender', 'AgeBroad', 'Citizenship', 'YearOfRegistration', 'CountryOfExploitation'] as const;
export type HtcdsQuasiIdentifier = (typeof HTCDS_QUASI_IDENTIFIERS)[number];

/** One victim (or suspected victim) of one case: no name, phone, narrative, date of birth, exact date or commune. */
export interface HtcdsRecord {
  /** Numbered within this export only: it links to nothing in the system. */
  RecordId: string;
  YearOfRegistration: string;
  TraffickingStatus: (typeof HTCDS_TRAFFICKING_STATUSES)[number];
  TypeOfExploitation: (typeof HTCDS_EXPLOITATION_TYPES)[number];
  /** Extension: the purposes of Law 53/2024 recorded by the hotline (our codes). */
  ExploitationPurposes: string[];
  MethodsOfControl: string[];
  MethodOfRecruitment: string[];
  Gender: string;
  AgeBroad: string;
  Citizenship: string;
  CountryOfExploitation: string;
  Status: (typeof HTCDS_CASE_STATUSES)[number];
  NumberOfReferrals: number;
  /** HTCDS org_Type of each organisation the case was referred to. */
  ReferredOrganisationType: string[];
}

export const HTCDS_FIELDS = [
  'RecordId', 'YearOfRegistration', 'TraffickingStatus', 'TypeOfExploitation', 'ExploitationPurposes', 'MethodsOfControl',
  'MethodOfRecruitment', 'Gender', 'AgeBroad', 'Citizenship', 'CountryOfExploitation', 'Status', 'NumberOfReferrals',
  'ReferredOrganisationType',
] as const satisfies readonly (keyof HtcdsRecord)[];

export interface HtcdsExport {
  standard: 'HTCDS v2 (aligned), de-identified';
  generatedAt: string;
  period: { from: string; to: string };
  area: { id: number; name: string } | null;
  k: number;
  quasiIdentifiers: readonly HtcdsQuasiIdentifier[];
  suppression: {
    /** Rows whose quasi-identifiers were coarsened (age band → minor/adult, citizenship and country → VN/other). */
    generalised: number;
    /** Rows whose quasi-identifiers were all replaced by "suppressed". */
    suppressed: number;
    rule: string;
  };
  records: HtcdsRecord[];
}
