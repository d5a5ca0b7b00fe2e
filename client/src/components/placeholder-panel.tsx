import { useTranslation } from 'react-i18next';

/** A screen region that a later release fills in; shows what it will hold. */
export function PlaceholderPanel({ title, body, className }: { title: string; body: string; className?: string }) {
  const { t } = useTranslation();
  const id = `panel-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className={`panel panel--placeholder${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <header className="panel-header">
        <h2 id={id}>{title}</h2>
        <span className="tag">{t('landing.comingSoon')}</span>
      </header>
      <p className="muted">{body}</p>
      <div className="skeleton" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
    </section>
  );
}
