import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { ME_KEY } from '../api/query-client.js';
import { useEndSession } from '../auth/use-session.js';
import { RealtimeProvider } from '../realtime/socket-context.js';
import { AppHeader } from './app-header.js';

/** Everything after login: header, the real-time connection, and the role's page. */
export function AppShell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const endSession = useEndSession();
  const recheckSession = useCallback(() => void qc.invalidateQueries({ queryKey: ME_KEY }), [qc]);

  return (
    <RealtimeProvider onSessionEnded={endSession} onRefused={recheckSession}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="app">
        <AppHeader />
        <main id="main" className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </RealtimeProvider>
  );
}
