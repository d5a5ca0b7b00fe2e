import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyView } from '../../../../shared/index.js';
import { Alert } from '../../components/alert.js';
import { DataTable } from '../../components/data-table.js';
import { Modal } from '../../components/modal.js';
import { useAgencies, useAgency } from './agencies-api.js';
import { useAgencyColumns } from './agency-columns.js';
import { AgencyForm } from './agency-form.js';

type Editing = { mode: 'create' } | { mode: 'edit'; id: number; name: string } | null;

export function AgenciesPage() {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const columns = useAgencyColumns((a) => setEditing({ mode: 'edit', id: a.id, name: a.name }));
  const data = useMemo(() => agencies.data ?? [], [agencies.data]);
  const saved = (a: AgencyView, key: 'agencies.created' | 'agencies.updated') => {
    setEditing(null);
    setNotice(t(key, { name: a.name }));
  };

  return (
    <section aria-labelledby="agencies-title" className="admin-section">
      <div className="section-header">
        <h2 id="agencies-title">{t('agencies.title')}</h2>
        <button type="button" className="button button--primary" onClick={() => setEditing({ mode: 'create' })} data-testid="new-agency">
          {t('agencies.new')}
        </button>
      </div>
      <Alert kind="success">{notice}</Alert>
      {agencies.isError && <Alert>{t('common.loadError', { message: agencies.error.message })}</Alert>}
      {agencies.isPending ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <DataTable
          id="agencies-table"
          columns={columns}
          data={data}
          getRowId={(a) => String(a.id)}
          filterLabel={t('agencies.filter')}
          filterPlaceholder={t('agencies.filterPlaceholder')}
          initialSort={[{ id: 'name', desc: false }]}
        />
      )}
      {editing && (
        <Modal wide title={editing.mode === 'create' ? t('agencies.new') : t('agencies.edit', { name: editing.name })} onClose={() => setEditing(null)}>
          {editing.mode === 'create' ? (
            <AgencyForm agency={null} agencies={data} onCancel={() => setEditing(null)} onSaved={(a) => saved(a, 'agencies.created')} />
          ) : (
            <EditAgency id={editing.id} agencies={data} onCancel={() => setEditing(null)} onSaved={(a) => saved(a, 'agencies.updated')} />
          )}
        </Modal>
      )}
    </section>
  );
}

/** Loads the agency fresh before editing, so the form never starts from a stale list row. */
function EditAgency({ id, agencies, onCancel, onSaved }: { id: number; agencies: AgencyView[]; onCancel: () => void; onSaved: (a: AgencyView) => void }) {
  const { t } = useTranslation();
  const agency = useAgency(id);
  if (agency.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (agency.isError) return <Alert>{t('common.loadError', { message: agency.error.message })}</Alert>;
  return <AgencyForm agency={agency.data} agencies={agencies} onCancel={onCancel} onSaved={onSaved} />;
}
