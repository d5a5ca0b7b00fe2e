import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { HttpError } from '../api/http.js';
import { Alert } from '../components/alert.js';
import { PageHeader } from '../components/page-header.js';
import { TablePager } from '../components/table-pager.js';
import { PAGE_SIZE, SEARCH_PARAMS, useSearch, type SearchParams } from './search-api.js';
import { SearchForm } from './search-form.js';
import { SearchResults } from './search-results.js';
import './search.css';

/** /search: one search for operators and supervisors; the criteria live in the URL, results are paged by the server. */
export function SearchPage() {
  const { t } = useTranslation();
  const [url, setUrl] = useSearchParams();
  const params = useMemo<SearchParams | null>(() => {
    if (![...url.keys()].length) return null;
    return Object.fromEntries(SEARCH_PARAMS.flatMap((k) => (url.get(k) ? [[k, url.get(k)!]] : [])));
  }, [url]);
  const search = useSearch(params);
  const errors = search.error instanceof HttpError ? search.error.fields : {};
  const offset = Number(params?.offset ?? 0);
  const go = (p: SearchParams) => setUrl(Object.fromEntries(Object.entries({ ...p, run: '1' }).filter(([, v]) => v)) as Record<string, string>);

  return (
    <div className="search-page">
      <PageHeader testId="search-title" title={t('search.title')} intro={t('search.intro')} />
      <SearchForm key={url.get('run') ? 'run' : 'new'} initial={params ?? {}} errors={errors} onSearch={go} />
      {search.isError && !Object.keys(errors).length && <Alert>{t('common.loadError', { message: search.error.message })}</Alert>}
      {search.data && (
        <section aria-labelledby="search-results-title" className="search-results-section">
          <h2 id="search-results-title">{t('search.results')}</h2>
          {search.data.results.length === 0 ? (
            <p className="muted" data-testid="search-none">{t('search.none')}</p>
          ) : (
            <>
              <SearchResults results={search.data.results} />
              {search.data.more && <p className="muted">{t('search.more')}</p>}
              <TablePager
                page={offset / PAGE_SIZE + 1}
                pageCount={offset / PAGE_SIZE + (search.data.more ? 2 : 1)}
                onPrev={offset > 0 ? () => go({ ...params, offset: String(Math.max(0, offset - PAGE_SIZE)) }) : undefined}
                onNext={search.data.more ? () => go({ ...params, offset: String(offset + PAGE_SIZE) }) : undefined}
              />
            </>
          )}
        </section>
      )}
    </div>
  );
}
