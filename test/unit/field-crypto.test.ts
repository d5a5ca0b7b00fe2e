import { expect } from 'chai';
import { createFieldCrypto, maskPhone } from '../../server/domain/crypto/field-crypto.js';

describe('field encryption', () => {
  const key = Buffer.alloc(32, 1).toString('base64');
  const fc = createFieldCrypto(key);

  it('round-trips text, with a different ciphertext each time', () => {
    const a = fc.encrypt('Em bị giữ ở Campuchia');
    const b = fc.encrypt('Em bị giữ ở Campuchia');
    expect(a).not.to.equal(b);
    expect(a).not.to.include('Campuchia');
    expect(fc.decrypt(a)).to.equal('Em bị giữ ở Campuchia');
  });

  it('refuses tampered ciphertext and a different key', () => {
    const c = fc.encrypt('secret');
    const raw = Buffer.from(c.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => fc.decrypt(`v1:${raw.toString('base64')}`)).to.throw();
    expect(() => createFieldCrypto(Buffer.alloc(32, 2).toString('base64')).decrypt(c)).to.throw();
  });

  it('hashes for lookup deterministically, keyed', () => {
    expect(fc.lookupHash('+84912345678')).to.equal(fc.lookupHash('+84912345678'));
    expect(fc.lookupHash('+84912345678')).not.to.equal(fc.lookupHash('+84912345679'));
    expect(createFieldCrypto(Buffer.alloc(32, 2).toString('base64')).lookupHash('+84912345678')).not.to.equal(fc.lookupHash('+84912345678'));
  });

  it('masks a phone number to its last three digits', () => {
    expect(maskPhone('+84912345678')).to.equal('•••• 678');
    expect(maskPhone(null)).to.equal(null);
  });
});
