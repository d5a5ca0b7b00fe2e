import { expect } from 'chai';
import { COUNTRY_CODES, countryCode, countryName, countryOptions, isCountryCode, searchCountries, victim } from '../../shared/index.js';

describe('countries (ISO 3166-1 alpha-2)', () => {
  it('lists the 249 assigned codes, sorted and unique, each one a region the runtime can name in Vietnamese and English', () => {
    expect(COUNTRY_CODES).to.have.length(249);
    expect([...COUNTRY_CODES].sort()).to.deep.equal(COUNTRY_CODES);
    expect(new Set(COUNTRY_CODES).size).to.equal(249);
    for (const lang of ['vi', 'en'] as const) {
      const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
      for (const c of COUNTRY_CODES) expect(names.of(c), `${c} in ${lang}`).to.be.a('string');
    }
    expect(COUNTRY_CODES).to.include.members(['VN', 'KH', 'LA', 'CN', 'BV', 'HM', 'SS', 'BQ']);
  });

  it('refuses codes that look right but name no country: user-assigned, reserved, withdrawn', () => {
    for (const c of ['XK', 'EU', 'UK', 'ZZ', 'AA', 'QO', 'AN', 'YU', 'CS'])
      expect(isCountryCode(c), c).to.equal(false);
    const r = countryCode.safeParse('XK');
    expect(r.success).to.equal(false);
    expect(r.error!.issues[0]!.message).to.equal('not an ISO 3166-1 country code');
    expect(countryCode.parse(' la ')).to.equal('LA');
    expect(victim.safeParse({ nationality: 'VNM' }).success).to.equal(false);
    expect(victim.parse({ nationality: 'fr' }).nationality).to.equal('FR');
  });

  it('names every country: the Vietnamese official spellings first, the runtime’s CLDR names for the rest', () => {
    expect(countryName('MM', 'vi')).to.equal('Mi-an-ma');
    expect(countryName('FR', 'vi')).to.equal('Pháp');
    expect(countryName('FR', 'en')).to.equal('France');
    expect(countryName('XK', 'vi')).to.equal('XK'); // CLDR knows Kosovo, ISO does not assign it
  });

  it('offers Viet Nam first, then the rest alphabetically in the language, and finds them without accents in either language', () => {
    const vi = countryOptions('vi');
    expect(vi).to.have.length(249);
    expect(vi[0]).to.deep.equal({ code: 'VN', name: 'Việt Nam' });
    const rest = vi.slice(1).map((o) => o.name);
    expect(rest).to.deep.equal([...rest].sort(new Intl.Collator('vi').compare));
    expect(countryOptions('en')[0]).to.deep.equal({ code: 'VN', name: 'Viet Nam' });
    expect(searchCountries('phap', 'vi')[0]!.code).to.equal('FR');
    expect(searchCountries('france', 'vi')[0]!.code).to.equal('FR');
    expect(searchCountries('campu', 'vi')[0]!.code).to.equal('KH');
    expect(searchCountries('kh', 'vi')[0]!.code).to.equal('KH'); // a code typed whole comes first
    expect(searchCountries('trung', 'vi').map((o) => o.code)).to.include('CN');
    expect(searchCountries('', 'en')).to.have.length(249);
    expect(searchCountries('qqq', 'en')).to.deep.equal([]);
  });
});
