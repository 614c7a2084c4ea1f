import { listDataAttributes } from '@lazyflow/core';
import type { SortOrder, UserSort, UserWithMetrics } from '@lazyflow/mocks';
import { useLazyGrid } from '@lazyflow/react';
import { type FormEvent, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ListError } from '../components/ListError.tsx';
import { PageIntro } from '../components/PageIntro.tsx';
import { PendingItem, pageMarks } from '../components/PendingItem.tsx';
import { usersWideSource } from '../lib/catalogSources.ts';
import { formatCount } from '../lib/formatCount.ts';
import { useReportStats } from '../lib/useReportStats.ts';
import { NO_VALUE, USER_COLUMNS } from '../lib/userColumns.ts';

const ROW = 36;
const HEADER = 48;
const PHONE = '(max-width: 600px)';
const SORT_LABELS: Record<UserSort, string> = { name: 'name', signedUp: 'signup date' };
const ORDER_LABELS = { asc: 'ascending', desc: 'descending' } as const satisfies Record<SortOrder, string>;
// Spread after `gridProps` (role="grid", which the linter cannot see through the spread).
const GRID_LABEL = { 'aria-label': 'Users' } as const;

interface View {
  by: UserSort;
  order: SortOrder;
  /** The header the user sorted with, focused again after the grid is rebuilt. */
  focus: UserSort | null;
}

