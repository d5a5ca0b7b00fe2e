import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { LANDING_PATH } from '../../../shared/index.js';
import { useLogout, useSession } from '../auth/use-session.js';
import { ConnectionIndicator } from '../realtime/connection-indicator.js';
import { LanguageSwitch } from './language-switch.js';
import './app-header.css';

export function AppHeader() {
  const { t } = useTranslation();
  const { data: user } = useSession();
  const logout = useLogout();
  if (!user) return null;

  return (
    <header className="app-header">
      <Link to={LANDING_PATH[user.role]} className="brand">
        <span className="brand-mark" aria-hidden="true">111</span>
        <span className="brand-name">{t('app.name')}</span>
      </Link>
      {user.role === 'supervisor' && (
        <nav className="header-nav" aria-label={t('nav.main')}>
          <NavLink to="/supervisor" className="tab">
            {t('nav.supervisorBoard')}
          </NavLink>
          <NavLink to="/operator" className="tab" data-testid="nav-operator">
            {t('nav.operatorDesk')}
          </NavLink>
          <NavLink to="/search" className="tab" data-testid="nav-search">
            {t('search.nav')}
          </NavLink>
          <NavLink to="/stats" className="tab" data-testid="nav-stats">
            {t('stats.nav')}
          </NavLink>
          <NavLink to="/audit" className="tab" data-testid="nav-audit">
            {t('audit.nav')}
          </NavLink>
        </nav>
      )}
      {user.role === 'operator' && (
        <nav className="header-nav" aria-label={t('nav.main')}>
          <NavLink to="/operator" className="tab">
            {t('nav.operatorDesk')}
          </NavLink>
          <NavLink to="/search" className="tab" data-testid="nav-search">
            {t('search.nav')}
          </NavLink>
        </nav>
      )}
      {user.role === 'agency_officer' && (
        <nav className="header-nav" aria-label={t('nav.main')}>
          <NavLink to="/agency" className="tab" data-testid="nav-agency">
            {t('landing.agency.title')}
          </NavLink>
          <NavLink to="/stats" className="tab" data-testid="nav-stats">
            {t('stats.nav')}
          </NavLink>
        </nav>
      )}
      <div className="header-right">
        <ConnectionIndicator />
        <div className="user-badge" data-testid="current-user">
          <span className="user-name">{user.displayName}</span>
          <span className="user-role">
            {t(`roles.${user.role}`)}
            {user.agencyName && <> · {user.agencyName}</>}
          </span>
        </div>
        <LanguageSwitch />
        <button type="button" className="button button--ghost" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t('auth.logout')}
        </button>
      </div>
    </header>
  );
}
