import { expect } from 'chai';
import { SUPPRESSED } from '../../shared/index.js';
import { anonymise, toDraft } from '../../server/domain/reports/htcds.js';
import { broadAge, caseStatus, mapAll, METHOD_OF_CONTROL, typeOfExploitation } from '../../server/domain/reports/htcds-mapping.js';

type Raw = Parameters<typeof toDraft>[0];
const victim = (o: Partial<Raw> = {}): Raw => ({
  classification: 'trafficking', purposes: ['forced_labour'], indicators: [], year: 2025, country: 'KH', sex: 'female', age_band: '18-24',
  nationality: 'VN', statuses: ['closed'], agency_types: ['police'], ...o,
});
const many = (n: number, o: Partial<Raw>) => Array.from({ length: n }, () => toDraft(victim(o)));

describe('HTCDS export: mapping and k-anonymity', () => {
  it('maps our enumerations onto HTCDS values', () => {
    expect(typeOfExploitation(['forced_labour', 'forced_begging'])).to.equal('ForcedLabour');
    expect(typeOfExploitation(['sexual_exploitation'])).to.equal('SexualExploitation');
    expect(typeOfExploitation(['forced_labour', 'sexual_exploitation'])).to.equal('Both');
    expect(typeOfExploitation(['forced_marriage', 'organ_removal'])).to.equal('Other');
    expect(caseStatus([])).to.equal('Active');
    expect(caseStatus(['declined', 'needs_supervisor'])).to.equal('Active');
    expect(caseStatus(['declined', 'closed'])).to.equal('Closed');
    expect(caseStatus(['declined', 'expired'])).to.equal('FollowUp');
    expect(mapAll(['confinement', 'phone_confiscated', 'violence', 'child_sold'], METHOD_OF_CONTROL)).to.deep.equal(['PhysicalAbuse', 'RestrictsMovement']);
    expect(mapAll([], {}, 'Unknown')).to.deep.equal(['Unknown']);
    expect(['0-5', '16-17', '18-24', '60+', 'unknown'].map(broadAge)).to.deep.equal(['Minor', 'Minor', 'Adult', 'Adult', 'Unknown']);
    const d = toDraft(victim({ classification: 'suspected_trafficking', sex: 'unknown', age_band: 'unknown', nationality: 'unknown', country: 'unknown' }));
    expect(d).to.deep.include({ TraffickingStatus: 'PossibleVictimOfTrafficking', Gender: 'NonSpecifiedUnknown', AgeBroad: 'Unknown', Citizenship: 'Unknown', CountryOfExploitation: 'Unknown' });
    expect(Object.keys(d)).not.to.include.members(['age', 'name', 'phone', 'narrative', 'commune', 'date']);
  });

  it('keeps combinations shared by at least k rows as they are', () => {
    const r = anonymise(many(11, {}), 11);
    expect(r).to.deep.include({ generalised: 0, suppressed: 0 });
    expect(r.records.every((x) => x.AgeBroad === '18-24' && x.Citizenship === 'VN' && x.CountryOfExploitation === 'KH')).to.equal(true);
  });

  it('generalises rare combinations (age band → minor/adult, countries → VN/other), when that makes k', () => {
    // 6 women 18-24 + 6 women 25-39, exploited in Cambodia or Laos: each exact combination is under k = 11; as
    // "adult, abroad" they are 12 together.
    const drafts = [...many(6, { age_band: '18-24', country: 'KH' }), ...many(6, { age_band: '25-39', country: 'LA' })];
    const r = anonymise(drafts, 11);
    expect(r).to.deep.include({ generalised: 12, suppressed: 0 });
    for (const x of r.records) expect(x).to.deep.include({ AgeBroad: 'Adult', CountryOfExploitation: 'Abroad', Citizenship: 'VN', Gender: 'Feminine' });
  });

  it('suppresses every quasi-identifier of a row that stays rare, and keeps its other fields', () => {
    const drafts = [...many(21, {}), toDraft(victim({ sex: 'male', nationality: 'LA', age_band: '12-15' }))];
    const r = anonymise(drafts, 11);
    // The rare row, and 10 rows of the large group with it, so that the suppressed group is k strong too.
    expect(r).to.deep.include({ generalised: 0, suppressed: 11 });
    const rare = r.records.find((x) => x.Gender === SUPPRESSED && x.TraffickingStatus === 'ActualVictimOfTrafficking')!;
    expect(rare).to.deep.include({ AgeBroad: SUPPRESSED, Citizenship: SUPPRESSED, YearOfRegistration: SUPPRESSED, CountryOfExploitation: SUPPRESSED });
    expect(rare.TraffickingStatus).to.equal('ActualVictimOfTrafficking');
    // No published combination other than the all-suppressed one is shared by fewer than k rows.
    const key = (x: (typeof r.records)[number]) => [x.Gender, x.AgeBroad, x.Citizenship, x.YearOfRegistration, x.CountryOfExploitation].join('|');
    const counts = new Map<string, number>();
    for (const x of r.records) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
    for (const [, n] of counts) expect(n).to.be.at.least(11);
  });

  it('with k = 2, a pair is enough', () => {
    const r = anonymise([...many(3, { sex: 'male' }), ...many(1, { sex: 'other' })], 2);
    expect(r.records.filter((x) => x.Gender === 'Masculine')).to.have.length(2);
    expect(r.suppressed).to.equal(2);
  });

  it('never publishes a suppressed group smaller than k: a total minus the rows shown would give it away', () => {
    // 11 women, 11 men, 1 rare: published alone, the rare row's sex, age and citizenship are the published
    // statistics (victims by sex, age band, nationality) minus the 22 rows shown. No group can give 10 rows and keep
    // 11, so a whole group (the smallest) is suppressed with it.
    const drafts = [...many(11, {}), ...many(11, { sex: 'male' }), toDraft(victim({ sex: 'other', nationality: 'LA', age_band: '0-5' }))];
    const r = anonymise(drafts, 11);
    expect(r.records).to.have.length(23);
    expect(r.suppressed).to.equal(12);
    const counts = new Map<string, number>();
    for (const x of r.records) {
      const key = [x.Gender, x.AgeBroad, x.Citizenship, x.YearOfRegistration, x.CountryOfExploitation].join('|');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, n] of counts) expect(n, key).to.be.at.least(11);
    // Generalised rows taken into the suppressed group are no longer counted as generalised.
    const g = anonymise([...many(6, { age_band: '18-24', country: 'KH' }), ...many(6, { age_band: '25-39', country: 'LA' }), toDraft(victim({ sex: 'male' }))], 11);
    expect(g).to.deep.include({ generalised: 0, suppressed: 13 });
    // Nothing rare: nothing suppressed.
    expect(anonymise(many(11, {}), 11).suppressed).to.equal(0);
  });
});
