import { Route, Routes } from 'react-router';
import { AdminPage } from './admin/admin-page.js';
import { AgenciesPage } from './admin/agencies/agencies-page.js';
import { RoutingPage } from './admin/routing/routing-page.js';
import { SlaPage } from './admin/sla/sla-page.js';
import { UsersPage } from './admin/users/users-page.js';
import { AgencyInbox } from './agency/agency-inbox.js';
import { LoginPage } from './auth/login-page.js';
import { LandingRedirect, RequireAuth, RequireRole } from './auth/require-auth.js';
import { OperatorConsole } from './operator/operator-console.js';
import { AppShell } from './shell/app-shell.js';
import { SupervisorBoard } from './supervisor/supervisor-board.js';

const DESK_ROLES = ['operator', 'supervisor'] as const;

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppShell />}>
          {/* Supervisors take calls too when the queue is long. */}
          <Route element={<RequireRole role={DESK_ROLES} />}>
            <Route path="/operator" element={<OperatorConsole />} />
          </Route>
          <Route element={<RequireRole role="supervisor" />}>
            <Route path="/supervisor" element={<SupervisorBoard />} />
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
            </Route>
          </Route>
          <Route path="*" element={<LandingRedirect />} />
        </Route>
      </Route>
    </Routes>
  );
}
