import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '../components/page-header.js';

/** Administrator landing page: users, agencies and routing rules as tabs. */
export function AdminPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader testId="landing-admin" title={t('admin.title')} intro={t('admin.intro')} />
      <nav className="tabs" aria-label={t('admin.sections')}>
        <NavLink to="/admin" end className="tab">
          {t('nav.users')}
        </NavLink>
        <NavLink to="/admin/agencies" className="tab">
          {t('nav.agencies')}
        </NavLink>
        <NavLink to="/admin/routing" className="tab">
          {t('nav.routing')}
        </NavLink>
      </nav>
      <Outlet />
    </>
  );
}
