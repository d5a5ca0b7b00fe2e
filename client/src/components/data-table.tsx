import {
  columnFilteringFeature,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TablePager } from './table-pager.js';

export const tableFeats = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  rowPaginationFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text },
  filterFns: { includesString: filterFn_includesString },
});

// Columns of one table hold values of different types.
export type Columns<T extends RowData> = ColumnDef<typeof tableFeats, T, any>[];

interface Props<T extends RowData> {
  id: string;
  columns: Columns<T>;
  data: T[];
  filterLabel: string;
  filterPlaceholder: string;
  initialSort?: SortingState;
  getRowId?: (row: T) => string;
  /** The server pages the rows: `data` is one page, `total` the real count; sorting and the filter box act on the page. */
  serverPage?: { page: number; pageSize: number; total: number; onPage: (page: number) => void };
}

const PAGE_SIZE = 50;

/** A sortable, paginated table with one filter box over every text column. */
export function DataTable<T extends RowData>({ id, columns, data, filterLabel, filterPlaceholder, initialSort = [], getRowId, serverPage }: Props<T>) {
  const { t, i18n } = useTranslation();
  // Rows cache their accessor values; a fresh array on language change re-reads translated labels.
  const rowsData = useMemo(() => data.slice(), [data, i18n.language]);
  const [sorting, setSorting] = useState<SortingState>(initialSort);
  const [globalFilter, setGlobalFilter] = useState('');
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE });
  const table = useTable({
    features: tableFeats,
    columns,
    data: rowsData,
    getRowId: getRowId ? (row) => getRowId(row) : undefined,
    state: { sorting, globalFilter, pagination: serverPage ? { pageIndex: 0, pageSize: Math.max(1, rowsData.length) } : pagination },
    onSortingChange: setSorting,
    onPaginationChange: setPagination,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn: 'includesString',
    getColumnCanGlobalFilter: (column) => column.id !== 'actions',
  });
  const rows = table.getRowModel().rows;

  return (
    <div className="data-table">
      <div className="table-toolbar">
        <label htmlFor={`${id}-filter`} className="visually-hidden">
          {filterLabel}
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          className="filter-input"
          placeholder={filterPlaceholder}
          value={globalFilter}
          onChange={(e) => setGlobalFilter(e.target.value)}
        />
        <span className="muted" aria-live="polite">
          {serverPage
            ? t('common.rowsOf', { from: Math.min(serverPage.total, serverPage.page * serverPage.pageSize + 1), to: Math.min(serverPage.total, (serverPage.page + 1) * serverPage.pageSize), count: serverPage.total })
            : t('common.rows', { count: table.getFilteredRowModel().rows.length })}
        </span>
      </div>
      <div className="table-scroll">
        <table id={id}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  return (
                    <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                      {header.isPlaceholder ? null : canSort ? (
                        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                          <table.FlexRender header={header} />
                          <span className="sort-icon" aria-hidden="true">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cell.column.id === 'actions' ? 'cell-actions' : undefined}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={table.getAllLeafColumns().length} className="empty-row">
                  {t('common.noRows')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {serverPage && serverPage.total > serverPage.pageSize && (
        <TablePager
          page={serverPage.page + 1}
          pageCount={Math.ceil(serverPage.total / serverPage.pageSize)}
          onPrev={serverPage.page > 0 ? () => serverPage.onPage(serverPage.page - 1) : undefined}
          onNext={(serverPage.page + 1) * serverPage.pageSize < serverPage.total ? () => serverPage.onPage(serverPage.page + 1) : undefined}
        />
      )}
      {!serverPage && table.getPageCount() > 1 && (
        <TablePager
          page={pagination.pageIndex + 1}
          pageCount={table.getPageCount()}
          onPrev={table.getCanPreviousPage() ? () => table.previousPage() : undefined}
          onNext={table.getCanNextPage() ? () => table.nextPage() : undefined}
        />
      )}
    </div>
  );
}
