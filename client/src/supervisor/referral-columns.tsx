import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type ReferralSummary } from '../../../shared/index.js';
import type { Columns } from '../components/data-table.js';
import { formatDateTime } from '../i18n/format.js';
import { useLabels } from '../i18n/use-labels.js';
import { PriorityBadge, StatusPill } from '../referrals/referral-badges.js';
import { locationText, victimsSummary } from '../referrals/referral-format.js';

/** Columns of the "all referrals" table; sorting on priority follows its severity, not its name. */
export function useReferralColumns(onOpen: (id: number) => void): Columns<ReferralSummary> {
  const { t, i18n } = useTranslation();
  const { label, country } = useLabels();
  return useMemo<Columns<ReferralSummary>>(
    () => [
      {
        id: 'ref',
        accessorKey: 'contactRef',
        header: t('referral.detail.ref'),
        cell: (c) => (
          <button type="button" className="button--link link-button" onClick={() => onOpen(c.row.original.id)} data-testid={`referral-row-${c.row.original.id}`}>
            <code>{c.getValue<string>()}</code>
          </button>
        ),
      },
      {
        id: 'priority',
        accessorFn: (r) => PRIORITIES.indexOf(r.priority),
        header: t('supervisor.all.priority'),
        cell: (c) => <PriorityBadge priority={c.row.original.priority} />,
        sortFn: 'alphanumeric',
      },
      { id: 'status', accessorFn: (r) => t(`referral.status.${r.status}`), header: t('referral.detail.status'), cell: (c) => <StatusPill status={c.row.original.status} /> },
      { id: 'track', accessorFn: (r) => t(`referral.track.${r.track}`), header: t('referral.detail.track') },
      { id: 'agency', accessorFn: (r) => r.agency?.name ?? '', header: t('referral.detail.agency'), cell: (c) => c.getValue<string>() || <span className="muted">{t('referral.detail.unassigned')}</span> },
      { id: 'classification', accessorFn: (r) => label('classification', r.classification), header: t('referral.detail.classification') },
      { id: 'location', accessorFn: (r) => locationText(r.location, t, country), header: t('referral.detail.location') },
      { id: 'victims', accessorFn: (r) => victimsSummary(r.victims, t), header: t('referral.detail.victims'), enableSorting: false },
      { id: 'createdAt', accessorKey: 'createdAt', header: t('referral.detail.createdAt'), cell: (c) => formatDateTime(c.getValue<string>()) },
      {
        id: 'actions',
        header: () => <span className="visually-hidden">{t('common.actions')}</span>,
        enableSorting: false,
        cell: (c) => (
          <button
            type="button"
            className="button button--small"
            onClick={() => onOpen(c.row.original.id)}
            aria-label={t('supervisor.all.openAria', { ref: c.row.original.contactRef })}
          >
            {t('supervisor.all.open')}
          </button>
        ),
      },
    ],
    // onOpen only sets state; the columns follow the language.
    [t, i18n.language],
  );
}
