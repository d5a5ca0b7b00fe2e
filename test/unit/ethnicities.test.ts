import { expect } from 'chai';
import {
  ETHNIC_GROUPS, ETHNICITY_CODES, FOREIGN_NATIONAL, ethnicityFromText, ethnicityName, foldKey, isEthnicityCode, searchEthnicities, victim,
} from '../../shared/index.js';
import { ETHNICITY_MIXES } from '../../server/domain/synthetic/ethnicity-mix.js';

const codes = (q: string) => searchEthnicities(q).map((g) => g.code);

describe('ethnic groups of Viet Nam (GSO codes, Decision 121-TCTK/PPCĐ)', () => {
  it('lists the 54 groups as 01–54 in order, plus 55 for a foreign national, each with a Vietnamese and an English name', () => {
    expect(ETHNIC_GROUPS).to.have.length(55);
    expect(ETHNICITY_CODES).to.deep.equal(Array.from({ length: 55 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(new Set(ETHNIC_GROUPS.map((g) => g.vi)).size).to.equal(55);
    for (const g of ETHNIC_GROUPS) expect(g.vi.trim() && g.en.trim(), g.code).to.be.ok;
    expect(FOREIGN_NATIONAL).to.equal('55');
    // Spot checks against the decision's numbering (it differs from the 2008 census list from 04 on).
    const name = (c: string) => ethnicityName(c, 'vi');
    expect([name('01'), name('04'), name('05'), name('06'), name('08'), name('11'), name('23'), name('54')]).to.deep.equal([
      'Kinh', 'Hoa', 'Khơ-me', 'Mường', 'HMông', 'Ngái', 'Bru-Vân Kiều', 'Rơ-măm',
    ]);
    expect(ethnicityName('08', 'en')).to.equal('Hmong');
    expect(ethnicityName('99', 'vi')).to.equal('99');
  });

  it('gives every folded name and alias to one group only, so reading a name can never be ambiguous', () => {
    const owner = new Map<string, string>();
    for (const g of ETHNIC_GROUPS)
      for (const n of [g.vi, g.en, ...g.aliases]) {
        const k = foldKey(n);
        expect(k, `${n} (${g.code})`).to.not.equal('');
        const other = owner.get(k);
        expect(other === undefined || other === g.code, `"${n}" names ${g.code} and ${other}`).to.equal(true);
        owner.set(k, g.code);
      }
  });

  it('finds groups by any name, without accents, case or separators, best match first', () => {
    expect(codes('hmong')[0]).to.equal('08');
    expect(codes("H'Mông")[0]).to.equal('08');
    expect(codes('mong')[0]).to.equal('08');
    expect(codes('mèo')[0]).to.equal('08');
    expect(codes('thai')[0]).to.equal('03');
    expect(codes('THÁI')[0]).to.equal('03');
    expect(codes('khmer')[0]).to.equal('05');
    expect(codes('viet')[0]).to.equal('01');
    expect(codes('ede')[0]).to.equal('12');
    expect(codes('gia rai')[0]).to.equal('10');
    expect(codes('nước ngoài')[0]).to.equal('55');
    // A prefix finds every group it starts, in code order after the exact matches.
    expect(codes('la')).to.include.members(['37', '38', '39', '41']);
    expect(codes('co').slice(0, 1)).to.deep.equal(['30']); // Co itself before Cơ-ho, Cơ-tu, Cơ Lao
    expect(codes('zzz')).to.deep.equal([]);
    expect(codes('')).to.deep.equal([...ETHNICITY_CODES]);
  });

  it('reads free text as a group only when it names one exactly', () => {
    expect(ethnicityFromText('dân tộc Kinh')).to.equal('01');
    expect(ethnicityFromText('Người dân tộc Mông')).to.equal('08');
    expect(ethnicityFromText('Khơ-me Krôm')).to.equal('05');
    expect(ethnicityFromText('Hoa (Hán)')).to.equal('04');
    expect(ethnicityFromText('7')).to.equal('07');
    expect(ethnicityFromText('Mường Bi')).to.equal(null);
    expect(ethnicityFromText('Việt Nam')).to.equal(null);
    expect(ethnicityFromText(null)).to.equal(null);
  });

  it('is what the victim schema accepts: a code or null, never a name', () => {
    expect(victim.parse({ ethnicity: '08' }).ethnicity).to.equal('08');
    expect(victim.parse({}).ethnicity).to.equal(null);
    for (const bad of ['Hmông', '8', '56', '00', ''])
      expect(victim.safeParse({ ethnicity: bad }).success, bad).to.equal(false);
    expect(isEthnicityCode('54')).to.equal(true);
    expect(isEthnicityCode('56')).to.equal(false);
  });

  it("gives the synthetic data's victims shares of real groups that add up to one in every province mix", () => {
    for (const mix of ETHNICITY_MIXES) {
      expect(mix.reduce((sum, [, share]) => sum + share, 0)).to.be.closeTo(1, 1e-9);
      for (const [code] of mix) expect(isEthnicityCode(code), code).to.equal(true);
    }
  });
});
