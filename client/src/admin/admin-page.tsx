import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '../components/page-header.js';

/** Administrator landing page: users, agencies, routing rules, SLA deadlines and the training line as tabs. */
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
        <NavLink to="/admin/sla" className="tab" data-testid="admin-tab-sla">
          {t('sla.nav')}
        </NavLink>
        <NavLink to="/admin/training" className="tab" data-testid="admin-tab-training">
          {t('phone.training.panelTitle')}
        </NavLink>
        <NavLink to="/admin/audit" className="tab" data-testid="admin-tab-audit">
          {t('audit.nav')}
        </NavLink>
      </nav>
      <Outlet />
    </>
  );
}
