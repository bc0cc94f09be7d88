import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { t } from '../../../../shared/i18n';
import { comparePt, ptSearchTerms, ptKey } from '../../../../shared/text/pt-collation';
import { downloadCsv } from './download';

/**
 * The one table of the back office (issue 12 "table with sort/filter/paging"): a column says how to show a row,
 * how to sort it and what goes into the CSV. Text sorts in Portuguese order (comparePt, the same order as the
 * database's name_key), numbers and ISO dates as such; the filter box matches every word accent- and case-
 * insensitively against the columns' text. Lists the core already pages (50 000 articles) pass `rows` per page
 * and leave `pageSize` out; lists the core also filters and sorts (`remote`: 150 000 stock lines) keep this
 * table's filter box, sortable headers and pager, which then ask the core instead of working on `rows`.
 */
export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** What sorting and the filter see; without it the column neither sorts nor filters. */
  value?: (row: T) => string | number | null;
  /** What the CSV gets (defaults to `value`). */
  csv?: (row: T) => string;
  align?: 'left' | 'right' | 'center';
  className?: string;
}

interface Props<T> {
  rows: readonly T[] | null;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  /** Shows the filter box (the text is kept by the table). */
  filterable?: boolean;
  filterLabel?: string;
  /** Rows per page; without it every row shows. */
  pageSize?: number;
  initialSort?: { column: string; descending?: boolean };
  onRowClick?: (row: T) => void;
  emptyText?: string;
  /** Adds "Exportar CSV" with the filtered, sorted rows. */
  csvName?: string;
  /** Extra buttons beside the filter box. */
  tools?: ReactNode;
  testId?: string;
  rowTestId?: string;
  caption?: string;
  /** The core filters, sorts and pages; `rows` is the current page as it came (`pageSize` is then ignored). */
  remote?: Remote<T>;
}

type SortState = { column: string; descending: boolean } | null;

/** What a `remote` table asks the core for: the filter text as typed, the sorted column, the page (from 0). */
export interface RemoteQuery {
  filter: string;
  sort: SortState;
  page: number;
}

export interface Remote<T> {
  /** Rows matching the filter, all pages (the core counts them). */
  total: number;
  pageSize: number;
  /** Called with the first query and on every change of filter, sort or page (debounce it if needed). */
  onQuery: (q: RemoteQuery) => void;
  /** The CSV: every matching row in the current order, asked for only when exporting. */
  allRows?: (q: RemoteQuery) => Promise<readonly T[]>;
}

const cmp = (a: string | number | null, b: string | number | null): number => {
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return comparePt(String(a), String(b));
};

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  filterable,
  filterLabel,
  pageSize,
  initialSort,
  onRowClick,
  emptyText,
  csvName,
  tools,
  testId,
  rowTestId,
  caption,
  remote,
}: Props<T>) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortState>(
    initialSort ? { column: initialSort.column, descending: initialSort.descending ?? false } : null,
  );
  const [page, setPage] = useState(0);

  const shown = useMemo(() => {
    if (remote) return rows ? [...rows] : [];
    let list = rows ? [...rows] : [];
    const terms = ptSearchTerms(filter);
    if (terms.length > 0) {
      const searchable = columns.filter((c) => c.value);
      list = list.filter((r) => {
        const text = ptKey(searchable.map((c) => String(c.value?.(r) ?? '')).join(' '));
        return terms.every((w) => text.includes(w));
      });
    }
    const col = sort && columns.find((c) => c.id === sort.column);
    if (sort && col?.value) {
      const value = col.value;
      list.sort((a, b) => (sort.descending ? -1 : 1) * cmp(value(a), value(b)));
    }
    return list;
  }, [rows, columns, filter, sort, remote]);

  const size = remote ? remote.pageSize : pageSize;
  const count = remote ? remote.total : shown.length;
  const pages = size ? Math.max(1, Math.ceil(count / size)) : 1;
  const current = Math.min(page, pages - 1);
  const visible = remote || !size ? shown : shown.slice(current * size, (current + 1) * size);
  const onQuery = remote?.onQuery;
  useEffect(() => {
    onQuery?.({ filter, sort, page: current });
  }, [onQuery, filter, sort, current]);

  const toggleSort = (id: string) => {
    setSort((s) =>
      s?.column === id ? { column: id, descending: !s.descending } : { column: id, descending: false },
    );
    setPage(0);
  };

  const exportCsv = async (): Promise<void> => {
    if (!csvName) return;
    const list = remote?.allRows ? await remote.allRows({ filter, sort, page: current }) : shown;
    const cols = columns.filter((c) => c.csv || c.value);
    downloadCsv(csvName, [
      cols.map((c) => c.header),
      ...list.map((r) => cols.map((c) => (c.csv ? c.csv(r) : String(c.value?.(r) ?? '')))),
    ]);
  };

  const label = filterLabel ?? t('kit.filter');
  return (
    <div className="data-table" data-testid={testId}>
      {(filterable || csvName || tools) && (
        <div className="data-table-tools">
          {filterable && (
            <input
              className="input input--text data-table-filter"
              type="search"
              value={filter}
              placeholder={label}
              aria-label={label}
              data-no-wedge
              onChange={(e) => {
                setFilter(e.target.value);
                setPage(0);
              }}
            />
          )}
          {tools}
          {csvName && (
            <button
              type="button"
              className="btn btn--small"
              onClick={() => void exportCsv()}
              disabled={count === 0}
            >
              {t('kit.exportCsv')}
            </button>
          )}
        </div>
      )}
      <div className="table-wrap">
        <table className="table table--rows">
          {caption && <caption className="sr-only">{caption}</caption>}
          <thead>
            <tr>
              {columns.map((c) => {
                const sorted =
                  sort?.column === c.id ? (sort.descending ? 'descending' : 'ascending') : undefined;
                return (
                  <th
                    key={c.id}
                    className={c.align === 'right' ? 'num' : c.align === 'center' ? 'center' : undefined}
                    aria-sort={sorted ?? (c.value ? 'none' : undefined)}
                  >
                    {c.value ? (
                      <button type="button" className="th-sort" onClick={() => toggleSort(c.id)}>
                        {c.header}
                        <span className="th-sort-mark" aria-hidden>
                          {sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}
                        </span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <tr
                key={rowKey(r)}
                data-testid={rowTestId}
                className={onRowClick ? 'row--clickable' : undefined}
                onClick={onRowClick ? () => onRowClick(r) : undefined}
                onKeyDown={
                  onRowClick
                    ? (e) => {
                        if (e.key === 'Enter') onRowClick(r);
                      }
                    : undefined
                }
                tabIndex={onRowClick ? 0 : undefined}
              >
                {columns.map((c) => (
                  <td
                    key={c.id}
                    className={
                      [c.align === 'right' ? 'num' : c.align === 'center' ? 'center' : '', c.className ?? '']
                        .join(' ')
                        .trim() || undefined
                    }
                  >
                    {c.cell(r)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows === null && <p className="muted table-note">{t('app.loading')}</p>}
        {rows !== null && count === 0 && <p className="muted table-note">{emptyText ?? t('kit.empty')}</p>}
      </div>
      {size && pages > 1 && (
        <nav className="data-table-pages" aria-label={t('kit.pages')}>
          <button
            type="button"
            className="btn btn--small"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            {t('kit.prev')}
          </button>
          <span className="muted">{t('kit.pageOf', { page: current + 1, pages, count })}</span>
          <button
            type="button"
            className="btn btn--small"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            {t('kit.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
