import { expect } from 'chai';
import { parseCaseRef } from '../../client/src/cases/cases-api.js';

describe('parseCaseRef: a case reference as operators type it', () => {
  it('reads LH-000123, lh 123 and 123 as contact 123', () => {
    for (const s of ['LH-000123', 'lh 123', ' 123 ', 'Lh000123']) expect(parseCaseRef(s), s).to.equal(123);
  });
  it('refuses what is not a reference', () => {
    for (const s of ['', 'LH-', 'abc', '0', 'LH-12a', '99999999999', '-5']) expect(parseCaseRef(s), s).to.equal(null);
  });
});
