import { expect } from 'chai';
import { setShelterOccupancy, shelterRoutes } from '../../server/domain/routing/shelter.routes.js';
import { ForbiddenError, ValidationError } from '../../server/domain/errors.js';
import { createTestAgency, createTestUser } from '../support/http.js';
import { asUser, call, startRouteApp } from '../support/route-app.js';
import { testEnv } from '../support/test-env.js';

// The route is not registered in the API yet: it is served here with its real permission check, validation and errors.
describe('shelter occupancy (PUT /agencies/:id/occupancy)', () => {
  let app: Awaited<ReturnType<typeof startRouteApp>>;
  let shelter: { id: number };
  let otherShelter: { id: number };
  let office: { id: number };
  const users: Record<'own' | 'other' | 'admin' | 'operator', { id: number }> = {} as never;
  const db = () => testEnv().db;
  const occupancy = async (id: number) =>
    (await db().selectFrom('agencies').select('shelter_occupancy').where('id', '=', id).executeTakeFirstOrThrow()).shelter_occupancy;
  const put = (id: number, body: unknown, headers: Record<string, string>) => call(app.baseUrl, 'PUT', `/agencies/${id}/occupancy`, { body, headers });

  before(async () => {
    app = await startRouteApp(shelterRoutes({ db: testEnv().db }));
    shelter = await createTestAgency('shelter'); // capacity 10
    otherShelter = await createTestAgency('shelter');
    office = await createTestAgency('district_office');
    users.own = await createTestUser('agency_officer', shelter.id);
    users.other = await createTestUser('agency_officer', otherShelter.id);
    users.admin = await createTestUser('admin');
    users.operator = await createTestUser('operator');
  });
  after(async () => app.close());

  const officer = (agencyId: number) => asUser({ id: agencyId === shelter.id ? users.own.id : users.other.id, role: 'agency_officer', agencyId });
  const admin = () => asUser({ id: users.admin.id, role: 'admin' });
  const cases: { title: string; who: () => Record<string, string>; target: () => number; body: unknown; status: number; field?: string; after?: number }[] = [
    { title: 'the shelter’s own officer sets it', who: () => officer(shelter.id), target: () => shelter.id, body: { occupancy: 7 }, status: 200, after: 7 },
    { title: 'an administrator sets it', who: () => admin(), target: () => shelter.id, body: { occupancy: 10 }, status: 200, after: 10 },
    { title: 'an officer of another agency may not (403)', who: () => officer(otherShelter.id), target: () => shelter.id, body: { occupancy: 1 }, status: 403, after: 10 },
    { title: 'an operator may not (403)', who: () => asUser({ id: users.operator.id, role: 'operator' }), target: () => shelter.id, body: { occupancy: 1 }, status: 403, after: 10 },
    { title: 'nobody logged in (401)', who: () => ({}), target: () => shelter.id, body: { occupancy: 1 }, status: 401, after: 10 },
    { title: 'more than the capacity (400 naming occupancy)', who: () => officer(shelter.id), target: () => shelter.id, body: { occupancy: 11 }, status: 400, field: 'occupancy', after: 10 },
    { title: 'a negative number (400 naming occupancy)', who: () => officer(shelter.id), target: () => shelter.id, body: { occupancy: -1 }, status: 400, field: 'occupancy', after: 10 },
    { title: 'not a shelter (400)', who: () => admin(), target: () => office.id, body: { occupancy: 1 }, status: 400, field: 'agency' },
    { title: 'unknown agency (404)', who: () => admin(), target: () => 99_999_999, body: { occupancy: 1 }, status: 404 },
    { title: 'back to zero', who: () => officer(shelter.id), target: () => shelter.id, body: { occupancy: 0 }, status: 200, after: 0 },
  ];
  for (const c of cases)
    it(c.title, async () => {
      const r = await put(c.target(), c.body, c.who());
      expect(r.status, JSON.stringify(r.body)).to.equal(c.status);
      if (c.field) expect(r.body.error.fields).to.have.property(c.field);
      if (c.status === 200) expect(r.body.shelter).to.deep.equal({ agencyId: shelter.id, name: r.body.shelter.name, capacity: 10, occupancy: c.after, freePlaces: 10 - c.after! });
      if (c.after !== undefined) expect(await occupancy(shelter.id)).to.equal(c.after);
    });

  it('is audited with the numbers only', async () => {
    const rows = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'shelter.occupancy')
      .where('entity_id', '=', String(shelter.id))
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.actor_user_id, r.actor_role, r.details])).to.deep.equal([
      [users.own.id, 'agency_officer', { before: 0, after: 7, capacity: 10 }],
      [users.admin.id, 'admin', { before: 7, after: 10, capacity: 10 }],
      [users.own.id, 'agency_officer', { before: 10, after: 0, capacity: 10 }],
    ]);
    expect(rows.every((r) => r.entity_type === 'agency')).to.equal(true);
  });

  it('the service refuses the same way when called directly', async () => {
    const err = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);
    expect(await err(setShelterOccupancy(db(), { agencyId: shelter.id, occupancy: 1, user: { id: users.other.id, role: 'agency_officer', agencyId: otherShelter.id } }))).to.be.instanceOf(ForbiddenError);
    const tooMany = await err(setShelterOccupancy(db(), { agencyId: shelter.id, occupancy: 99, user: { id: users.admin.id, role: 'admin', agencyId: null } }));
    expect(tooMany).to.be.instanceOf(ValidationError);
    expect((tooMany as ValidationError).fields).to.deep.equal({ occupancy: 'at most 10' });
  });
});
