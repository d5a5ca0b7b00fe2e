import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { loginInBrowser, productWithBrowser, type ProductSession } from '../support/browser.js';
import { newConferenceSid, newSid, signedTwilioPost, TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';
import { DEVICE_DOUBLE_SCRIPT } from '../support/voice-device-double.js';

const PUBLIC = 'https://hotline111.test';
const SOFTPHONE = {
  TWILIO_API_KEY_SID: `SK${'2'.repeat(32)}`,
  TWILIO_API_KEY_SECRET: 'test-api-key-secret-0123456789',
  TWILIO_TWIML_APP_SID: `AP${'3'.repeat(32)}`,
};
const CALLER = '+84912345321';

type TwilioLog = [string, ...unknown[]][];
const deviceLog = (page: Page) => page.evaluate(() => (globalThis as unknown as { __twilio: { log: TwilioLog } }).__twilio.log);
const phase = (page: Page, p: string) => page.locator(`[data-testid="call-controls"][data-phase="${p}"]`).waitFor();
const myStatus = (page: Page, s: string) => page.locator(`[data-testid="my-status"][data-status="${s}"]`).waitFor();

describe('browser: a call on Twilio rings in the console, the softphone answers it, and the operator holds, ends and wraps it up', function () {
  this.timeout(180_000);
  let s: ProductSession;
  // productWithBrowser runs Twilio's REST API as a local fake (TWILIO_API_URL) and hands it over as s.twilio.
  const twilio = { get requests() { return s.twilio.requests; } };
  before(async () => {
    const env = { ...TEST_TWILIO, ...SOFTPHONE, VOICE_OFFER_TIMEOUT_SECONDS: '60' };
    s = await productWithBrowser('e2e_phone', PUBLIC, env);
  });
  after(async () => s?.close());

  it('works end to end with only Twilio\'s cloud replaced (its REST API and the Device)', async () => {
    const { product, page, db } = s;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.addInitScript({ content: DEVICE_DOUBLE_SCRIPT });
    const post = (path: string, params: Record<string, string>) => signedTwilioPost(product.url, path, params, { publicBaseUrl: PUBLIC });
    const contactOf = async (sid: string) => Number((await db.query<{ id: string }>('select id from contacts where twilio_sid = $1', [sid])).rows[0]!.id);

    // An earlier call from the same number hung up while waiting: a missed call, and the next one a repeat caller.
    const first = newSid('CA');
    await post('/webhooks/twilio/voice', { CallSid: first, From: CALLER, CallStatus: 'ringing' });
    expect((await post('/webhooks/twilio/voice/queue-result', { CallSid: first, QueueResult: 'hangup', QueueTime: '40' })).status).to.equal(200);
    const firstId = await contactOf(first);

    await loginInBrowser(page, product.url, 'operator', 'operator');
    await page.locator('[data-testid="phone-bar"][data-line="ready"]').waitFor();
    const [created] = (await deviceLog(page)).filter((e) => e[0] === 'new');
    expect(created![1]).to.match(/^op_[0-9a-f]+$/); // the token's identity: opaque, not a name
    // The browser refuses the microphone: the console says so and how to fix it; "Try again" starts the phone anew.
    await page.evaluate(() => (globalThis as unknown as { __twilio: { error(code: number): void } }).__twilio.error(31401));
    const problem = page.getByTestId('phone-problem');
    expect(await problem.getAttribute('data-problem')).to.equal('microphone');
    expect(await problem.innerText()).to.include('Trình duyệt không cho dùng micrô');
    await page.screenshot({ path: 'test-results/phone-microphone.png' });
    await problem.getByRole('button', { name: 'Thử lại' }).click();
    await problem.waitFor({ state: 'detached' });
    await page.locator('[data-testid="phone-bar"][data-line="ready"]').waitFor();
    expect((await deviceLog(page)).filter((e) => e[0] === 'new' || e[0] === 'destroy').map((e) => e[0])).to.deep.equal(['new', 'destroy', 'new']);
    const missed = page.getByTestId(`queue-item-${firstId}`);
    await missed.getByTestId('callback-badge').waitFor();
    expect(await missed.getByTestId('callback-badge').getAttribute('data-reason')).to.equal('abandoned_queue');
    const missedText = await missed.innerText();
    for (const part of ['Gác máy khi đang chờ', 'Lần 0/3', 'Đã chờ 0:40', 'Đã kết thúc']) expect(missedText).to.include(part);
    expect(missedText).not.to.include('Đang đổ chuông');

    await page.getByTestId('set-status-available').click();
    await myStatus(page, 'available');

    const callSid = newSid('CA');
    await post('/webhooks/twilio/voice', { CallSid: callSid, From: CALLER, CallStatus: 'ringing' });
    const id = await contactOf(callSid);
    const offer = page.getByTestId('call-offer');
    await offer.waitFor({ timeout: 10_000 });
    expect(await offer.getAttribute('data-contact-id')).to.equal(String(id));
    expect(await page.getByTestId('offer-caller').innerText()).to.equal('•••• 321');
    expect(await page.getByTestId('offer-repeat').innerText()).to.equal('Gọi lần thứ 2');
    expect(await page.getByTestId('offer-countdown').innerText()).to.match(/^Còn \d+ giây$/);
    await page.screenshot({ path: 'test-results/phone-offer.png' });

    await page.getByTestId('offer-accept').click();
    await offer.waitFor({ state: 'detached' });
    // The server moved the caller into the contact's conference and rang this operator's softphone, through the REST API.
    const leg = await until(async () => twilio.requests.find((r) => r.uri.endsWith('/Calls.json')), 10_000);
    expect(twilio.requests.find((r) => r.uri.endsWith(`/Calls/${callSid}.json`))?.data.Url).to.equal(`${PUBLIC}/webhooks/twilio/voice/connect?c=${id}`);
    expect(leg.data).to.include({ To: `client:${created![1]}`, Url: `${PUBLIC}/webhooks/twilio/voice/agent?c=${id}` });
    const legSid = String(leg.answer!.sid);
    await page.locator(`.work-body[data-contact-id="${id}"]`).waitFor(); // opened in the work pane, like a claim
    await phase(page, 'connecting');

    // Twilio rings the Device with that leg: it is answered without a second click, and the timer runs.
    await page.evaluate((sid) => (globalThis as unknown as { __twilio: { incoming(s: string): void } }).__twilio.incoming(sid), legSid);
    await phase(page, 'active');
    expect((await deviceLog(page)).filter((e) => e[0] === 'accept')).to.deep.equal([['accept', legSid]]);
    const timer = () => page.getByTestId('call-timer').innerText();
    await until(async () => (await timer()) !== '0:00', 5000);
    const t1 = await timer();
    await until(async () => (await timer()) > t1, 5000);
    await myStatus(page, 'on_call');

    await page.getByTestId('call-mute').click();
    await page.locator('[data-testid="call-mute"][aria-pressed="true"]').waitFor();
    await page.getByTestId('call-keypad').click();
    await page.getByTestId('dtmf-1').click();
    await page.getByTestId('dtmf-hash').click();
    expect(await page.getByTestId('dtmf-sent').innerText()).to.equal('Đã bấm: 1#');
    await page.getByTestId('call-audio').click();
    await page.getByTestId('audio-input').selectOption('headset');
    await page.getByTestId('audio-output').selectOption('headset-out');
    // The SDK says the token will expire: the console fetches a fresh one from the server and hands it over.
    await page.evaluate(() => (globalThis as unknown as { __twilio: { tokenWillExpire(): void } }).__twilio.tokenWillExpire());
    await until(async () => (await deviceLog(page)).some((e) => e[0] === 'updateToken'), 5000);
    const asked = await deviceLog(page);
    for (const entry of [['mute', true], ['digits', '1'], ['digits', '#'], ['input', 'headset'], ['speaker', 'headset-out'], ['updateToken', created![1]]])
      expect(asked).to.deep.include(entry);

    // Hold: the conference started (Twilio's signed callback), then the caller is held through the REST API.
    const conference = newConferenceSid();
    expect((await post(`/webhooks/twilio/voice/conference?c=${id}`, { StatusCallbackEvent: 'conference-start', ConferenceSid: conference })).status).to.equal(204);
    await page.getByTestId('call-hold').click();
    await page.locator('[data-testid="call-hold"][aria-pressed="true"]').waitFor();
    expect(twilio.requests.find((r) => r.uri.endsWith(`/Conferences/${conference}/Participants/${callSid}.json`))?.data).to.include({ Hold: 'true' });
    await page.screenshot({ path: 'test-results/phone-call.png' });

    // The caller hangs up: the conference ends, the softphone's leg goes, the operator is in wrap-up.
    await post(`/webhooks/twilio/voice/conference?c=${id}`, { StatusCallbackEvent: 'conference-end', ConferenceSid: conference });
    await phase(page, 'ended');
    await myStatus(page, 'wrap_up');
    expect(await deviceLog(page)).to.deep.include(['disconnect', legSid]);
    const call = await page.getByTestId('contact-call').innerText();
    expect(call).to.include('Đã kết thúc').and.include('Đã chờ');
    expect(call).not.to.include('Đang đổ chuông');
    await page.screenshot({ path: 'test-results/phone-wrap-up.png' });

    await page.getByTestId('call-type').selectOption('information');
    await page.getByTestId('classification-not_relevant').check();
    await page.getByTestId('submit-wrap-up').click();
    await myStatus(page, 'available');
    await page.getByTestId('call-controls').waitFor({ state: 'detached' }); // the ended call's card goes with the contact
    const stored = await db.query('select status, call_status, answered_by is not null as answered from contacts where id = $1', [id]);
    expect(stored.rows[0]).to.deep.equal({ status: 'closed', call_status: 'completed', answered: true });
  });
});

describe('browser: the training line without Twilio — a supervisor places calls, an operator takes one, a hang-up while waiting becomes a callback', function () {
  this.timeout(180_000);
  let s: ProductSession;
  before(async () => {
    s = await productWithBrowser('e2e_training', PUBLIC, { VOICE_OFFER_TIMEOUT_SECONDS: '60' });
  });
  after(async () => s?.close());

  it('labels training calls everywhere and runs them through the real flow', async () => {
    const { product, page: supervisor, db } = s;
    await supervisor.setViewportSize({ width: 1440, height: 900 });
    const opContext = await supervisor.context().browser()!.newContext({ viewport: { width: 1440, height: 900 } });
    const operator = await opContext.newPage();
    await loginInBrowser(operator, product.url, 'operator', 'operator');
    await operator.locator('[data-testid="phone-bar"][data-mode="training"][data-line="ready"]').waitFor();
    expect(await operator.getByTestId('phone-line').innerText()).to.equal('Cuộc gọi tập huấn — không có âm thanh');
    await operator.getByTestId('set-status-available').click();
    await myStatus(operator, 'available');

    await loginInBrowser(supervisor, product.url, 'supervisor', 'supervisor');
    const { rows: people } = await db.query<{ id: number; display_name: string }>(`select id, display_name from users where username = 'operator'`);
    const op = people[0]!;
    // The board's operators tab shows the operator's status with its time, live, and the calls.
    await supervisor.getByTestId('board-tab-operators').click();
    await supervisor.locator(`[data-testid="board-status-${op.id}"][data-status="available"]`).waitFor();
    await supervisor.getByTestId('training-from').fill('+84912000222');
    await supervisor.getByTestId('training-place').click();
    await supervisor.getByText(/^Đã tạo cuộc gọi tập huấn LH-\d{6}\.$/).waitFor();

    const offer = operator.getByTestId('call-offer');
    await offer.waitFor({ timeout: 10_000 });
    const first = Number(await offer.getAttribute('data-contact-id'));
    expect(await offer.getByTestId('training-label').innerText()).to.equal('Tập huấn');
    expect(await operator.getByTestId('offer-caller').innerText()).to.equal('•••• 222');
    expect(await operator.getByTestId('offer-repeat').innerText()).to.equal('Gọi lần đầu');
    await operator.getByTestId('offer-accept').click();
    await phase(operator, 'active');
    expect(await operator.getByTestId('call-controls').getByTestId('training-label').isVisible()).to.equal(true);
    expect(await operator.getByTestId('contact-header').getByTestId('training-label').innerText()).to.equal('Tập huấn');
    expect(await operator.getByTestId(`queue-item-${first}`).getAttribute('data-training')).to.equal('true');
    await myStatus(operator, 'on_call');

    // The supervisor sees the call put through, labelled, on the training panel and the board.
    const row = supervisor.getByTestId(`training-call-${first}`);
    await row.getByText(`Đang nói chuyện với ${op.display_name}`).waitFor();
    await supervisor.locator(`[data-testid="board-contact-${first}"][data-training="true"]`).getByTestId('training-label').waitFor();
    await supervisor.locator(`[data-testid="board-status-${op.id}"][data-status="on_call"]`).waitFor();

    // A second call waits (the only operator is busy); its simulated caller hangs up: a missed call to call back.
    await supervisor.getByTestId('training-place').click();
    const second = await until(async () => {
      const r = await db.query<{ id: string }>('select id from contacts where training and id <> $1 order by id desc limit 1', [first]);
      return r.rows[0] ? Number(r.rows[0].id) : null;
    });
    const waiting = operator.getByTestId(`queue-item-${second}`);
    await waiting.getByTestId('training-label').waitFor();
    await supervisor.getByTestId(`training-hangup-${second}`).waitFor();
    await supervisor.screenshot({ path: 'test-results/training-supervisor.png' });
    await supervisor.getByTestId(`training-hangup-${second}`).click();
    const badge = waiting.getByTestId('callback-badge');
    await badge.waitFor();
    expect(await badge.getAttribute('data-reason')).to.equal('abandoned_queue');
    expect(await badge.innerText()).to.include('Cần gọi lại').and.include('Gác máy khi đang chờ').and.include('Lần 0/3');
    expect(await waiting.getByTestId('queue-clock').getAttribute('data-kind')).to.equal('waited');
    expect(await waiting.innerText()).to.include('Đã kết thúc').and.not.include('Đang đổ chuông');

    // The first caller hangs up: the operator's call ends and they wrap up, then take the next call.
    await row.getByTestId(`training-hangup-${first}`).click();
    await phase(operator, 'ended');
    await myStatus(operator, 'wrap_up');
    await operator.screenshot({ path: 'test-results/training-operator.png' });
    await operator.getByTestId('call-type').selectOption('information');
    await operator.getByTestId('classification-not_relevant').check();
    await operator.getByTestId('submit-wrap-up').click();
    await myStatus(operator, 'available');
    await operator.getByTestId('call-controls').waitFor({ state: 'detached' });
    await supervisor.locator(`[data-testid="board-status-${op.id}"][data-status="available"]`).waitFor();
    await supervisor.screenshot({ path: 'test-results/training-board.png', fullPage: true });

    // The missed call, claimed from the queue, opens with its callback panel: ready to ring out from the softphone.
    await operator.getByTestId(`claim-${second}`).click();
    const callback = operator.getByTestId('callback-panel');
    await callback.waitFor();
    expect(await callback.getByTestId('callback-badge').getAttribute('data-reason')).to.equal('abandoned_queue');
    expect(await callback.getByTestId('callback-start').isEnabled()).to.equal(true);
    await operator.screenshot({ path: 'test-results/training-callback.png' });

    // A third call, from the same number: the operator mutes (simulated) and hangs up from the console's own controls.
    await supervisor.getByTestId('training-place').click();
    await offer.waitFor({ timeout: 10_000 });
    expect(await operator.getByTestId('offer-repeat').innerText()).to.equal('Gọi lần thứ 3');
    const third = Number(await offer.getAttribute('data-contact-id'));
    await operator.getByTestId('offer-accept').click();
    await phase(operator, 'active');
    await operator.getByTestId('call-mute').click();
    await operator.locator('[data-testid="call-mute"][aria-pressed="true"]').waitFor();
    await operator.getByTestId('call-hangup').click();
    await phase(operator, 'ended');
    await myStatus(operator, 'wrap_up');
    const ended = await db.query('select call_status, ended_at is not null as ended from contacts where id = $1', [third]);
    expect(ended.rows[0]).to.deep.equal({ call_status: 'completed', ended: true });
    // In English too, back on the missed call's tab.
    await operator.getByTestId(`my-contact-${second}`).click();
    await operator.getByRole('button', { name: 'EN', exact: true }).click();
    await operator.getByText('Training call — no audio').waitFor();
    expect(await callback.getByTestId('callback-start').innerText()).to.equal('Call back');
    await opContext.close();
  });
});
