/**
 * A double of the Voice SDK's Device for browser tests, injected with page.addInitScript({ content }) before the
 * console loads (the console takes window.__hotline111Device when present: client/src/phone/device-seam.ts). It plays
 * Twilio's cloud: emits the SDK's own events ('registered'; 'incoming' with a Call that emits 'accept',
 * 'disconnect', 'mute'; 'tokenWillExpire') and records what the console asked of it in window.__twilio.log.
 * Plain JavaScript in a string: it runs in the page, where the test runner's compiled helpers do not exist.
 */
export const DEVICE_DOUBLE_SCRIPT = String.raw`
(() => {
  const log = [];
  const record = (...entry) => log.push(entry);
  class Emitter {
    constructor() { this.listeners = {}; }
    on(event, l) { (this.listeners[event] ??= []).push(l); return this; }
    emit(event, ...args) { for (const l of this.listeners[event] ?? []) l(...args); }
  }
  class FakeCall extends Emitter {
    constructor(parameters) { super(); this.parameters = parameters; }
    accept() { record('accept', this.parameters.CallSid); setTimeout(() => this.emit('accept', this), 50); }
    reject() { record('reject', this.parameters.CallSid); this.emit('reject'); }
    disconnect() { record('disconnect', this.parameters.CallSid ?? 'outgoing'); this.emit('disconnect', this); }
    mute(muted = true) { record('mute', muted); this.emit('mute', muted, this); }
    sendDigits(digits) { record('digits', digits); }
  }
  const dev = (deviceId, label, kind) => ({ deviceId, label, kind, groupId: '' });
  const inputs = new Map([['default', dev('default', 'Default microphone', 'audioinput')], ['headset', dev('headset', 'USB headset', 'audioinput')]]);
  const outputs = new Map([['default', dev('default', 'Default speaker', 'audiooutput')], ['headset-out', dev('headset-out', 'USB headset', 'audiooutput')]]);
  let speaker = 'default';
  let input = 'default';
  const identityOf = (token) => JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).grants.identity;
  const state = { device: null, calls: {}, outgoing: null };
  class FakeDevice extends Emitter {
    constructor(token) {
      super();
      state.device = this;
      record('new', identityOf(token));
      const audio = new Emitter();
      Object.assign(audio, {
        availableInputDevices: inputs,
        availableOutputDevices: outputs,
        isOutputSelectionSupported: true,
        speakerDevices: { get: () => new Set([outputs.get(speaker)]), set: async (id) => { speaker = id; record('speaker', id); } },
        setInputDevice: async (id) => { input = id; record('input', id); },
      });
      Object.defineProperty(audio, 'inputDevice', { get: () => inputs.get(input) ?? null });
      this.audio = audio;
    }
    async register() { record('register'); setTimeout(() => this.emit('registered'), 50); }
    updateToken(token) { record('updateToken', identityOf(token)); }
    destroy() { record('destroy'); }
    async connect(options) {
      record('connect', options.params);
      const call = new FakeCall({});
      state.outgoing = call;
      setTimeout(() => call.emit('accept', call), 200);
      return call;
    }
  }
  window.__hotline111Device = FakeDevice;
  window.__twilio = {
    log,
    /** Twilio rings this console's Device with the operator leg callSid. */
    incoming(callSid) {
      const call = new FakeCall({ CallSid: callSid, From: 'client:anonymous' });
      state.calls[callSid] = call;
      state.device.emit('incoming', call);
    },
    tokenWillExpire() { state.device.emit('tokenWillExpire', state.device); },
    /** The SDK reports an error, as a TwilioError with its code (31401: the browser refused the microphone). */
    error(code) { state.device.emit('error', { code, message: 'Permission denied' }); },
  };
})();
`;
