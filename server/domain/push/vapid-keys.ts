import webpush from 'web-push';
import type { AppContext } from '../../app-context.js';

export interface Vapid {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const SETTING = 'vapid_keys';
const cache = new WeakMap<object, Promise<Vapid | null>>();

/**
 * The VAPID keys push is signed with: from the configuration (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY), or in development
 * a pair generated once (at `npm start`) and kept in app_settings, the private key encrypted; never regenerated
 * while present, so devices that subscribed keep working. Production without keys: no push (null).
 */
export function vapidKeys(ctx: Pick<AppContext, 'config' | 'db' | 'crypto'>): Promise<Vapid | null> {
  let found = cache.get(ctx.db);
  if (!found) {
    found = loadOrGenerate(ctx);
    found.catch(() => cache.delete(ctx.db));
    cache.set(ctx.db, found);
  }
  return found;
}

async function loadOrGenerate({ config, db, crypto }: Pick<AppContext, 'config' | 'db' | 'crypto'>): Promise<Vapid | null> {
  const subject = config.VAPID_SUBJECT;
  if (config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY) return { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject };
  if (config.NODE_ENV === 'production') return null;
  const read = async () => {
    const row = await db.selectFrom('app_settings').select('value').where('key', '=', SETTING).executeTakeFirst();
    const v = row?.value as { publicKey: string; privateKeyEnc: string } | undefined;
    return v && { publicKey: v.publicKey, privateKey: crypto.decrypt(v.privateKeyEnc), subject };
  };
  const stored = await read();
  if (stored) return stored;
  const keys = webpush.generateVAPIDKeys();
  await db.insertInto('app_settings')
    .values({ key: SETTING, value: JSON.stringify({ publicKey: keys.publicKey, privateKeyEnc: crypto.encrypt(keys.privateKey) }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await read())!; // another process may have won the race: theirs is the pair
}
