import { expect } from 'chai';
import type { PlaceHit } from '../../shared/index.js';
import { parseQuery, queryParts, searchPlaces } from '../../server/domain/units/place-search.js';
import { ensureUnits } from '../support/demo-data.js';
import { api, createTestUser, loginAs, startTestApp, type TestApp } from '../support/http.js';
import { testEnv } from '../support/test-env.js';

const key = (p: Pick<PlaceHit, 'dataset' | 'code'>) => `${p.dataset}:${p.code}`;

describe('places as callers say them: one search across both structures', function () {
  this.timeout(60_000);
  before(async () => ensureUnits());

  it('splits a query into parts at commas and unit words, without accents', () => {
    expect(queryParts('Đạo Đức, Vị Xuyên, Hà Giang')).to.deep.equal([['dao', 'duc'], ['vi', 'xuyen'], ['ha', 'giang']]);
    expect(queryParts('xã Đạo Đức huyện Vị Xuyên tỉnh Hà Giang')).to.deep.equal([['dao', 'duc'], ['vi', 'xuyen'], ['ha', 'giang']]);
    expect(queryParts('  TP. Hà Giang ')).to.deep.equal([['ha', 'giang']]);
    expect(queryParts('xã, huyện')).to.deep.equal([]);
    expect(parseQuery('huyện Vị Xuyên')).to.deep.equal({ parts: [['vi', 'xuyen']], kind: 'huyen' });
  });

  it('finds an old commune by name, district and province, and shows what it is now', async () => {
    const hits = await searchPlaces(testEnv().db, 'Đạo Đức, Vị Xuyên, Hà Giang');
    expect(hits.map(key)).to.deep.equal(['vn-2023:00955']);
    expect(hits[0]).to.deep.include({ name: 'Xã Đạo Đức', path: 'Xã Đạo Đức, huyện Vị Xuyên, Hà Giang' });
    expect(hits[0]!.now.map((n) => [n.code, n.path, n.divided])).to.deep.equal([['00913', 'Xã Vị Xuyên, Tuyên Quang', false]]);
  });

  it('ignores accents, case and unit words, and ranks the whole name first', async () => {
    const hits = await searchPlaces(testEnv().db, 'vi xuyen');
    const keys = hits.map(key);
    expect(keys).to.include.members(['vn-2025:00913', 'vn-2023:00913', 'vn-2023:030']);
    expect(keys[0]).to.equal('vn-2025:00913'); // today's commune before the old town and district of the same name
    expect((await searchPlaces(testEnv().db, 'XA DAO DUC huyen vi xuyen')).map(key)).to.deep.equal(['vn-2023:00955']);
  });

  it('lists every part of a divided old commune, so the operator can pick one', async () => {
    const [vietLam] = await searchPlaces(testEnv().db, 'Việt Lâm, Vị Xuyên');
    expect(key(vietLam!)).to.equal('vn-2023:00967');
    expect(vietLam!.now.map((n) => [n.code, n.divided])).to.deep.equal([['00913', true], ['00967', true]]);
  });

  it('says what an old district or province is now: the 2025 province holding it', async () => {
    const [district] = await searchPlaces(testEnv().db, 'huyện Vị Xuyên');
    expect(key(district!)).to.equal('vn-2023:030');
    expect(district!.now.map((n) => n.path)).to.deep.equal(['Tuyên Quang']);
    const [province] = await searchPlaces(testEnv().db, 'tỉnh Sóc Trăng');
    expect(province!.now.map((n) => n.path)).to.deep.equal(['Thành phố Cần Thơ']);
  });

  describe('over HTTP', () => {
    let app: TestApp;
    let cookie: string;
    before(async () => {
      app = await startTestApp();
      const u = await createTestUser('operator');
      cookie = await loginAs(app.baseUrl, u.username, u.password);
    });
    after(async () => app.close());

    it('searches, and looks one place up by dataset and code', async () => {
      const found = await api(app.baseUrl, 'GET', `/api/places?q=${encodeURIComponent('Đạo Đức')}`, { cookie });
      expect(found.status).to.equal(200);
      expect(found.body.places.map(key)).to.include('vn-2023:00955');
      const one = await api(app.baseUrl, 'GET', '/api/places?dataset=vn-2025&code=00913', { cookie });
      expect(one.body.places.map((p: PlaceHit) => p.path)).to.deep.equal(['Xã Vị Xuyên, Tuyên Quang']);
    });

    it('refuses a query without q or a code with 400 naming the field, and anyone logged out with 401', async () => {
      const bad = await api(app.baseUrl, 'GET', '/api/places?dataset=vn-2025', { cookie });
      expect(bad.status).to.equal(400);
      expect(JSON.stringify(bad.body)).to.include('q');
      expect((await api(app.baseUrl, 'GET', '/api/places?code=12x&dataset=vn-2025', { cookie })).status).to.equal(400);
      expect((await api(app.baseUrl, 'GET', '/api/places?q=vi')).status).to.equal(401);
    });
  });
});
