import { useTranslation } from 'react-i18next';

interface Props {
  page: number;
  pageCount: number;
  onPrev?: () => void;
  onNext?: () => void;
}

export function TablePager({ page, pageCount, onPrev, onNext }: Props) {
  const { t } = useTranslation();
  return (
    <nav className="table-pager" aria-label={t('common.pagination')}>
      <button type="button" className="button button--small" onClick={onPrev} disabled={!onPrev}>
        ‹ {t('common.prevPage')}
      </button>
      <span aria-live="polite">{t('common.pageOf', { page, count: pageCount })}</span>
      <button type="button" className="button button--small" onClick={onNext} disabled={!onNext}>
        {t('common.nextPage')} ›
      </button>
    </nav>
  );
}
