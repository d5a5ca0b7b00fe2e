import { OFFICE_HOURS, type AgencyInput, type AgencyView, type ShelterProfile, type WorkingCalendar } from '../../../../shared/index.js';

/** Form paths the agency form displays errors for; anything else the server names goes to the banner. */
export const AGENCY_FIELD_PATHS = ['code', 'name', 'type', 'parentAgencyId', 'coverage', 'services', 'focalPhones', 'calendar', 'shelter', 'active', 'validFrom', 'validTo', 'seat'] as const;

export const DEFAULT_SHELTER: ShelterProfile = { acceptedSexes: ['female', 'male'], ageMin: 0, ageMax: 17, capacity: 20, occupancy: 0 };

export function officeHours(): WorkingCalendar {
  return structuredClone(OFFICE_HOURS);
}

export function toFormValues(a: AgencyView | null): AgencyInput {
  if (!a)
    return {
      code: '',
      name: '',
      type: 'commune_committee',
      parentAgencyId: null,
      coverage: [],
      services: [],
      focalPhones: [],
      calendar: officeHours(),
      shelter: null,
      active: true,
      validFrom: null,
      validTo: null,
      seat: null,
    };
  return {
    code: a.code,
    name: a.name,
    type: a.type,
    parentAgencyId: a.parentAgencyId,
    coverage: a.coverage.map(({ dataset, code }) => ({ dataset, code })),
    services: [...a.services],
    focalPhones: [...a.focalPhones],
    calendar: structuredClone(a.calendar),
    shelter: a.shelter ? { ...a.shelter, acceptedSexes: [...a.shelter.acceptedSexes] } : null,
    active: a.active,
    validFrom: a.validFrom,
    validTo: a.validTo,
    seat: a.seat ? { dataset: a.seat.dataset, code: a.seat.code } : null,
  };
}

/** 'dd' is how the law's letter "đ" is stored. */
export function regimeLetter(code: string): string {
  return code === 'dd' ? 'đ' : code;
}
