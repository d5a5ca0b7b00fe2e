import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { AdminPage } from './admin/admin-page.js';
import { AgenciesPage } from './admin/agencies/agencies-page.js';
import { RoutingPage } from './admin/routing/routing-page.js';
import { SlaPage } from './admin/sla/sla-page.js';
import { UsersPage } from './admin/users/users-page.js';
import { AgencyInbox } from './agency/agency-inbox.js';
import { AuditPage } from './audit/audit-page.js';
import { LoginPage } from './auth/login-page.js';
import { LandingRedirect, RequireAuth, RequireRole } from './auth/require-auth.js';
import { OperatorConsole } from './operator/operator-console.js';
import { TrainingPanel } from './phone/training-panel.js';
import { AppShell } from './shell/app-shell.js';
import { SupervisorBoard } from './supervisor/supervisor-board.js';

const DESK_ROLES = ['operator', 'supervisor'] as const;
// Statistics: supervisors, and agency officers for their own agency (the server enforces the scope).
const STATS_ROLES = ['supervisor', 'agency_officer'] as const;

// Statistics and its charts are loaded when opened, not by every console.
const StatsPage = lazy(() => import('./stats/stats-page.js').then((m) => ({ default: m.StatsPage })));
const SearchPage = lazy(() => import('./search/search-page.js').then((m) => ({ default: m.SearchPage })));
const CasePage = lazy(() => import('./search/case-page.js').then((m) => ({ default: m.CasePage })));
const ReportPrintPage = lazy(() => import('./stats/report-print-page.js').then((m) => ({ default: m.ReportPrintPage })));

function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<p className="page-loading">{t('app.loading')}</p>}>{children}</Suspense>;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        {/* The print view of a periodic report: no console chrome. */}
        <Route element={<RequireRole role={STATS_ROLES} />}>
          <Route path="/stats/reports/:id/print" element={<Loading><ReportPrintPage /></Loading>} />
        </Route>
        <Route element={<AppShell />}>
          {/* Supervisors take calls too when the queue is long. */}
          <Route element={<RequireRole role={DESK_ROLES} />}>
            <Route path="/operator" element={<OperatorConsole />} />
            <Route path="/search" element={<Loading><SearchPage /></Loading>} />
            <Route path="/cases/:id" element={<Loading><CasePage /></Loading>} />
          </Route>
          <Route element={<RequireRole role="supervisor" />}>
            <Route path="/supervisor" element={<SupervisorBoard />} />
            <Route path="/audit" element={<AuditPage />} />
          </Route>
          <Route element={<RequireRole role={STATS_ROLES} />}>
            <Route path="/stats" element={<Loading><StatsPage /></Loading>} />
          </Route>
          <Route element={<RequireRole role="agency_officer" />}>
            <Route path="/agency" element={<AgencyInbox />} />
          </Route>
          <Route element={<RequireRole role="admin" />}>
            <Route path="/admin" element={<AdminPage />}>
              <Route index element={<UsersPage />} />
              <Route path="agencies" element={<AgenciesPage />} />
              <Route path="routing" element={<RoutingPage />} />
              <Route path="sla" element={<SlaPage />} />
              <Route path="training" element={<TrainingPanel live={false} explainTwilio />} />
              <Route path="audit" element={<AuditPage embedded />} />
            </Route>
          </Route>
          <Route path="*" element={<LandingRedirect />} />
        </Route>
      </Route>
    </Routes>
  );
}
