import { startDemoApp } from '../support/demo-app.js';
import { expect } from 'chai';
import { CompiledQuery, sql } from 'kysely';
import { INBOX_TABS, inboxQuery, type InboxPage, type InboxTab, type SessionUser } from '../../shared/index.js';
import { inboxPageQuery } from '../../server/domain/referrals/referral-inbox.js';
import { agencyByCode } from '../support/demo-data.js';
import { api, createTestUser, sessionCookie, type TestApp } from '../support/http.js';
import { officerOf } from '../support/referrals.js';
import { scratchDatabase } from '../support/scratch-database.js';

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Index Cond'?: string; 'Sort Key'?: string[]; Plans?: PlanNode[] };

/** Issue 17: the agency inbox no longer stops at 500 rows. Every referral of the agency is a page away. */
describe('the agency inbox, paged', () => {
  let app: TestApp;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let viXuyen: { id: number; name: string };
  let canTho: { id: number; name: string };
  const MINE = 640;
  const THEIRS = 40;

  /** `n` referrals for one agency, one contact each, written in SQL: every tenth new (every twentieth urgent), every tenth in progress, the rest closed. */
  async function insertReferrals(agencyId: number, n: number) {
    await sql`
      with c as (
        insert into contacts (channel, status, received_at, closed_at, classification, location_kind)
        select 'walk_in', 'closed', now() - g * interval '7 minutes', now() - g * interval '7 minutes', 'trafficking', 'unknown'
        from generate_series(1, ${n}) g
        returning id, received_at
      ), numbered as (select id, received_at, row_number() over (order by id) as g from c)
      insert into referrals (contact_id, track, agency_id, status, priority, why, created_at, closed_at)
      select id, 'primary', ${agencyId},
        case when g % 10 = 0 then 'pending' when g % 10 = 1 then 'accepted' else 'closed' end,
        case when g % 20 = 0 then 'urgent' else 'trafficking' end,
        '{}'::jsonb,
        -- Two by two they share a moment, so ties are broken by id.
        now() - (g / 2) * interval '7 minutes',
        case when g % 10 > 1 then now() end
      from numbered`.execute(scratch.owner);
  }

  const page = async (cookie: string, tab: InboxTab, after?: string, limit = 100) => {
    const q = new URLSearchParams({ tab, limit: String(limit), ...(after && { after }) });
    const r = await api(app.baseUrl, 'GET', `/api/referrals/inbox?${q}`, { cookie });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body as InboxPage;
  };
  /** Follows `next` to the end of the tab. */
  const everyPage = async (cookie: string, tab: InboxTab, limit = 100) => {
    const pages: InboxPage[] = [await page(cookie, tab, undefined, limit)];
    while (pages[pages.length - 1]!.next) pages.push(await page(cookie, tab, pages[pages.length - 1]!.next!, limit));
    return pages;
  };
  const idsOf = async (agencyId: number, statuses: string[]) =>
    (await scratch.db.selectFrom('referrals').select('id').where('agency_id', '=', agencyId).where('status', 'in', statuses as never).execute()).map((r) => Number(r.id));
  const TAB_STATUSES: Record<InboxTab, string[]> = { new: ['pending'], active: ['accepted', 'in_progress'], closed: ['closed', 'declined', 'expired', 'cancelled'] };

  before(async function () {
    this.timeout(120_000);
    ({ scratch, app } = await startDemoApp());
    viXuyen = await agencyByCode('tuyen-quang-commune-00913', scratch.db);
    canTho = await agencyByCode('can-tho-commune-31135', scratch.db);
    await insertReferrals(viXuyen.id, MINE);
    await insertReferrals(canTho.id, THEIRS);
    await sql`analyze referrals`.execute(scratch.owner);
  });
  after(async () => {
    await app?.close();
    await scratch?.drop();
  });

  it('an officer pages through every referral of the agency, tab by tab, with the real totals and never another agency’s', async function () {
    this.timeout(60_000);
    const officer = await officerOf(app, viXuyen.id);
    const seen: number[] = [];
    for (const tab of INBOX_TABS) {
      const pages = await everyPage(officer.cookie, tab);
      const ids = pages.flatMap((p) => p.referrals.map((r) => r.id));
      const expected = await idsOf(viXuyen.id, TAB_STATUSES[tab]);
      expect(ids, tab).to.have.members(expected);
      expect(new Set(ids).size, `${tab}: no referral twice`).to.equal(ids.length);
      for (const p of pages) expect(p.total, tab).to.equal(expected.length);
      expect(pages.flatMap((p) => p.referrals).every((r) => r.agency?.id === viXuyen.id)).to.equal(true);
      seen.push(...ids);
    }
    expect(seen).to.have.length(MINE);
    const first = await page(officer.cookie, 'new');
    expect(first.counts).to.deep.equal({ new: MINE / 10, active: MINE / 10, closed: (MINE * 8) / 10 });
    expect(first.urgentNew).to.equal(MINE / 20);

    const other = await officerOf(app, canTho.id);
    const theirs = (await Promise.all(INBOX_TABS.map((t) => everyPage(other.cookie, t)))).flat().flatMap((p) => p.referrals);
    expect(theirs).to.have.length(THEIRS);
    expect(theirs.every((r) => r.agency?.id === canTho.id)).to.equal(true);
  });

  it('urgent new referrals come first, then the newest; small pages join up without gap or overlap', async () => {
    const officer = await officerOf(app, viXuyen.id);
    const pages = await everyPage(officer.cookie, 'new', 7);
    expect(pages.length).to.equal(Math.ceil(MINE / 10 / 7));
    const list = pages.flatMap((p) => p.referrals);
    const urgent = list.map((r) => r.priority === 'urgent');
    expect(urgent.slice(0, MINE / 20).every(Boolean)).to.equal(true);
    expect(urgent.slice(MINE / 20).some(Boolean)).to.equal(false);
    for (const part of [list.slice(0, MINE / 20), list.slice(MINE / 20)])
      for (let i = 1; i < part.length; i++) {
        const [a, b] = [part[i - 1]!, part[i]!];
        expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id), `${a.id} before ${b.id}`).to.equal(true);
      }
  });

  it('is for agency officers, and refuses a cursor it did not give, naming the field', async () => {
    const officer = await officerOf(app, viXuyen.id);
    const bad = await api(app.baseUrl, 'GET', '/api/referrals/inbox?after=bm9wZQ', { cookie: officer.cookie });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.fields).to.have.property('after');
    const tab = await api(app.baseUrl, 'GET', '/api/referrals/inbox?tab=everything', { cookie: officer.cookie });
    expect(tab.status).to.equal(400);
    expect(tab.body.error.fields).to.have.property('tab');
    const sup = await createTestUser('supervisor', null, scratch.db);
    expect((await api(app.baseUrl, 'GET', '/api/referrals/inbox', { cookie: await sessionCookie(app, sup.id) })).status).to.equal(403);
  });

  it('reads a page as one range of referrals_inbox_idx, with no sort', async () => {
    const officer = await officerOf(app, viXuyen.id);
    const viewer: SessionUser = { id: officer.id, username: officer.username, displayName: 'x', role: 'agency_officer', agencyId: viXuyen.id, agencyName: null, locale: 'vi' };
    const second = (await page(officer.cookie, 'closed', undefined, 50)).next!;
    const after = inboxQuery.parse({ tab: 'closed', after: second }).after;
    const plan = await scratch.owner.transaction().execute(async (tx) => {
      // The table is small enough for a sequential scan to win; what matters is that the index serves the order.
      await sql`set local enable_seqscan = off`.execute(tx);
      const q = inboxPageQuery(tx, viewer, { tab: 'closed', limit: 50, after }).compile();
      const r = await tx.executeQuery(CompiledQuery.raw(`explain (format json) ${q.sql}`, [...q.parameters]));
      return (r.rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]!.Plan;
    });
    const nodes: PlanNode[] = [];
    const walk = (n: PlanNode) => (nodes.push(n), (n.Plans ?? []).forEach(walk));
    walk(plan);
    const scans = nodes.filter((n) => n['Relation Name'] === 'referrals');
    expect(scans.map((n) => [n['Node Type'], n['Index Name']])).to.deep.equal([['Index Scan', 'referrals_inbox_idx']]);
    // The page's start is part of the index range, not a filter over the agency's every referral.
    expect(scans[0]!['Index Cond']).to.match(/ROW\(.*created_at, id\) < ROW\(/);
    // No sort of the referrals (the sorts left are inside the per-row subqueries: a referral's clocks).
    expect(nodes.filter((n) => /Sort/.test(n['Node Type']) && /created_at|\br\./.test(JSON.stringify(n['Sort Key'])))).to.deep.equal([]);
  });
});
