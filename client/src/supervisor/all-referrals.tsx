import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, REFERRAL_STATUSES, REFERRAL_TRACKS } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { DataTable } from '../components/data-table.js';
import { useReferralColumns } from './referral-columns.js';
import { REFERRAL_PAGE_SIZE, useReferralPage, type PageFilter, type ReferralPage } from './referral-page-api.js';

/** Every referral of every agency, filtered and paged by the server with the real total; sortable within a page. */
export function AllReferrals({ onOpen, page: q, filter, onFilter, pageIndex, onPage }: AllReferralsProps) {
  const { t } = useTranslation();
  const columns = useReferralColumns(onOpen);
  const set = <K extends keyof PageFilter>(k: K) => (v: PageFilter[K]) => onFilter({ ...filter, [k]: v });

  return (
    <section className="admin-section" aria-labelledby="all-referrals-title" data-testid="all-referrals">
      <div className="section-header">
        <h2 id="all-referrals-title">{t('supervisor.all.title')}</h2>
      </div>
      <div className="filter-row">
        <FilterSelect id="filter-status" label={t('supervisor.all.status')} value={filter.status} onChange={set('status')} options={REFERRAL_STATUSES} text={(s) => t(`referral.status.${s}`)} />
        <FilterSelect id="filter-track" label={t('supervisor.all.track')} value={filter.track} onChange={set('track')} options={REFERRAL_TRACKS} text={(s) => t(`referral.track.${s}`)} />
        <FilterSelect id="filter-priority" label={t('supervisor.all.priority')} value={filter.priority} onChange={set('priority')} options={PRIORITIES} text={(s) => t(`referral.priority.${s}`)} />
      </div>
      {q.isError && <Alert>{t('common.loadError', { message: q.error.message })}</Alert>}
      {q.isPending ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <DataTable
          id="referrals-table"
          columns={columns}
          data={q.data?.referrals ?? []}
          getRowId={(r) => String(r.id)}
          filterLabel={t('supervisor.all.filter')}
          filterPlaceholder={t('supervisor.all.filterPlaceholder')}
          initialSort={[{ id: 'createdAt', desc: true }]}
          serverPage={{ page: pageIndex, pageSize: REFERRAL_PAGE_SIZE, total: q.data?.total ?? 0, onPage }}
        />
      )}
    </section>
  );
}

interface AllReferralsProps {
  onOpen: (id: number) => void;
  page: ReturnType<typeof useReferralPage>;
  filter: PageFilter;
  onFilter: (f: PageFilter) => void;
  pageIndex: number;
  onPage: (page: number) => void;
}

/** The list's filter and page, held by the board so the tab's count is the list's real total. */
export function useAllReferrals() {
  const [filter, setFilter] = useState<PageFilter>({ status: '', track: '', priority: '' });
  const [pageIndex, setPageIndex] = useState(0);
  const page = useReferralPage(filter, pageIndex);
  return {
    page,
    filter,
    pageIndex,
    onFilter: (f: PageFilter) => {
      setFilter(f);
      setPageIndex(0);
    },
    onPage: setPageIndex,
    total: (page.data as ReferralPage | undefined)?.total ?? null,
  };
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
