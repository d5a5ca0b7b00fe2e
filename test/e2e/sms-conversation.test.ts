import { expect } from 'chai';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { newSid, signedTwilioPost, TEST_TWILIO } from '../support/twilio.js';

const PUBLIC = 'https://hotline111.test';

/**
 * Issue 15: live events announce a message without its text (they pass through Redis); the console of the operator
 * handling the conversation asks for the text and shows it, live, and follows the reply's delivery status.
 */
describe('browser: an SMS conversation, live, though no event carries a message text', function () {
  this.timeout(120_000);
  const session = withProductAndBrowser('e2e_sms', PUBLIC, TEST_TWILIO);
  const sms = (from: string, body: string) =>
    signedTwilioPost(session.product.url, '/webhooks/twilio/messaging', { MessageSid: newSid('SM'), From: from, Body: body }, { publicBaseUrl: PUBLIC });

  it('shows a message that arrives while the operator handles the conversation, and the reply held in the outbox', async () => {
    const { product, page, db } = session;
    await loginInBrowser(page, product.url, 'operator', 'operator');
    await page.locator('[data-testid="queue"][data-synced="true"]').waitFor({ state: 'attached' });

    expect((await sms('+84966111222', 'Cứu em với')).status).to.equal(200);
    const { rows } = await db.query<{ id: string }>(`select id from contacts where channel = 'sms' order by id desc limit 1`);
    const id = Number(rows[0]!.id);
    await page.getByTestId(`claim-${id}`).click();
    const conversation = page.getByTestId('conversation');
    await conversation.getByText('Cứu em với').waitFor();

    // Arrives while handled: the event says which message; the console fetches its text.
    expect((await sms('+84966111222', 'Em đang ở Bavet')).status).to.equal(200);
    await conversation.getByText('Em đang ở Bavet').waitFor({ timeout: 5000 });

    await page.getByTestId('reply-box').fill('Tổng đài 111 đây, em có an toàn không?');
    await page.getByTestId('reply-send').click();
    const reply = conversation.locator('.message--out', { hasText: 'Tổng đài 111 đây' });
    await reply.waitFor();
    // The notify worker holds it in the outbox (OUTBOUND_SMS=outbox); the status event updates it in place.
    await conversation.locator('.message--out[data-status="outbox"]').waitFor({ timeout: 10_000 });
    expect(await conversation.locator('.message--out').count()).to.equal(1);
  });
});
