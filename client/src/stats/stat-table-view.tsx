import { useTranslation } from 'react-i18next';
import type { Lang, StatTable } from '../../../shared/index.js';
import { statValue } from '../i18n/format.js';

/**
 * One statistics table as an accessible HTML table: the dimension and columns as headers, a row header per row,
 * the total in the footer. Rows carry `data-key` (the stored value) and cells `data-col`, for tests and scripts.
 * Used on the statistics page and on the print page.
 */
export function StatTableView({ table, lang, labelledBy }: { table: StatTable; lang: Lang; labelledBy: string }) {
  const { t } = useTranslation();
  const cells = (values: (number | null)[]) =>
    table.columns.map((c, i) => {
      const v = values[i] ?? null;
      return (
        <td key={c.key} className="num" data-col={c.key}>
          {statValue(v, c.unit, lang)}
        </td>
      );
    });

  return (
    <table className={`stats-table${table.columns.length <= 2 ? ' stats-table--few' : ''}`} aria-labelledby={labelledBy} data-testid={`stat-data-${table.id}`}>
      <thead>
        <tr>
          <th scope="col">{table.dimension[lang]}</th>
          {table.columns.map((c) => (
            <th key={c.key} scope="col" className="num">
              {c.label[lang]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row">{r.label[lang]}</th>
            {cells(r.values)}
          </tr>
        ))}
        {table.rows.length === 0 && (
          <tr>
            <td colSpan={table.columns.length + 1} className="empty-row">
              {t('stats.table.empty')}
            </td>
          </tr>
        )}
      </tbody>
      {table.total && (
        <tfoot>
          <tr data-key="total">
            <th scope="row">{t('stats.table.total')}</th>
            {cells(table.total)}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
