import { listDataAttributes } from '@lazyflow/core';
import type { SortOrder, User, UserSort } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { type CSSProperties, type FormEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ListError } from '../components/ListError.tsx';
import { PageIntro } from '../components/PageIntro.tsx';
import { RowSkeleton } from '../components/RowSkeleton.tsx';
import { usersSource } from '../lib/catalogSources.ts';
import { formatCount } from '../lib/formatCount.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const ROW = 36;
const SIGNED_UP = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const COLUMN_LABELS: Record<UserSort, string> = { name: 'Name', signedUp: 'Signed up' };
const ORDER_LABELS: Record<SortOrder, string> = { asc: 'ascending', desc: 'descending' };

interface Sort {
  by: UserSort;
  order: SortOrder;
}

interface View extends Sort {
  /** The header the user sorted with, focused again after the table is rebuilt. */
  focus: UserSort | null;
}

/** A 1,000,000-row user table: sorted by the server, header always in view, jump to any row. */
export function UsersPage() {
  const [view, setView] = useState<View>({ by: 'name', order: 'asc', focus: null });
  const [target, setTarget] = useState('750000');
  // Clicking the sorted column flips its order; another column starts ascending.
  const sortBy = (by: UserSort) =>
    setView((v) => ({ by, order: v.by === by && v.order === 'asc' ? 'desc' : 'asc', focus: by }));
  return (
    <section className="page-fill">
      <PageIntro
        title="Users"
        tryThis="click Name or Signed up to sort (again to reverse), then go to row 750,000: only the rows on screen are fetched."
        code={
          <>
            <code>useLazyList</code> with a new <code>key</code> per sort over <code>/api/users</code>; a real{' '}
            <code>&lt;table&gt;</code> with <code>aria-rowcount</code>
          </>
        }
      >
        A directory of 1,000,000 people, sorted by the server. A new order or a far jump shows its rows at
        once, with the column headers always in view.
      </PageIntro>
      {/* A new order is a new list and a fresh scroll position (the old order's rows mean nothing there). */}
      <UsersTable
        key={`${view.by}:${view.order}`}
        view={view}
        onSort={sortBy}
        target={target}
        onTarget={setTarget}
      />
    </section>
  );
}

interface UsersTableProps {
  view: View;
  onSort: (by: UserSort) => void;
  target: string;
  onTarget: (target: string) => void;
}

function UsersTable({ view, onSort, target, onTarget }: UsersTableProps) {
  const { by, order, focus } = view;
  const scroller = useRef<HTMLTableSectionElement>(null);
  const headers = useRef(new Map<UserSort, HTMLButtonElement>());
  const source = useMemo(() => usersSource(by, order), [by, order]);
  const list = useLazyList<User>({
    key: ['demo-users', by, order],
    source,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 5,
  });
  useReportStats('Users', list.stats);
  // The table is remounted per order; keep keyboard users on the header they pressed.
  useLayoutEffect(() => {
    if (focus !== null) headers.current.get(focus)?.focus();
  }, [focus]);

  const jump = (event: FormEvent) => {
    event.preventDefault();
    const row = Number(target.replaceAll(/[\s,_]/g, ''));
    // Row numbers are 1-based, as in the # column.
    if (Number.isInteger(row) && row >= 1 && row <= list.count)
      list.scrollToIndex(row - 1, { align: 'start' });
  };
  const tabbable = list.focusedIndex ?? list.rows[0]?.index;
  // Rows are placed absolutely; the body's ::after takes this height and so sets the scroll height
  // (a spacer row would be an empty row to assistive technology).
  const spacer: CSSProperties & { '--users-total': string } = { '--users-total': `${list.totalSize}px` };
  const sortHeader = (column: UserSort) => {
    const active = column === by;
    return (
      <th
        scope="col"
        className={`users-cell users-${column}`}
        aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          className="users-sort"
          data-testid={`users-sort-${column}`}
          ref={(button) => {
            if (button) headers.current.set(column, button);
            else headers.current.delete(column);
          }}
          onClick={() => onSort(column)}
        >
          {COLUMN_LABELS[column]}{' '}
          <span aria-hidden="true">{active ? (order === 'asc' ? '▲' : '▼') : '↕'}</span>
        </button>
      </th>
    );
  };

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
              max={Math.max(1, list.count)}
              value={target}
              onChange={(event) => onTarget(event.target.value)}
            />
          </label>
          <button type="submit">Go</button>
        </form>
      </div>
      <p className="list-status" data-testid="users-status">
        {list.count.toLocaleString('en')} users · sorted by {COLUMN_LABELS[by].toLowerCase()}{' '}
        {ORDER_LABELS[order]}
        {list.range &&
          ` · rows ${(list.range.start + 1).toLocaleString('en')}–${list.range.end.toLocaleString('en')}`}
        {` · ${list.status} · ${formatCount(list.stats.pagesInMemory, 'page')} in memory · ${formatCount(list.stats.requests, 'request')}`}
      </p>
      <ListError status={list.status} error={list.error} retry={list.retry} />
      {/* A real table restyled as blocks: the body is the scrolled element and rows are placed
          absolutely. The header sits outside the scrolled element, so it never scrolls away and
          never covers a row the list counts as visible (a sticky header inside would shift every
          offset by its height). */}
      <table
        aria-label="Users"
        aria-rowcount={list.count + 1}
        className="users-table fill"
        data-testid="users-table"
      >
        <thead className="users-head" data-testid="users-head">
          <tr aria-rowindex={1} className="users-row">
            <th scope="col" className="users-cell users-num">
              #
            </th>
            {sortHeader('name')}
            <th scope="col" className="users-cell users-email">
              Email
            </th>
            <th scope="col" className="users-cell users-country">
              Country
            </th>
            <th scope="col" className="users-cell users-plan">
              Plan
            </th>
            {sortHeader('signedUp')}
          </tr>
        </thead>
        <tbody
          ref={scroller}
          className="scroller users-body"
          data-testid="users-scroller"
          onKeyDown={list.onKeyDown}
          style={spacer}
          {...listDataAttributes(list)}
        >
          {list.rows.map((row) => {
            const user = row.state.status === 'loaded' ? row.state.item : null;
            return (
              <tr
                key={row.key}
                ref={list.measureElement}
                className="row users-row"
                data-index={row.index}
                data-state={row.state.status}
                data-user-id={user?.id}
                data-signed-up={user?.signedUpAt}
                aria-rowindex={row.index + 2}
                aria-busy={user === null}
                tabIndex={row.index === tabbable ? 0 : -1}
                style={{ height: ROW, transform: `translateY(${row.start}px)` }}
              >
                <td className="users-cell users-num">{(row.index + 1).toLocaleString('en')}</td>
                {user === null ? (
                  <td className="users-cell users-loading">
                    <RowSkeleton height={ROW} />
                  </td>
                ) : (
                  <UserCells user={user} />
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function UserCells({ user }: { user: User }) {
  return (
    <>
      <td className="users-cell users-name">{user.name}</td>
      <td className="users-cell users-email">{user.email}</td>
      <td className="users-cell users-country">{user.country}</td>
      <td className="users-cell users-plan">
        <span className={`users-plan-badge users-plan-${user.plan}`}>{user.plan}</span>
      </td>
      <td className="users-cell users-signedUp">{SIGNED_UP.format(new Date(user.signedUpAt))}</td>
    </>
  );
}
