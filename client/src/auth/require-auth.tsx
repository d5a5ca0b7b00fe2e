import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LANDING_PATH, type Role } from '../../../shared/index.js';
import { Alert } from '../components/alert.js';
import { applyAccountLocale } from '../i18n/index.js';
import { useSession } from './use-session.js';

/** Route guard: asks the server who is signed in (GET /api/auth/me); nobody → /login. */
export function RequireAuth() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const user = session.data;

  useEffect(() => {
    if (user) applyAccountLocale(user.locale);
  }, [user]);

  if (session.isPending) return <p className="page-loading">{t('app.loading')}</p>;
  if (session.isError)
    return (
      <div className="page-loading">
        <Alert>{t('common.loadError', { message: session.error.message })}</Alert>
        <button type="button" className="button" onClick={() => void session.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <Outlet />;
}

/** Keeps each role on its own pages (a page may admit several roles): anyone else is sent to their landing page. */
export function RequireRole({ role }: { role: Role | readonly Role[] }) {
  const { data: user } = useSession();
  if (!user) return null;
  const allowed: readonly Role[] = typeof role === 'string' ? [role] : role;
  if (!allowed.includes(user.role)) return <Navigate to={LANDING_PATH[user.role]} replace />;
  return <Outlet />;
}

export function LandingRedirect() {
  const { data: user } = useSession();
  return <Navigate to={user ? LANDING_PATH[user.role] : '/login'} replace />;
}
