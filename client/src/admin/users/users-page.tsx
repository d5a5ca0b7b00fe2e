import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/index.js';
import { Alert } from '../../components/alert.js';
import { DataTable } from '../../components/data-table.js';
import { Modal } from '../../components/modal.js';
import { useAgencies } from '../agencies/agencies-api.js';
import { CreateUserForm } from './create-user-form.js';
import { EditUserForm } from './edit-user-form.js';
import { useUsers } from './users-api.js';
import { useUserColumns } from './user-columns.js';

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserView } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const agencies = useAgencies();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const columns = useUserColumns((user) => setEditing({ mode: 'edit', user }));
  const data = useMemo(() => users.data ?? [], [users.data]);
  const saved = (u: UserView, key: 'users.created' | 'users.updated') => {
    setEditing(null);
    setNotice(t(key, { name: u.displayName }));
  };

  return (
    <section aria-labelledby="users-title" className="admin-section">
      <div className="section-header">
        <h2 id="users-title">{t('users.title')}</h2>
        <button type="button" className="button button--primary" onClick={() => setEditing({ mode: 'create' })} data-testid="new-user">
          {t('users.new')}
        </button>
      </div>
      <Alert kind="success">{notice}</Alert>
      {users.isError && <Alert>{t('common.loadError', { message: users.error.message })}</Alert>}
      {users.isPending ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <DataTable
          id="users-table"
          columns={columns}
          data={data}
          getRowId={(u) => String(u.id)}
          filterLabel={t('users.filter')}
          filterPlaceholder={t('users.filterPlaceholder')}
          initialSort={[{ id: 'username', desc: false }]}
        />
      )}
      {editing && (
        <Modal
          title={editing.mode === 'create' ? t('users.new') : t('users.edit', { name: editing.user.username })}
          onClose={() => setEditing(null)}
        >
          {editing.mode === 'create' ? (
            <CreateUserForm agencies={agencies.data ?? []} onCancel={() => setEditing(null)} onSaved={(u) => saved(u, 'users.created')} />
          ) : (
            <EditUserForm user={editing.user} agencies={agencies.data ?? []} onCancel={() => setEditing(null)} onSaved={(u) => saved(u, 'users.updated')} />
          )}
        </Modal>
      )}
    </section>
  );
}
