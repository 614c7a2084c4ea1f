import { listDataAttributes, type ScrollAlign } from '@lazyflow/core';
import { keyboardNavigation } from '@lazyflow/core/keyboard';
import { watchMoves } from '@lazyflow/core/moves';
import type { Item } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { type FormEvent, Fragment, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { FailedRow } from '../components/FailedRow.tsx';
import { ItemHeader, ItemRow } from '../components/ItemRow.tsx';
import { ListError } from '../components/ListError.tsx';
import { PageIntro } from '../components/PageIntro.tsx';
import { RetryingRow } from '../components/RetryingRow.tsx';
import { RowSkeleton } from '../components/RowSkeleton.tsx';
import { getFaults, subscribeFaults } from '../faultSettings.ts';
import { firstOfPage } from '../lib/firstOfPage.ts';
import { formatCount } from '../lib/formatCount.ts';
import { itemsCache } from '../lib/itemsCache.ts';
import { type FirstView, restoreNote } from '../lib/restoreNote.ts';
import { DYNAMIC_ESTIMATE, ROW_HEIGHT } from '../lib/rowHeight.ts';
import { readScroll, usePersistedScroll } from '../lib/scrollStore.ts';
import { itemsKey, itemsSource } from '../lib/sources.ts';
import { readTableUrl, TABLE_TOTALS, type TableJump, type TableMode, tableSearch } from '../lib/tableUrl.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const ALIGNS: readonly ScrollAlign[] = ['start', 'center', 'end'];
/**
 * The Table's memory budget (`memory.maxBytes`; the default is 50 MB): small enough that a sweep
 * reaches it in seconds, so the panel's chart shows memory held flat at the line.
 */
const TABLE_BUDGET = 2 * 1024 * 1024;
/** How long a page request may take before it fails with `PageTimeoutError` and is retried (`timeoutMs`). */
const TABLE_TIMEOUT_MS = 5_000;

type StatusItem = string | false | null | undefined;
const shownItems = (items: readonly StatusItem[]) => items.filter((item): item is string => Boolean(item));

/** A status line's items, each unbroken, joined by " · " (where the line may wrap). */
function StatusItems({ items }: { items: readonly StatusItem[] }) {
  const shown = shownItems(items);
  return shown.map((item, i) => (
    <Fragment key={item}>
      {i > 0 && ' · '}
      <span className="status-item">{item}</span>
    </Fragment>
  ));
}

/**
 * The items as one string that wraps as StatusItems do: only at a " · " (no-break spaces inside,
 * and a word joiner after a range's dash, where a line may otherwise break).
 */
const joinStatus = (items: readonly StatusItem[]) =>
  shownItems(items)
    .map((item) => item.replaceAll(' ', '\u00a0').replaceAll('–', '–\u2060'))
    .join(' · ');

/**
 * The Table status's items at their widest for a table of `total` rows (the last rows' range,
 * the longest status, generous counts, the churn note while churn is on): the room it keeps.
 */
function statusReserve(total: number, scaledNote: string | false, churn: boolean): StatusItem[] {
  const most = total.toLocaleString('en');
  return [
    `${most} rows`,
    `showing ${most}–${most}`,
    'loading',
    '99 pages in memory',
    '9,999 requests',
    scaledNote,
    churn && 'rows moved on the server 9,999 times, refetching',
  ];
}

/**
 * A million-row (or 100-million-row) table on useLazyList over `/api/items`. The URL opens it in
 * a mode and at a row (lib/tableUrl.ts), which is how the Home tiles link to each feat.
 */
export function TablePage() {
  const [start] = useState(() => readTableUrl(window.location.search));
  const [mode, setMode] = useState<TableMode>(start.mode);
  // The URL's jump applies to the first list only: a mode change keeps the current row instead.
  const [jump, setJump] = useState(start.jump);
  useEffect(() => {
    // The URL keeps the mode (a reload reopens it) but not the jump (a reload restores the row).
    const search = tableSearch(mode);
    // The fragment stays: Home's memory tile opens /table#under-the-hood to show the panel.
    if (window.location.search !== search) {
      const { pathname, hash } = window.location;
      window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
    }
  }, [mode]);
  const changeMode = (next: TableMode) => {
    setJump(null);
    setMode(next);
  };
  return (
    <section className="page-fill">
      <PageIntro
        title="Table"
        tryThis={
          <>
            jump to row 500,000 and count the requests in the status line; switch to 100,000,000 rows and drag
            the scrollbar; tick <em>Dynamic row heights</em> and scroll up; reload the page.
          </>
        }
        code={
          <>
            <code>useLazyList</code> over <code>offsetSource</code> (<code>/api/items</code>),{' '}
            <code>scrollToIndex(row - 1)</code>, <code>idbCache</code>, <code>memory.maxBytes</code>
          </>
        }
      >
        A million articles (or a hundred million) in one table. A jump loads only the rows it lands on; a
        hundred million rows scroll smoothly although no browser can draw an element that tall; a reload comes
        back on the same row from the browser's storage before the network answers.
      </PageIntro>
      {/* A new layout is a new list; its position carries over through the scroll store. */}
      <TableView key={`${mode.total}:${mode.dynamic}`} {...mode} jump={jump} onMode={changeMode} />
    </section>
  );
}

function TableView({
  total,
  dynamic,
  jump,
  onMode,
}: TableMode & { jump: TableJump | null; onMode: (mode: TableMode) => void }) {
  const ref = useRef<HTMLElement>(null);
  const key = itemsKey(total); // the menu prefetches page 0 under the same key
  const storageKey = JSON.stringify(key); // the position is saved under the list's key
  const layout = dynamic ? 'dynamic' : 'fixed';
  // A jump from the URL starts there: a non-null `restore` also keeps the cache's saved position
  // (read asynchronously) from moving the list after the jump.
  const [restore] = useState(() =>
    jump === null ? readScroll(storageKey, layout) : { anchorKey: jump.index, offsetInItem: 0, sizes: [] },
  );
  const source = useMemo(() => itemsSource(total), [total]);
  const list = useLazyList<Item>({
    key,
    source,
    getScrollElement: () => ref.current,
    estimateSize: () => (dynamic ? DYNAMIC_ESTIMATE : ROW_HEIGHT),
    overscan: 5,
    // sessionStorage restores this tab's position per layout (fixed or dynamic sizes); the cache
    // also keeps one beside the pages, used when this tab has none (a new tab).
    restore,
    cache: itemsCache,
    memory: { maxBytes: TABLE_BUDGET },
    // A request the server never answers (the fault panel's stall rate) is given up on and
    // retried instead of holding one of the QueryClient's fetch slots for good.
    timeoutMs: TABLE_TIMEOUT_MS,
    // Rows the server inserts or deletes meanwhile (the fault panel's churn) are seen and the
    // pages around the view refetched and shown together: no row twice, none skipped.
    moves: watchMoves,
    keyboard: keyboardNavigation,
  });
  const persist = usePersistedScroll(storageKey, layout, list.saveScroll);
  useReportStats('Table', list.list, 'paged', TABLE_BUDGET);
  // The jump box takes a row number as the table shows it (from 1); the list is given its index.
  const [target, setTarget] = useState(String((jump?.index ?? 499_999) + 1));
  const [align, setAlign] = useState<ScrollAlign>(jump?.align ?? 'start');
  // A smooth jump flies there and still loads only the rows it lands on.
  const [smooth, setSmooth] = useState(false);
  // What the list had done when the rows in view first showed (a reload shows them from IndexedDB).
  const [firstView, setFirstView] = useState<FirstView | null>(null);
  const range = list.range;
  const firstRow = range?.start;
  const inView = range ? list.rows.filter((row) => row.index >= range.start && row.index < range.end) : [];
  // Not `status === 'ready'`: that holds before the first window too, over placeholders.
  const shown = inView.length > 0 && inView.every((row) => row.state.status === 'loaded');
  if (firstView === null && shown && firstRow !== undefined) {
    // Rows read from IndexedDB stay `stale` until revalidated; rows from memory (a route change) are not.
    const pageSize = list.stats.pageSize || 1;
    const stalePages = new Set(
      inView
        .filter((row) => row.state.status === 'loaded' && row.state.stale === true)
        .map((row) => Math.floor(row.index / pageSize)),
    );
    setFirstView({ row: firstRow + 1, pagesFromCache: stalePages.size, requests: list.stats.requests });
  }
  const note = firstView && restoreNote(firstView);
  const { scrollToIndex } = list;
  useEffect(() => {
    if (jump !== null) scrollToIndex(jump.index, { align: jump.align });
  }, [jump, scrollToIndex]);

  const change = (next: TableMode) => {
    persist();
    onMode(next);
  };
  const onJump = (event: FormEvent) => {
    event.preventDefault();
    const row = Number(target.replaceAll(/[\s,_]/g, ''));
    if (Number.isInteger(row) && row >= 1)
      list.scrollToIndex(Math.min(row, list.count) - 1, { align, behavior: smooth ? 'smooth' : 'auto' });
  };
  // Roving tabindex: one row is in the tab order, the focused one or else the first rendered.
  const tabbable = list.focusedIndex ?? list.rows[0]?.index;
  const pageSize = list.stats.pageSize || 1;
  // A failed page's first row in view says which rows failed and offers Retry; its others only
  // look failed. Likewise a page being retried says which attempt (decision 0025). Not the first
  // rendered row: that may be an overscan row above the view, where nobody reads it.
  const failedPages = new Set<number>();
  const retryingPages = new Set<number>();
  const inViewFrom = firstRow ?? 0;
  const { moves } = list.list;
  const scaledNote =
    list.scaled &&
    `${(list.virtualSize / 1e6).toFixed(0)}M px mapped onto ${(list.totalSize / 1e6).toFixed(0)}M px`;
  // With churn on (the fault panel), the status keeps room for the note on rows moved.
  const churn = useSyncExternalStore(subscribeFaults, getFaults).churn > 0;

  return (
    <>
      <div className="controls">
        <label>
          Rows{' '}
          <select
            data-testid="table-total"
            value={total}
            onChange={(event) => change({ total: Number(event.target.value), dynamic })}
          >
            {TABLE_TOTALS.map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString('en')}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="table-dynamic"
            checked={dynamic}
            onChange={(event) => change({ total, dynamic: event.target.checked })}
          />{' '}
          Dynamic row heights
        </label>
        <form onSubmit={onJump} aria-label="Jump to row">
          <label>
            Jump to row{' '}
            <input
              type="number"
              data-testid="jump-index"
              min={1}
              max={total}
              value={target}
              onChange={(event) => setTarget(event.target.value)}
            />
          </label>
          <select
            data-testid="jump-align"
            aria-label="Align"
            value={align}
            onChange={(event) => setAlign(event.target.value as ScrollAlign)}
          >
            {ALIGNS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <label>
            <input
              type="checkbox"
              data-testid="jump-smooth"
              checked={smooth}
              onChange={(event) => setSmooth(event.target.checked)}
            />{' '}
            Smooth
          </label>
          <button type="submit" data-testid="jump-go">
            Jump
          </button>
        </form>
      </div>
      {/* Its items never break inside (a line breaks only at a " · "), and it is as tall as its
          widest text would be (statusReserve, drawn hidden under it), so a longer range while
          scrolling, or the churn note, does not move or shrink the list below. */}
      <p
        className="list-status table-status"
        data-testid="table-status"
        data-first={list.range?.start ?? ''}
        data-moves={moves.count}
        data-reserve={joinStatus(statusReserve(total, scaledNote, churn || moves.count > 0))}
      >
        <span>
          <StatusItems
            items={[
              `${list.count.toLocaleString('en')} rows`,
              list.range &&
                `showing ${(list.range.start + 1).toLocaleString('en')}–${list.range.end.toLocaleString('en')}`,
              list.status,
              `${formatCount(list.stats.pagesInMemory, 'page')} in memory`,
              formatCount(list.stats.requests, 'request'),
              scaledNote,
              // The server's rows moved under the pages held (the fault panel's churn): refetched around the rows read.
              moves.count > 0 &&
                `rows moved on the server ${formatCount(moves.count, 'time')}${moves.refetching ? ', refetching' : ''}`,
            ]}
          />
        </span>
      </p>
      {note && (
        <p
          className="note"
          role="status"
          data-testid="restore-note"
          data-row={firstView?.row}
          data-requests={firstView?.requests}
          data-pages-from-cache={firstView?.pagesFromCache}
        >
          {note}
        </p>
      )}
      <ListError status={list.status} error={list.error} retry={list.retry} />
      <ItemHeader />
      <section
        ref={ref}
        className="scroller fill"
        aria-label="Items table"
        data-testid="table-scroller"
        data-scaled={list.scaled}
        onKeyDown={list.onKeyDown}
        {...listDataAttributes(list)}
      >
        <ul className="spacer" aria-label="Items" style={{ height: list.totalSize }}>
          {list.rows.map((row) => {
            // A placeholder or a failed row takes the estimate; a loaded row of the dynamic mode is as
            // tall as its text (measured), every row of the fixed mode 36 px: rows of a known size,
            // not measured (docs/virtual-list.md, decision 0086).
            const height = dynamic ? DYNAMIC_ESTIMATE : ROW_HEIGHT;
            const loaded = row.state.status === 'loaded';
            return (
              <li
                key={row.key}
                ref={dynamic ? list.measureElement : undefined}
                className="row"
                data-index={row.index}
                data-id={row.state.status === 'loaded' ? row.state.item.id : undefined}
                data-state={row.state.status}
                data-stale={row.state.status === 'loaded' ? row.state.stale === true : undefined}
                data-attempt={row.state.status === 'loading' ? row.state.attempt : undefined}
                aria-setsize={list.count}
                aria-posinset={row.index + 1}
                aria-busy={row.state.status !== 'loaded'}
                tabIndex={row.index === tabbable ? 0 : -1}
                style={{
                  height: dynamic && loaded ? undefined : height,
                  transform: `translateY(${row.start}px)`,
                }}
              >
                {row.state.status === 'loaded' ? (
                  <ItemRow index={row.index} item={row.state.item} dynamic={dynamic} />
                ) : row.state.status === 'error' ? (
                  <FailedRow
                    height={height}
                    page={Math.floor(row.index / pageSize)}
                    pageSize={pageSize}
                    count={list.count}
                    error={row.state.error}
                    first={
                      row.index >= inViewFrom && firstOfPage(failedPages, Math.floor(row.index / pageSize))
                    }
                    retry={list.retry}
                  />
                ) : row.state.status === 'loading' && row.state.attempt !== undefined ? (
                  <RetryingRow
                    height={height}
                    lines={dynamic ? 3 : 1}
                    page={Math.floor(row.index / pageSize)}
                    pageSize={pageSize}
                    count={list.count}
                    attempt={row.state.attempt}
                    attempts={row.state.attempts ?? row.state.attempt}
                    lastError={row.state.lastError}
                    first={
                      row.index >= inViewFrom && firstOfPage(retryingPages, Math.floor(row.index / pageSize))
                    }
                  />
                ) : (
                  <RowSkeleton height={height} lines={dynamic ? 3 : 1} />
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
