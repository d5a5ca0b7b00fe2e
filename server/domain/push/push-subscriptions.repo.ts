import type { Executor } from '../../db/database.js';
import type { PushSubscriptionBody } from '../../../shared/index.js';

/** One row per device: the same endpoint subscribing again (or for another officer on a shared phone) moves to them. */
export async function saveSubscription(db: Executor, userId: number, s: PushSubscriptionBody, at: Date): Promise<void> {
  await db.insertInto('push_subscriptions')
    .values({ user_id: userId, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth, created_at: at })
    .onConflict((oc) => oc.column('endpoint').doUpdateSet({ user_id: userId, p256dh: s.keys.p256dh, auth: s.keys.auth, failures: 0 }))
    .execute();
}

/** An officer removes only their own device's subscription. */
export async function removeSubscription(db: Executor, userId: number, endpoint: string): Promise<boolean> {
  const r = await db.deleteFrom('push_subscriptions').where('user_id', '=', userId).where('endpoint', '=', endpoint).executeTakeFirst();
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
}
