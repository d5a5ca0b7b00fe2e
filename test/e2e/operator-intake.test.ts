import { expect } from 'chai';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { newSid, signedTwilioPost, TEST_TWILIO } from '../support/twilio.js';

const PUBLIC = 'https://hotline111.test';

describe('browser: a signed call reaches the console; the operator claims, triages and classifies it', function () {
  this.timeout(120_000);
  const session = withProductAndBrowser('e2e_intake', PUBLIC, TEST_TWILIO);

  it('works end to end', async () => {
    const { product, page, db } = session;
    await loginInBrowser(page, product.url, 'operator', 'operator');
    // The queue is synced with the server (an empty list has no height, so wait for the attribute, not visibility).
    await page.locator('[data-testid="queue"][data-synced="true"]').waitFor({ state: 'attached' });

    // Twilio calls the hotline: a signed voice webhook, as Twilio sends it.
    const callSid = newSid('CA');
    const r = await signedTwilioPost(product.url, '/webhooks/twilio/voice', { CallSid: callSid, From: '+84912345321', CallStatus: 'ringing' }, { publicBaseUrl: PUBLIC });
    expect(r.status).to.equal(200);
    const { rows } = await db.query<{ id: string }>('select id from contacts where twilio_sid = $1', [callSid]);
    const id = Number(rows[0]!.id);

    const item = page.getByTestId(`queue-item-${id}`);
    await item.waitFor({ timeout: 5000 });
    expect(await item.innerText()).to.include('321');
    await page.getByTestId(`claim-${id}`).click();
    await page.getByTestId('work-pane').waitFor();
    await page.getByTestId('triage-form').waitFor();
    expect(await page.getByTestId('caller-phone').innerText()).to.include('+84912345321');

    await page.getByTestId('call-type').selectOption('report');
    for (const ind of ['easy_job_high_pay', 'recruited_online', 'passport_confiscated', 'forced_work_quotas'])
      await page.getByTestId(`indicator-${ind}`).check();
    const suggestion = page.getByTestId('suggested-classification');
    await suggestion.waitFor();
    expect(await suggestion.getAttribute('data-value')).to.equal('trafficking');
    await page.getByTestId('apply-suggestion').click();
    expect(await page.getByTestId('classification-trafficking').isChecked()).to.equal(true);
    expect(await page.getByTestId('purpose-forced_labour').isChecked()).to.equal(true);

    await page.getByTestId('add-victim').click();
    await page.getByTestId('victim-0-name').fill('Sùng Thị Mai');
    await page.getByTestId('victim-0-sex').selectOption('female');
    await page.getByTestId('victim-0-age').fill('16');
    // The ethnic group from the list of 54, typed without accents ("mong" finds HMông); Enter chooses the first match.
    const ethnicity = page.getByTestId('victim-0-ethnicity');
    await ethnicity.fill('mong');
    expect(await page.getByRole('listbox').getByRole('option').first().innerText()).to.match(/^HMông/);
    await ethnicity.press('Enter');
    expect(await ethnicity.inputValue()).to.equal('HMông');
    expect(await ethnicity.getAttribute('data-value')).to.equal('08');
    // Nationality: Viet Nam unless said otherwise, named in the console's language.
    expect(await page.getByTestId('victim-0-nationality').inputValue()).to.equal('Việt Nam');
    // A second victim, a Lao national: the country picker finds Lào by its name, the ethnicity picker "foreign national".
    await page.getByTestId('add-victim').click();
    await page.getByTestId('victim-1-age').fill('15');
    const nationality = page.getByTestId('victim-1-nationality');
    await nationality.click();
    expect(await page.getByRole('listbox').getByRole('option').first().innerText()).to.match(/^Việt Nam/); // the whole list: Viet Nam first
    await nationality.fill('lao');
    await page.getByRole('listbox').getByRole('option', { name: /^Lào/ }).click();
    expect(await nationality.inputValue()).to.equal('Lào');
    const ethnicity1 = page.getByTestId('victim-1-ethnicity');
    await ethnicity1.fill('nuoc ngoai');
    await ethnicity1.press('Tab'); // Tab takes the highlighted match, as the operator moves on
    expect(await ethnicity1.inputValue()).to.equal('Người nước ngoài');
    // In English the same choices read in English.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.locator('[data-testid="victim-1-nationality"][value="Laos"]').waitFor();
    expect(await ethnicity.inputValue()).to.equal('Hmong');
    await page.getByRole('button', { name: 'VI', exact: true }).click();
    await page.locator('[data-testid="victim-1-nationality"][value="Lào"]').waitFor();
    await page.getByTestId('location-kind').selectOption('abroad');
    await page.getByTestId('location-country').selectOption('KH');
    await page.getByTestId('wish-go_home').check();
    await page.getByTestId('consent-victim').check();
    await page.getByTestId('narrative').fill('Em gái 16 tuổi bị lừa sang Campuchia làm việc nhẹ lương cao, bị giữ hộ chiếu.');
    await page.locator('[data-testid="draft-status"][data-state="saved"]').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: 'test-results/operator-triage.png', fullPage: true });

    await page.getByTestId('submit-wrap-up').click();
    await item.waitFor({ state: 'detached', timeout: 10_000 });
    // Presence follows: the operator no longer handles the contact.
    const ref = `LH-${String(id).padStart(6, '0')}`;
    for (let i = 0; (await page.getByTestId('presence').innerText()).includes(ref); i++) {
      if (i > 50) throw new Error(`presence still shows ${ref}`);
      await page.waitForTimeout(100);
    }
    await page.screenshot({ path: 'test-results/operator-submitted.png' });

    const stored = await db.query(
      `select c.status, c.classification, c.purposes, c.consent, c.location_country, r.id is not null as requested,
              (select count(*)::int from contact_victims v where v.contact_id = c.id and v.under18) as children
         from contacts c left join routing_requests r on r.contact_id = c.id where c.id = $1`,
      [id],
    );
    expect(stored.rows[0]).to.deep.include({
      status: 'closed', classification: 'trafficking', purposes: ['forced_labour'], consent: 'victim', location_country: 'KH', children: 2,
    });
    expect(stored.rows[0].requested).to.equal(true);
    const victims = await db.query('select ethnicity, nationality from contact_victims where contact_id = $1 order by position', [id]);
    expect(victims.rows).to.deep.equal([{ ethnicity: '08', nationality: 'VN' }, { ethnicity: '55', nationality: 'LA' }]);
    // The name is stored encrypted, with its blind index (three words, three keyed hashes), and found by search.
    const names = await db.query(`select v.name_enc, (select count(*)::int from victim_name_index n where n.victim_id = v.id) as tokens
      from contact_victims v where v.contact_id = $1 order by position`, [id]);
    expect(names.rows.map((n) => n.tokens)).to.deep.equal([3, 0]);
    expect(names.rows[0].name_enc).to.match(/^v1:/);
    const found = await page.evaluate(async () => (await (await fetch('/api/search?name=sung%20mai')).json()) as { results: { contactId: number }[] });
    expect(found.results.map((r) => r.contactId)).to.deep.equal([id]);
  });
});