function subscribeMedia(onChange: () => void) {
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** A 1,000,000 × 305 data grid: sorted by the server, header and name column always in view. */
export function UsersPage() {
  const [view, setView] = useState<View>({ by: 'name', order: 'asc', focus: null });
  const [target, setTarget] = useState('750000');
  // Where the grid was scrolled sideways: a new order keeps it (the same columns), and starts at
  // the top (row 1 of the old order means nothing in the new one).
  const left = useRef(0);
  // Clicking the sorted column flips its order; another column starts ascending.
  const sortBy = (by: UserSort) =>
    setView((v) => ({ by, order: v.by === by && v.order === 'asc' ? 'desc' : 'asc', focus: by }));
  return (
    <section className="page-fill">
      <PageIntro
        title="Users"
        tryThis="scroll down and right: the header row and the name column stay put. Click Name or Signed up to sort (again to reverse), go to row 750,000, or click a cell and move with the arrow keys, Home/End and Page Up/Down."
        code={
          <>
            <code>useLazyGrid</code>: rows by page from <code>/api/users?columns=metrics</code>, columns
            virtualized sideways, a new <code>key</code> per sort; <code>role="grid"</code> with row and
            column indexes
          </>
        }
      >
        A directory of 1,000,000 people with 305 columns each: their details, then five activity figures for
        every month from 2021 to 2025. Only the cells on screen are in the page, a few hundred of the 305
        million, and only the rows on screen are fetched.
      </PageIntro>
      {/* A new order is a new list: the grid is rebuilt at the top, at the same column. */}
      <UsersGrid
        key={`${view.by}:${view.order}`}
        view={view}
        onSort={sortBy}
        target={target}
        onTarget={setTarget}
        left={left}
      />
    </section>
  );
}

interface UsersGridProps {
  view: View;
  onSort: (by: UserSort) => void;
  target: string;
  onTarget: (target: string) => void;
  left: { current: number };
}

function UsersGrid({ view, onSort, target, onTarget, left }: UsersGridProps) {
  const { by, order } = view;
  const scroller = useRef<HTMLDivElement>(null);
  const phone = useSyncExternalStore(
    subscribeMedia,
    () => window.matchMedia(PHONE).matches,
    () => false,
  );
  const source = useMemo(() => usersWideSource(by, order), [by, order]);
  const grid = useLazyGrid<UserWithMetrics>({
    key: ['demo-users-wide', by, order],
    source,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 4,
    headerHeight: HEADER,
    columns: {
      count: USER_COLUMNS.length,
      estimateWidth: (c) => (phone ? USER_COLUMNS[c]?.phoneWidth : USER_COLUMNS[c]?.width) ?? 110,
      pinnedStart: 1,
      overscan: 1,
    },
  });
  useReportStats('Users', grid.list);

  // The grid is remounted per order: back to the column the user was at, and keyboard focus back
  // on the header they pressed (once its column is rendered).
  const pendingFocus = useRef(view.focus);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element) element.scrollLeft = left.current;
    return () => {
      left.current = element?.scrollLeft ?? 0;
    };
  }, [left]);
  useLayoutEffect(() => {
    if (pendingFocus.current === null) return;
    const button = scroller.current?.querySelector<HTMLElement>(`[data-sort="${pendingFocus.current}"]`);
    if (button) {
      button.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const jump = (event: FormEvent) => {
    event.preventDefault();
    const row = Number(target.replaceAll(/[\s,_]/g, ''));
    // Row numbers are 1-based, as in the name column.
    if (Number.isInteger(row) && row >= 1 && row <= grid.count)
      grid.scrollToIndex(row - 1, { align: 'start' });
  };
  const pageSize = grid.stats.pageSize || 1;
  // The range starts with the rows behind the sticky header, where nobody reads a failed page's text.
  const first = pageMarks((grid.range?.start ?? 0) + Math.ceil(HEADER / ROW), pageSize);
  const firstColumn = grid.columns.find((c) => c.pinned === null);
  const lastColumn = grid.columns.findLast((c) => c.pinned === null);

  return (
    <>
      <div className="controls">
        <form onSubmit={jump} aria-label="Go to row">
          <label>
            Go to row{' '}
            <input
              type="number"
              data-testid="users-jump"
              min={1}
              max={Math.max(1, grid.count)}
              value={target}
              onChange={(event) => onTarget(event.target.value)}
            />
          </label>
          <button type="submit">Go</button>
        </form>
      </div>
      <p className="list-status" data-testid="users-status">
        {grid.count.toLocaleString('en')} users · sorted by {SORT_LABELS[by]} {ORDER_LABELS[order]}
        {grid.range &&
          ` · rows ${(grid.range.start + 1).toLocaleString('en')}–${grid.range.end.toLocaleString('en')}`}
        {firstColumn &&
          lastColumn &&
          ` · columns ${firstColumn.index + 1}–${lastColumn.index + 1} of ${grid.columnCount}`}
        {` · ${grid.status} · ${formatCount(grid.stats.pagesInMemory, 'page')} in memory · ${formatCount(grid.stats.requests, 'request')}`}
      </p>
      <ListError status={grid.status} error={grid.error} retry={grid.retry} />
      <div
        ref={scroller}
        {...grid.gridProps}
        {...GRID_LABEL}
        className="scroller users-grid fill"
        data-testid="users-scroller"
        {...listDataAttributes(grid)}
      >
        <div className="users-canvas" style={{ height: grid.totalSize, width: grid.totalWidth }}>
          <div {...grid.headerProps} className="users-head" data-testid="users-head">
            {grid.columns.map((column) => {
              const def = USER_COLUMNS[column.index];
              const sorted = def?.sort !== undefined && def.sort === by;
              return (
                <div
                  key={column.index}
                  {...grid.cellProps(null, column)}
                  className={`users-th users-${def?.align ?? 'start'}${column.pinned ? ' users-pinned' : ''}`}
                  {...(def?.sort === undefined ? {} : { 'aria-sort': sorted ? ORDER_LABELS[order] : 'none' })}
                >
                  {def?.sort ? (
                    <button
                      type="button"
                      className="users-sort"
                      data-sort={def.sort}
                      data-testid={`users-sort-${def.sort}`}
                      onClick={() => onSort(def.sort as UserSort)}
                    >
                      {def.title}{' '}
                      <span aria-hidden="true">{sorted ? (order === 'asc' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  ) : (
                    <>
                      <span className="users-title">{def?.title}</span>
                      {def?.detail && <span className="users-detail">{def.detail}</span>}
                    </>
                  )}
                </div>
              );
            })}
          </div>
          {grid.rows.map((row) => {
            const user = row.state.status === 'loaded' ? row.state.item : null;
            // A failed row's cells are striped, a retried one's skeletons tinted; the first such row
            // of a page in view says so in its name cell (the text runs over the empty cells).
            const pending =
              row.state.status === 'error'
                ? ' users-failed'
                : user === null
                  ? row.state.status === 'loading' && row.state.attempt !== undefined
                    ? ' users-pending users-retrying'
                    : ' users-pending'
                  : '';
            const says = user === null && first(row.index, row.state);
            return (
              <div
                key={row.key}
                {...grid.rowProps(row)}
                className="users-row"
                data-state={row.state.status}
                data-user-id={user?.id}
                data-signed-up={user?.signedUpAt}
                aria-busy={user === null}
              >
                {grid.columns.map((column) => {
                  const def = USER_COLUMNS[column.index];
                  const text = user && def ? def.text(user) : '';
                  return (
                    <div
                      key={column.index}
                      {...grid.cellProps(row, column)}
                      className={`users-td users-${def?.align ?? 'start'}${column.pinned ? ' users-pinned' : ''}${says && column.index === 0 ? ' users-says' : pending}${text === NO_VALUE ? ' users-none' : ''}`}
                    >
                      {says && column.index === 0 ? (
                        <PendingItem
                          state={row.state}
                          index={row.index}
                          pageSize={pageSize}
                          count={grid.count}
                          noun="users"
                          first
                          retry={grid.retry}
                          height={ROW - 1}
                          skeleton={null}
                        />
                      ) : (
                        <>
                          {column.index === 0 && (
                            <span className="users-num">{(row.index + 1).toLocaleString('en')}</span>
                          )}
                          {/* Its own box, so a text too long for the cell ends in an ellipsis (a flex
                              cell's bare text is cut hard, or spills out on the left when right-aligned). */}
                          {text && <span className="users-text">{text}</span>}
                        </>
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
