/** Agency types (domain.md, "Who uses the system"). Stored in the database: never rename. */
export const AGENCY_TYPES = [
  'district_office', // Phòng LĐ-TB&XH cấp huyện (three-tier structure before 2025)
  'commune_committee', // UBND xã/phường (two-tier structure since 1 July 2025)
  'provincial_department', // Sở LĐ-TB&XH, since 2025 Sở Y tế
  'shelter', // Trung tâm Bảo trợ xã hội / Công tác xã hội / Cơ sở trợ giúp xã hội
  'police', // Công an
  'border_guard', // Bộ đội Biên phòng
  'ngo',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

/** Support regimes of Art. 37, Law 53/2024/QH15, in the law's lettering: a, b, c, d, đ (stored "dd"), e, g, h, i, k. */
export const SUPPORT_REGIMES = ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k'] as const;
export type SupportRegime = (typeof SUPPORT_REGIMES)[number];

export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
