import twilio from 'twilio';
import { HOLD_MUSIC, voiceUrl } from './twilio-voice.js';

/**
 * The TwiML the hotline answers Twilio with, in Vietnamese (vi-VN voice). Built with the twilio library; every
 * answer is parsed and asserted in the tests. `base` is PUBLIC_BASE_URL: Twilio calls (and signs) these absolute URLs.
 */
const VI = { language: 'vi-VN' } as const;
const QUEUE = 'hotline111';

export const SAY = {
  greeting: 'Tổng đài quốc gia bảo vệ trẻ em 111 xin chào. Cuộc gọi của bạn được giữ bí mật và miễn phí. Xin vui lòng giữ máy, tư vấn viên sẽ trả lời ngay.',
  stillWaiting: 'Bạn vẫn đang trong hàng chờ của Tổng đài 111. Xin vui lòng giữ máy, tư vấn viên sẽ trả lời bạn ngay khi có thể.',
  voicemail: 'Hiện tất cả tư vấn viên đều đang bận. Xin vui lòng để lại lời nhắn sau tiếng bíp: nói tên và số điện thoại của bạn. Tổng đài 111 sẽ gọi lại cho bạn sớm nhất.',
  thanks: 'Cảm ơn bạn. Tổng đài 111 đã nhận lời nhắn và sẽ gọi lại cho bạn sớm nhất. Xin chào.',
  noMessage: 'Tổng đài 111 sẽ gọi lại cho bạn sớm nhất. Xin chào.',
  connecting: 'Đang nối máy với tư vấn viên.',
  onHold: 'Xin vui lòng giữ máy.',
} as const;

const xml = (r: { toString(): string }) => r.toString();

function enqueue(r: twilio.twiml.VoiceResponse, base: string) {
  r.enqueue({ waitUrl: voiceUrl(base, 'wait'), waitUrlMethod: 'POST', action: voiceUrl(base, 'queue-result'), method: 'POST' }, QUEUE);
}

/** A new call: the greeting, then the queue (with our wait messages and an action when the caller leaves it). */
export function greetAndQueue(base: string): string {
  const r = new twilio.twiml.VoiceResponse();
  r.say(VI, SAY.greeting);
  enqueue(r, base);
  return xml(r);
}

/** Back into the queue without the greeting (the operator's phone did not answer). */
export function requeue(base: string): string {
  const r = new twilio.twiml.VoiceResponse();
  enqueue(r, base);
  return xml(r);
}

/** While waiting: a "still in line" message, then quiet for `pauseSeconds` (Twilio requests this again after). */
export function waitMessage(pauseSeconds: number, first: boolean): string {
  const r = new twilio.twiml.VoiceResponse();
  if (!first) r.say(VI, SAY.stillWaiting);
  r.pause({ length: pauseSeconds });
  return xml(r);
}

/** Waited too long, or nobody on duty: leave the queue (its action offers the voice message). */
export function leaveQueue(): string {
  const r = new twilio.twiml.VoiceResponse();
  r.leave();
  return xml(r);
}

/** The caller left the queue: the offer of a voice message, recorded up to two minutes. */
export function offerVoicemail(base: string, contactId: number): string {
  const r = new twilio.twiml.VoiceResponse();
  r.say(VI, SAY.voicemail);
  r.record({
    maxLength: 120, playBeep: true, timeout: 5, trim: 'trim-silence',
    action: voiceUrl(base, 'voicemail', contactId), method: 'POST',
    recordingStatusCallback: voiceUrl(base, 'recording', contactId), recordingStatusCallbackMethod: 'POST',
  });
  r.say(VI, SAY.noMessage);
  return xml(r);
}

export function thanksForMessage(): string {
  const r = new twilio.twiml.VoiceResponse();
  r.say(VI, SAY.thanks);
  r.hangup();
  return xml(r);
}

/** An empty answer (nothing more to do on this call). */
export function nothing(): string {
  return xml(new twilio.twiml.VoiceResponse());
}

/**
 * The caller, moved out of the queue, waits in the contact's conference for the operator. It is recorded from the
 * moment the operator joins (the conference starts then): every call to 111 is recorded (Decree 162/2025).
 */
export function callerIntoConference(base: string, contactId: number): string {
  const r = new twilio.twiml.VoiceResponse();
  r.say(VI, SAY.connecting);
  r.dial().conference({
    startConferenceOnEnter: false, endConferenceOnExit: true, beep: 'false', waitUrl: voiceUrl(base, 'hold-music'), waitMethod: 'POST',
    record: 'record-from-start', recordingStatusCallback: voiceUrl(base, 'recording', contactId), recordingStatusCallbackMethod: 'POST',
    statusCallback: voiceUrl(base, 'conference', contactId), statusCallbackMethod: 'POST', statusCallbackEvent: ['start', 'end', 'leave'],
  }, conferenceName(contactId));
  return xml(r);
}

/** The operator's leg: joining starts the conference (and its recording); leaving ends it. */
export function operatorIntoConference(contactId: number): string {
  const r = new twilio.twiml.VoiceResponse();
  r.dial().conference({ startConferenceOnEnter: true, endConferenceOnExit: true, beep: 'false' }, conferenceName(contactId));
  return xml(r);
}

/** Music while waiting for the operator or on hold. */
export function holdMusic(): string {
  const r = new twilio.twiml.VoiceResponse();
  r.say(VI, SAY.onHold);
  r.play({ loop: 0 }, HOLD_MUSIC);
  return xml(r);
}

export const conferenceName = (contactId: number) => `contact-${contactId}`;

/** A callback rings the caller from the hotline's number, recorded from the answer; the attempt learns how it went. */
export function dialCaller(base: string, p: { number: string; callerId: string; attemptId: number; contactId: number }): string {
  const r = new twilio.twiml.VoiceResponse();
  r.dial({
    callerId: p.callerId, answerOnBridge: true, timeout: 30, record: 'record-from-answer',
    recordingStatusCallback: voiceUrl(base, 'recording', p.contactId), recordingStatusCallbackMethod: 'POST',
    action: `${voiceUrl(base, 'outbound-result')}?a=${p.attemptId}`, method: 'POST',
  }).number(p.number);
  return xml(r);
}

/** An outgoing call the server will not place (no callback attempt of this operator): said, then hung up. */
export function refuseOutbound(): string {
  const r = new twilio.twiml.VoiceResponse();
  r.say(VI, 'Không thể thực hiện cuộc gọi này.');
  r.hangup();
  return xml(r);
}
