import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority, type SlaPolicyView } from '../../../../shared/index.js';
import { Alert } from '../../components/alert.js';
import { Modal } from '../../components/modal.js';
import { HolidaysPanel } from './holidays-panel.js';
import { PolicyCard } from './policy-card.js';
import { PolicyForm } from './policy-form.js';
import { useSlaPolicies } from './sla-api.js';
import '../../referrals/referrals.css';
import './sla-admin.css';

/** SLA policies as data (one per priority) and the holiday calendar the business-hour deadlines skip. */
export function SlaPage() {
  const { t } = useTranslation();
  const policies = useSlaPolicies();
  const [editing, setEditing] = useState<Priority | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const byPriority = (p: Priority): SlaPolicyView | undefined => policies.data?.find((x) => x.priority === p);

  return (
    <div className="stack sla-admin">
      <section aria-labelledby="sla-policies-title" className="admin-section" data-testid="sla-policies">
        <div className="section-header">
          <h2 id="sla-policies-title">{t('sla.policies.title')}</h2>
        </div>
        <p className="muted">{t('sla.policies.intro')}</p>
        <div aria-live="polite">
          <Alert kind="success">{notice}</Alert>
        </div>
        {policies.isError && <Alert>{t('common.loadError', { message: policies.error.message })}</Alert>}
        {policies.isPending ? (
          <p className="muted">{t('app.loading')}</p>
        ) : (
          <ul className="policy-list">
            {PRIORITIES.map((p) => (
              <PolicyCard key={p} priority={p} policy={byPriority(p)} onEdit={setEditing} />
            ))}
          </ul>
        )}
      </section>
      <HolidaysPanel />
      {editing && (
        <Modal wide title={t('sla.policies.editTitle', { priority: t(`referral.priority.${editing}`) })} onClose={() => setEditing(null)}>
          <PolicyForm
            priority={editing}
            policy={byPriority(editing)}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setNotice(t('sla.policies.saved', { priority: t(`referral.priority.${editing}`) }));
              setEditing(null);
            }}
          />
        </Modal>
      )}
    </div>
  );
}
