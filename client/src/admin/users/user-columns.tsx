import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { takesCalls, type UserView } from '../../../../shared/index.js';
import type { Columns } from '../../components/data-table.js';
import { formatDateTime } from '../../i18n/format.js';

export function useUserColumns(onEdit: (u: UserView) => void): Columns<UserView> {
  const { t, i18n } = useTranslation();
  return useMemo<Columns<UserView>>(
    () => [
      { id: 'username', accessorKey: 'username', header: t('users.username'), cell: (c) => <code>{c.getValue<string>()}</code> },
      { id: 'displayName', accessorKey: 'displayName', header: t('users.displayName') },
      { id: 'role', accessorFn: (u) => t(`roles.${u.role}`), header: t('users.role') },
      { id: 'agency', accessorFn: (u) => u.agencyName ?? '', header: t('users.agency'), cell: (c) => c.getValue<string>() || t('common.none') },
      {
        id: 'voice',
        accessorFn: (u) => (takesCalls(u.role) ? [t(`users.voiceDevices.${u.voiceDevice}`), u.voiceAddress].filter(Boolean).join(' ') : ''),
        header: t('users.voiceDevice'),
        cell: (c) => c.getValue<string>() || t('common.none'),
      },
      {
        id: 'active',
        accessorFn: (u) => (u.active ? t('common.active') : t('common.inactive')),
        header: t('common.status'),
        cell: (c) => <span className={`pill ${c.row.original.active ? 'pill--ok' : 'pill--off'}`}>{c.getValue<string>()}</span>,
      },
      {
        id: 'lastLogin',
        accessorFn: (u) => u.lastLoginAt ?? '',
        header: t('users.lastLogin'),
        cell: (c) => (c.row.original.lastLoginAt ? formatDateTime(c.row.original.lastLoginAt) : <span className="muted">{t('users.never')}</span>),
      },
      {
        id: 'actions',
        header: () => <span className="visually-hidden">{t('common.actions')}</span>,
        enableSorting: false,
        cell: (c) => (
          <button type="button" className="button button--small" onClick={() => onEdit(c.row.original)} aria-label={`${t('common.edit')} ${c.row.original.username}`}>
            {t('common.edit')}
          </button>
        ),
      },
    ],
    // onEdit only calls a stable state setter, so the columns need not follow it.
    [t, i18n.language],
  );
}
