import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface TocEntry {
  /** The section's element id. */
  id: string;
  label: string;
}

/** The section a reader is in: the last whose top has passed the upper third of the window. */
function useCurrentSection(ids: string[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  const key = ids.join(' ');
  useEffect(() => {
    const update = () => {
      const line = window.innerHeight / 3;
      let found: string | null = null;
      for (const id of key.split(' ')) {
        const el = document.getElementById(id);
        if (el && el.getBoundingClientRect().top <= line) found = id;
      }
      setCurrent(found);
    };
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [key]);
  return current;
}

/**
 * The height of the console's sticky header as --app-header-height, for what must stay clear of it (the contents'
 * column, a section reached by its link): the header takes two lines when its tabs wrap.
 */
function useHeaderHeight() {
  useEffect(() => {
    const header = document.querySelector('.app-header');
    if (!header) return;
    const root = document.documentElement;
    const set = () => root.style.setProperty('--app-header-height', `${Math.ceil(header.getBoundingClientRect().height)}px`);
    set();
    const observer = new ResizeObserver(set);
    observer.observe(header);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--app-header-height');
    };
  }, []);
}

/**
 * The statistics' table of contents: a side column that stays in view on a wide screen, a row of links on a narrow
 * one (the CSS decides); the section being read is marked.
 */
export function StatsToc({ entries }: { entries: TocEntry[] }) {
  const { t } = useTranslation();
  const current = useCurrentSection(entries.map((e) => e.id));
  useHeaderHeight();
  return (
    <nav className="stats-toc" aria-label={t('stats.sections.jump')} data-testid="stats-toc">
      <p className="stats-toc-title" aria-hidden="true">
        {t('stats.sections.jump')}
      </p>
      <ul>
        {entries.map((e) => (
          <li key={e.id}>
            <a href={`#${e.id}`} aria-current={current === e.id ? 'location' : undefined} data-testid={`stats-toc-${e.id}`}>
              {e.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
