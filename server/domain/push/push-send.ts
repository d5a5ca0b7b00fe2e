import webpush from 'web-push';
import type { PushPayload } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { agencyDevices, dropDevice, markDelivered, type DeviceRow } from './push-subscriptions.repo.js';
import type { Vapid } from './vapid-keys.js';

export type PushOutcome = 'sent' | 'gone' | 'failed';

/**
 * One push to one device. `web-push` encrypts the payload (RFC 8291, aes128gcm) and signs the request (VAPID); the
 * request then goes out with fetch, which also reaches a local recorder over http in tests.
 */
export async function pushToDevice(vapid: Vapid, d: DeviceRow, payload: PushPayload, ttlSeconds = 3600): Promise<PushOutcome> {
  const req = webpush.generateRequestDetails({ endpoint: d.endpoint, keys: { p256dh: d.p256dh, auth: d.auth } }, JSON.stringify(payload), {
    vapidDetails: vapid, TTL: ttlSeconds, urgency: 'high', contentEncoding: 'aes128gcm',
  });
  try {
    const res = await fetch(req.endpoint, {
      method: req.method, headers: req.headers as Record<string, string>, body: req.body ? new Uint8Array(req.body) : null, signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status === 404 || res.status === 410) return 'gone';
    return res.ok ? 'sent' : 'failed';
  } catch {
    return 'failed';
  }
}

/** Wakes every device of the agency's officers; a device the push service says is gone (404/410) is forgotten. */
export async function pushToAgency(ctx: Pick<AppContext, 'db' | 'clock' | 'log'>, vapid: Vapid, agencyId: number, payload: PushPayload) {
  const devices = await agencyDevices(ctx.db, agencyId);
  const counts: Record<PushOutcome, number> = { sent: 0, gone: 0, failed: 0 };
  await Promise.all(devices.map(async (d) => {
    const outcome = await pushToDevice(vapid, d, payload);
    counts[outcome]++;
    if (outcome === 'gone') await dropDevice(ctx.db, d.id);
    else await markDelivered(ctx.db, d.id, outcome === 'sent', ctx.clock.now());
  }));
  return counts;
}
