import type { CreateUserBody, SessionUser, UpdateUserBody, UserView, VoiceDevice } from '../../../shared/index.js';
import type { AppContext } from '../../app-context.js';
import { writeAudit } from '../audit/audit.repo.js';
import { deleteUserSessions } from '../auth/sessions.repo.js';
import { hashPassword } from '../auth/passwords.js';
import { assertPasswordAllowed } from '../auth/password-policy.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { RequestOrigin } from '../auth/auth.service.js';
import { findUserIdByUsername, getUser, insertUser, listUsers, updateUserRow } from './users.repo.js';

type Actor = { user: SessionUser; origin: RequestOrigin };

/**
 * A softphone has no address: one sent with it is dropped, so going back to the softphone clears it. The audit names
 * the endpoint fields that changed, never the number or SIP address itself.
 */
function withEndpoint<T extends { voiceDevice: VoiceDevice; voiceAddress: string | null }>(b: T): T {
  return { ...b, voiceAddress: b.voiceDevice === 'softphone' ? null : b.voiceAddress };
}

export function createUsersService(ctx: Pick<AppContext, 'db' | 'realtime'>) {
  const { db } = ctx;

  async function assertAgency(agencyId: number | null) {
    if (agencyId == null) return;
    const a = await db.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
    if (!a) throw new ValidationError('unknown agency', { agencyId: 'no agency with this id' });
  }

  return {
    list: () => listUsers(db),

    async create(body: CreateUserBody, actor: Actor): Promise<UserView> {
      const input = withEndpoint(body);
      assertPasswordAllowed(input.password);
      await assertAgency(input.agencyId);
      if (await findUserIdByUsername(db, input.username))
        throw new ConflictError('username already taken', { username: 'already taken' });
      const passwordHash = await hashPassword(input.password);
      const id = await db.transaction().execute(async (tx) => {
        const id = await insertUser(tx, { ...input, passwordHash });
        await writeAudit(tx, {
          actorUserId: actor.user.id, actorRole: actor.user.role, action: 'user.create', entityType: 'user', entityId: id,
          ...actor.origin, details: { role: input.role, agencyId: input.agencyId, voiceDevice: input.voiceDevice },
        });
        return id;
      });
      return (await getUser(db, id))!;
    },

    async update(id: number, body: UpdateUserBody, actor: Actor): Promise<UserView> {
      const before = await getUser(db, id);
      if (!before) throw new NotFoundError('no such user');
      // `active` left out keeps the account as it is: a form that does not show the flag cannot re-enable it.
      const input = withEndpoint({ ...body, active: body.active ?? before.active });
      if (input.password) assertPasswordAllowed(input.password);
      await assertAgency(input.agencyId);
      if (id === actor.user.id && (!input.active || input.role !== 'admin'))
        throw new ValidationError('you cannot remove your own admin access', { role: 'cannot demote or disable yourself' });
      const passwordHash = input.password ? await hashPassword(input.password) : undefined;
      const endSessions = !input.active || input.role !== before.role || input.agencyId !== before.agencyId || !!passwordHash;
      const ended = await db.transaction().execute(async (tx) => {
        await updateUserRow(tx, id, { ...input, ...(passwordHash && { passwordHash }) });
        // A disabled account, a changed role or agency, or a new password ends the user's open sessions at once.
        const ended = endSessions ? await deleteUserSessions(tx, id) : [];
        await writeAudit(tx, {
          actorUserId: actor.user.id, actorRole: actor.user.role, action: 'user.update', entityType: 'user', entityId: id,
          ...actor.origin,
          details: {
            changed: Object.keys(input).filter((k) => k !== 'password' && (body as any)[k] !== undefined && (input as any)[k] !== (before as any)[k]),
            passwordChanged: !!passwordHash,
            sessionsEnded: ended.length,
          },
        });
        return ended;
      });
      if (ended.length) ctx.realtime.endSessions(ended, input.active ? 'expired' : 'disabled');
      return (await getUser(db, id))!;
    },
  };
}
