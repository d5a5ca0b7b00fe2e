import type { Executor } from '../../db/database.js';
import { configCache, configChanged } from '../../db/config-cache.js';
import type { PushSubscriptionBody } from '../../../shared/index.js';

const subscribedAgencies = configCache<'agencies', Set<number>>();

/**
 * The agencies with at least one active officer's device subscribed: a new referral wakes devices only there. Kept
 * for a second per process (db/config-cache.ts): read once a second, not once per referral; a device subscribed
 * through another process in that second is woken from the next referral on (the SMS alert goes regardless).
 */
export function agenciesWithDevices(db: Executor): Promise<Set<number>> {
  return subscribedAgencies.get(db, 'agencies', async (d) => new Set((await d.selectFrom('push_subscriptions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select('u.agency_id').distinct()
    .where('u.role', '=', 'agency_officer').where('u.active', '=', true).where('u.agency_id', 'is not', null)
    .execute()).map((r) => r.agency_id!)));
}

/** One row per device: the same endpoint subscribing again (or for another officer on a shared phone) moves to them. */
export async function saveSubscription(db: Executor, userId: number, s: PushSubscriptionBody, at: Date): Promise<void> {
  await db.insertInto('push_subscriptions')
    .values({ user_id: userId, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth, created_at: at })
    .onConflict((oc) => oc.column('endpoint').doUpdateSet({ user_id: userId, p256dh: s.keys.p256dh, auth: s.keys.auth, failures: 0 }))
    .execute();
  configChanged(); // this process sees the new device at once
}

/** An officer removes only their own device's subscription. */
export async function removeSubscription(db: Executor, userId: number, endpoint: string): Promise<boolean> {
  const r = await db.deleteFrom('push_subscriptions').where('user_id', '=', userId).where('endpoint', '=', endpoint).executeTakeFirst();
  configChanged();
  return Number(r.numDeletedRows) > 0;
}

export interface DeviceRow {
  id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** The devices of an agency's active officers. */
export function agencyDevices(db: Executor, agencyId: number): Promise<DeviceRow[]> {
  return db.selectFrom('push_subscriptions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.endpoint', 's.p256dh', 's.auth'])
    .where('u.agency_id', '=', agencyId).where('u.role', '=', 'agency_officer').where('u.active', '=', true)
    .execute();
}

export async function markDelivered(db: Executor, id: number, ok: boolean, at: Date): Promise<void> {
  await db.updateTable('push_subscriptions')
    .set(ok ? { last_success_at: at, failures: 0 } : (eb) => ({ last_failure_at: at, failures: eb('failures', '+', 1) }))
    .where('id', '=', id).execute();
}

export async function dropDevice(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
  configChanged();
}
