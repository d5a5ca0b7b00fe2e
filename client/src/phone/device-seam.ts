/**
 * The parts of Twilio's Voice SDK the console uses (Device and Call), as the SDK declares them. Typed structurally so
 * that a browser test can stand a double in for Twilio's cloud at exactly this boundary.
 */
export interface CallLike {
  /** Twilio's parameters of the call; CallSid names the leg the server created for this operator. */
  readonly parameters: Record<string, string>;
  accept(): void;
  reject(): void;
  disconnect(): void;
  mute(shouldMute?: boolean): void;
  sendDigits(digits: string): void;
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export interface AudioHelperLike {
  availableInputDevices: Map<string, MediaDeviceInfo>;
  availableOutputDevices: Map<string, MediaDeviceInfo>;
  readonly inputDevice: MediaDeviceInfo | null;
  isOutputSelectionSupported: boolean;
  speakerDevices: { get(): Set<MediaDeviceInfo>; set(ids: string | string[]): Promise<void> };
  setInputDevice(deviceId: string): Promise<void>;
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export interface DeviceLike {
  readonly audio: AudioHelperLike | null;
  register(): Promise<void>;
  destroy(): void;
  updateToken(token: string): void;
  connect(options: { params: Record<string, string> }): Promise<CallLike>;
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export type DeviceClass = new (token: string, options?: Record<string, unknown>) => DeviceLike;

declare global {
  interface Window {
    /** Browser tests only: a double of the SDK's Device that plays Twilio's cloud (see test/e2e/phone-line.test.ts). */
    __hotline111Device?: DeviceClass;
  }
}

/** The SDK's Device, loaded when a console first needs its phone (the SDK is large); or the test's double. */
export async function loadDevice(): Promise<DeviceClass> {
  if (window.__hotline111Device) return window.__hotline111Device;
  const sdk = await import('@twilio/voice-sdk');
  return sdk.Device as unknown as DeviceClass;
}
