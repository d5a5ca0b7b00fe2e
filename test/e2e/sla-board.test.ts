import { expect } from 'chai';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { classifyCallInViXuyen, demoCookie } from '../support/e2e-cases.js';
import { TEST_TWILIO } from '../support/twilio.js';

const PUBLIC = 'https://hotline111.test';

describe('browser: a supervisor watches a referral turn amber, then red, and sees the escalation; the parent agency follows up', function () {
  this.timeout(120_000);
  const session = withProductAndBrowser('e2e_sla', PUBLIC, TEST_TWILIO);

  it('works end to end, live, without a reload', async () => {
    const { product, page, db } = session;
    // An administrator shortens the trafficking acknowledge target to 12 seconds, through the real API, so that
    // the warning (75%: 9 s), the breach (12 s) and the supervisor step (25% later: 15 s) happen during the test.
    const admin = await demoCookie(product.url, 'admin');
    const policies = (await (await fetch(`${product.url}/api/sla/policies`, { headers: { cookie: admin } })).json()) as { policies: any[] };
    const trafficking = policies.policies.find((p: { priority: string }) => p.priority === 'trafficking');
    const { priority: _p, updatedAt: _u, updatedBy: _b, ...body } = trafficking;
    body.targets.acknowledge = { value: 0.2, unit: 'minutes' };
    const put = await fetch(`${product.url}/api/sla/policies/trafficking`, {
      method: 'PUT', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    expect(put.status).to.equal(200);

    await loginInBrowser(page, product.url, 'supervisor', 'supervisor');
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 10_000 });
    const contactId = await classifyCallInViXuyen(product.url, db, PUBLIC);
    const ref = `LH-${String(contactId).padStart(6, '0')}`;

    // The referral appears on the board by itself, its acknowledge clock green.
    const row = page.locator('[data-testid^="board-referral-"]', { hasText: ref }).first();
    await row.waitFor({ timeout: 15_000 });
    const ack = row.locator('[data-testid="clock-acknowledge"]');
    expect(await ack.getAttribute('data-state')).to.equal('ok');
    await page.screenshot({ path: 'test-results/sla-board-green.png' });

    await row.locator('[data-testid="clock-acknowledge"][data-state="warning"]').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: 'test-results/sla-board-amber.png' });
    await row.locator('[data-testid="clock-acknowledge"][data-state="breached"]').waitFor({ timeout: 15_000 });

    // The breach was the server's doing, not only the browser's arithmetic: the escalation arrives live.
    const escalation = page.locator('[data-testid^="escalation-"]', { hasText: ref }).first();
    await escalation.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: 'test-results/sla-board-red.png' });

    // The parent agency (Hà Giang's provincial department) sees its office's missed deadline and records its follow-up.
    const parent = await page.context().browser()!.newPage({ viewport: { width: 1440, height: 1000 } });
    await loginInBrowser(parent, product.url, 'hagiang', 'agency_officer');
    const overdue = parent.locator('[data-testid^="agency-escalation-"]', { hasText: ref }).first();
    await overdue.waitFor({ timeout: 10_000 });
    expect(await overdue.innerText()).to.include('Vị Xuyên');
    await overdue.getByRole('button').click();
    await parent.getByTestId('resolve-note').fill('Đã gọi Phòng LĐ-TB&XH huyện Vị Xuyên đôn đốc tiếp nhận');
    await parent.getByTestId('resolve-confirm').click();
    await overdue.waitFor({ state: 'detached', timeout: 10_000 });
    await parent.screenshot({ path: 'test-results/sla-parent-followed-up.png' });
    await parent.close();

    const referralId = Number((await row.getAttribute('data-testid'))!.replace('board-referral-', ''));
    const stored = await db.query(
      `select k.state, k.warned_at is not null as warned, k.escalation_level,
              (select array_agg(e.level order by e.level) from sla_escalations e where e.clock_id = k.id) as levels,
              (select array_agg(type order by id) from referral_events v where v.referral_id = k.referral_id) as events
         from sla_clocks k where k.referral_id = $1 and k.kind = 'acknowledge'`,
      [referralId],
    );
    expect(stored.rows[0]).to.deep.include({ state: 'breached', warned: true, escalation_level: 2, levels: [1, 2] });
    expect(stored.rows[0].events).to.include.members(['sla_warning', 'sla_breached', 'escalated']);
  });
});
