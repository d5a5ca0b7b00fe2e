import type { Executor } from '../../db/database.js';
import type { Role, UserView, VoiceDevice } from '../../../shared/index.js';

export interface NewUserInput {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  agencyId: number | null;
  phone?: string | null;
  locale?: 'vi' | 'en';
  voiceDevice?: VoiceDevice;
  voiceAddress?: string | null;
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('users as u')
    .leftJoin('agencies as a', 'a.id', 'u.agency_id')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.role', 'u.agency_id', 'a.name as agency_name',
      'u.phone', 'u.locale', 'u.voice_device', 'u.voice_address', 'u.active', 'u.last_login_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toView(r: Row): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    phone: r.phone,
    locale: r.locale,
    voiceDevice: r.voice_device,
    voiceAddress: r.voice_address,
    active: r.active,
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
  };
}

export async function listUsers(db: Executor): Promise<UserView[]> {
  return (await baseQuery(db).orderBy('u.role').orderBy('u.username').execute()).map(toView);
}

export async function getUser(db: Executor, id: number): Promise<UserView | null> {
  const r = await baseQuery(db).where('u.id', '=', id).executeTakeFirst();
  return r ? toView(r) : null;
}

export async function findUserIdByUsername(db: Executor, username: string): Promise<number | null> {
  const r = await db.selectFrom('users').select('id').where('username', '=', username.toLowerCase()).executeTakeFirst();
  return r?.id ?? null;
}

export async function insertUser(db: Executor, u: NewUserInput): Promise<number> {
  const r = await db
    .insertInto('users')
    .values({
      username: u.username.toLowerCase(),
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: u.role,
      agency_id: u.agencyId,
      phone: u.phone ?? null,
      locale: u.locale ?? 'vi',
      voice_device: u.voiceDevice ?? 'softphone',
      voice_address: u.voiceAddress ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUserRow(
  db: Executor,
  id: number,
  u: {
    displayName: string; role: Role; agencyId: number | null; phone: string | null; locale: 'vi' | 'en'; active: boolean; passwordHash?: string;
    /** Left out (the seed import), the endpoint stays as it is. */
    voiceDevice?: VoiceDevice; voiceAddress?: string | null;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('users')
    .set({
      display_name: u.displayName,
      role: u.role,
      agency_id: u.agencyId,
      phone: u.phone,
      locale: u.locale,
      active: u.active,
      ...(u.voiceDevice && { voice_device: u.voiceDevice, voice_address: u.voiceAddress ?? null }),
      updated_at: new Date(),
      ...(u.passwordHash && { password_hash: u.passwordHash }),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
