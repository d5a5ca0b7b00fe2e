import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyView } from '../../../../shared/index.js';
import type { Columns } from '../../components/data-table.js';

export function useAgencyColumns(onEdit: (a: AgencyView) => void): Columns<AgencyView> {
  const { t, i18n } = useTranslation();
  return useMemo<Columns<AgencyView>>(
    () => [
      // The code under the name (one column less, and never broken at its hyphens); the filter box finds either.
      {
        id: 'name',
        accessorFn: (a) => `${a.name} ${a.code}`,
        header: t('agencies.name'),
        cell: (c) => (
          <span className="cell-wide">
            {c.row.original.name}
            <code className="cell-code">{c.row.original.code}</code>
          </span>
        ),
      },
      {
        id: 'type',
        accessorFn: (a) => t(`agencyTypes.${a.type}`),
        header: t('agencies.type'),
        cell: (c) => <span className="cell-mid">{c.getValue<string>()}</span>,
      },
      { id: 'parent', accessorFn: (a) => a.parentAgencyName ?? '', header: t('agencies.parent'), cell: (c) => <span className="cell-wide">{c.getValue<string>() || t('common.none')}</span> },
      {
        id: 'coverage',
        accessorFn: (a) => a.coverage.map((u) => u.path).join('; '),
        header: t('agencies.coverage'),
        cell: (c) => <CoverageCell agency={c.row.original} />,
      },
      {
        id: 'validity',
        accessorFn: (a) => `${a.validFrom ?? ''}–${a.validTo ?? ''}`,
        header: t('agencies.validity'),
        cell: (c) => <ValidityCell agency={c.row.original} />,
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

/** The first places an agency covers, each with its full path; the rest counted. */
function CoverageCell({ agency }: { agency: AgencyView }) {
  const { t } = useTranslation();
  const shown = agency.coverage.slice(0, 2);
  return (
    <span className="cell-wide">
      {shown.map((u) => (u.dataset === 'vn-2023' ? t('place.old', { path: u.path }) : u.path)).join('; ') || t('common.none')}
      {agency.coverage.length > shown.length && ` ${t('agencies.andMore', { count: agency.coverage.length - shown.length })}`}
    </span>
  );
}

function ValidityCell({ agency }: { agency: AgencyView }) {
  const { t } = useTranslation();
  const day = (d: string) => d.split('-').reverse().join('/');
  if (!agency.validFrom && !agency.validTo) return <span className="muted">{t('agencies.always')}</span>;
  if (agency.validFrom && agency.validTo) return <span>{t('agencies.between', { from: day(agency.validFrom), to: day(agency.validTo) })}</span>;
  return <span>{agency.validTo ? t('agencies.until', { day: day(agency.validTo) }) : t('agencies.since', { day: day(agency.validFrom!) })}</span>;
}
