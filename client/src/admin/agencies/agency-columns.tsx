import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyView } from '../../../../shared/index.js';
import type { Columns } from '../../components/data-table.js';

export function useAgencyColumns(onEdit: (a: AgencyView) => void): Columns<AgencyView> {
  const { t, i18n } = useTranslation();
  return useMemo<Columns<AgencyView>>(
    () => [
      { id: 'code', accessorKey: 'code', header: t('agencies.code'), cell: (c) => <code>{c.getValue<string>()}</code> },
      { id: 'name', accessorKey: 'name', header: t('agencies.name'), cell: (c) => <span className="cell-wide">{c.getValue<string>()}</span> },
      {
        id: 'type',
        accessorFn: (a) => t(`agencyTypes.${a.type}`),
        header: t('agencies.type'),
        cell: (c) => <span className="cell-mid">{c.getValue<string>()}</span>,
      },
      { id: 'parent', accessorFn: (a) => a.parentAgencyName ?? '', header: t('agencies.parent'), cell: (c) => <span className="cell-wide">{c.getValue<string>() || t('common.none')}</span> },
      {
        id: 'coverage',
        accessorFn: (a) => a.coverage.length,
        header: t('agencies.coverageCount'),
      },
      {
        id: 'focalPhones',
        accessorFn: (a) => a.focalPhones.join(', '),
        header: t('agencies.focalPhones'),
        enableSorting: false,
        cell: (c) =>
          c.row.original.focalPhones.length ? (
            <ul className="plain-list">
              {c.row.original.focalPhones.map((p) => (
                <li key={p}>
                  <a href={`tel:${p}`}>{p}</a>
                </li>
              ))}
            </ul>
          ) : (
            t('common.none')
          ),
      },
      {
        id: 'active',
        accessorFn: (a) => (a.active ? t('common.active') : t('common.inactive')),
        header: t('common.status'),
        cell: (c) => <span className={`pill ${c.row.original.active ? 'pill--ok' : 'pill--off'}`}>{c.getValue<string>()}</span>,
      },
      {
        id: 'actions',
        header: () => <span className="visually-hidden">{t('common.actions')}</span>,
        enableSorting: false,
        cell: (c) => (
          <button type="button" className="button button--small" onClick={() => onEdit(c.row.original)} aria-label={`${t('common.edit')} ${c.row.original.name}`}>
            {t('common.edit')}
          </button>
        ),
      },
    ],
    // onEdit only calls a stable state setter, so the columns need not follow it.
    [t, i18n.language],
  );
}
