import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, REFERRAL_STATUSES, REFERRAL_TRACKS, type Priority, type ReferralStatus, type ReferralTrack } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { DataTable } from '../components/data-table.js';
import { useReferralList } from '../referrals/referrals-api.js';
import { useReferralColumns } from './referral-columns.js';

/** Every referral of every agency: status and track filtered by the server, priority here; sortable. */
export function AllReferrals({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ReferralStatus | ''>('');
  const [track, setTrack] = useState<ReferralTrack | ''>('');
  const [priority, setPriority] = useState<Priority | ''>('');
  const list = useReferralList({ status, track });
  const columns = useReferralColumns(onOpen);
  const data = useMemo(() => (list.data ?? []).filter((r) => !priority || r.priority === priority), [list.data, priority]);

  return (
    <section className="admin-section" aria-labelledby="all-referrals-title" data-testid="all-referrals">
      <div className="section-header">
        <h2 id="all-referrals-title">{t('supervisor.all.title')}</h2>
      </div>
      <div className="filter-row">
        <FilterSelect id="filter-status" label={t('supervisor.all.status')} value={status} onChange={setStatus} options={REFERRAL_STATUSES} text={(s) => t(`referral.status.${s}`)} />
        <FilterSelect id="filter-track" label={t('supervisor.all.track')} value={track} onChange={setTrack} options={REFERRAL_TRACKS} text={(s) => t(`referral.track.${s}`)} />
        <FilterSelect id="filter-priority" label={t('supervisor.all.priority')} value={priority} onChange={setPriority} options={PRIORITIES} text={(s) => t(`referral.priority.${s}`)} />
      </div>
      {list.isError && <Alert>{t('common.loadError', { message: list.error.message })}</Alert>}
      {list.isPending ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <DataTable
          id="referrals-table"
          columns={columns}
          data={data}
          getRowId={(r) => String(r.id)}
          filterLabel={t('supervisor.all.filter')}
          filterPlaceholder={t('supervisor.all.filterPlaceholder')}
          initialSort={[{ id: 'createdAt', desc: true }]}
        />
      )}
    </section>
  );
}

interface FilterProps<V extends string> {
  id: string;
  label: string;
  value: V | '';
  onChange: (v: V | '') => void;
  options: readonly V[];
  text: (v: V) => string;
}

function FilterSelect<V extends string>({ id, label, value, onChange, options, text }: FilterProps<V>) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V | '')} data-testid={id}>
        <option value="">{t('supervisor.all.any')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );
}
