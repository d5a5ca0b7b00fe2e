import { expect } from 'chai';
import { PUBLIC_URL } from '../support/contacts.js';
import { startTestApp, type TestApp } from '../support/http.js';
import { testEnv } from '../support/test-env.js';
import { newSid, signedTwilioPost, TEST_TWILIO } from '../support/twilio.js';

describe('Twilio voice callbacks: only https recording URLs and plausible durations are stored', () => {
  let app: TestApp;
  const post = (path: string, params: Record<string, string>) => signedTwilioPost(app.baseUrl, path, params, { publicBaseUrl: PUBLIC_URL });
  const row = (sid: string) => testEnv().db.selectFrom('contacts').select(['id', 'recording_url', 'recording_sid', 'duration_seconds', 'call_status'])
    .where('twilio_sid', '=', sid).executeTakeFirstOrThrow();

  before(async () => (app = await startTestApp({ config: { ...TEST_TWILIO, PUBLIC_BASE_URL: PUBLIC_URL } })));
  after(async () => app.close());

  for (const url of ['javascript:alert(document.cookie)', 'http://api.twilio.com/Recordings/RE1', 'data:text/html,<script>1</script>']) {
    it(`refuses RecordingUrl=${url.slice(0, 16)}… with a 400 naming it, storing nothing`, async () => {
      const sid = newSid('CA');
      await post('/webhooks/twilio/voice', { CallSid: sid, From: '+84911112222', CallStatus: 'ringing' });
      const { id } = await row(sid);
      // Twilio reports a finished recording to the recording status callback it was given for this call.
      const r = await post(`/webhooks/twilio/voice/recording?c=${id}`, { RecordingSid: newSid('RE'), RecordingUrl: url, RecordingStatus: 'completed', RecordingDuration: '30' });
      expect(r.status).to.equal(400);
      expect(JSON.parse(r.text).error.fields).to.have.property('RecordingUrl');
      expect(await row(sid)).to.include({ recording_url: null, recording_sid: null });
    });
  }

  it('refuses a CallDuration beyond a day (an int4 overflow was a 500)', async () => {
    const sid = newSid('CA');
    await post('/webhooks/twilio/voice', { CallSid: sid, From: '+84911112223', CallStatus: 'ringing' });
    const r = await post('/webhooks/twilio/voice/status', { CallSid: sid, CallStatus: 'completed', CallDuration: '9999999999' });
    expect(r.status).to.equal(400);
    expect(JSON.parse(r.text).error.fields).to.have.property('CallDuration');
    expect(await row(sid)).to.include({ duration_seconds: null });
  });
});
