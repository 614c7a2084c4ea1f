import { listDataAttributes, type ScrollAlign } from '@lazyflow/core';
import type { Item } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { ItemRow } from '../components/ItemRow.tsx';
import { ListError } from '../components/ListError.tsx';
import { RowSkeleton } from '../components/RowSkeleton.tsx';
import { formatCount } from '../lib/formatCount.ts';
import { itemsCache } from '../lib/itemsCache.ts';
import { bodyLines, DYNAMIC_ESTIMATE, ROW_HEIGHT, rowHeight } from '../lib/rowHeight.ts';
import { readScroll, usePersistedScroll } from '../lib/scrollStore.ts';
import { itemsKey, itemsSource } from '../lib/sources.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const TOTALS = [1_000_000, 100_000_000];
const ALIGNS: readonly ScrollAlign[] = ['start', 'center', 'end'];

interface Mode {
  total: number;
  dynamic: boolean;
}

/** A million-row (or 100-million-row) table on useLazyList over `/api/items`. */
export function TablePage() {
  const [mode, setMode] = useState<Mode>({ total: 1_000_000, dynamic: false });
  return (
    <section>
      <h1>Table</h1>
      <p>
        Random access over <code>/api/items</code> with <code>useLazyList</code>: a jump fetches only the
        pages at the target; 100,000,000 rows scroll 1:1 although the browser cannot make an element that
        tall. The position is restored by key after a route change or a reload, and pages seen before come
        back from IndexedDB (<code>idbCache</code>) before the network answers.
      </p>
      {/* A new layout is a new list; its position carries over through the scroll store. */}
      <TableView key={`${mode.total}:${mode.dynamic}`} {...mode} onMode={setMode} />
    </section>
  );
}

function TableView({ total, dynamic, onMode }: Mode & { onMode: (mode: Mode) => void }) {
  const ref = useRef<HTMLElement>(null);
  const key = itemsKey(total); // the menu prefetches page 0 under the same key
  const storageKey = JSON.stringify(key); // the position is saved under the list's key
  const layout = dynamic ? 'dynamic' : 'fixed';
  const [restore] = useState(() => readScroll(storageKey, layout));
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
  });
  const persist = usePersistedScroll(storageKey, layout, list.saveScroll);
  useReportStats('Table', list.stats);
  const [target, setTarget] = useState('500000');
  const [align, setAlign] = useState<ScrollAlign>('start');

  const change = (next: Mode) => {
    persist();
    onMode(next);
  };
  const jump = (event: FormEvent) => {
    event.preventDefault();
    const index = Number(target.replaceAll(/[\s,_]/g, ''));
    if (Number.isInteger(index) && index >= 0) list.scrollToIndex(index, { align });
  };
  // Roving tabindex: one row is in the tab order, the focused one or else the first rendered.
  const tabbable = list.focusedIndex ?? list.rows[0]?.index;

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
            {TOTALS.map((n) => (
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
        <form onSubmit={jump} aria-label="Jump to row">
          <label>
            Jump to index{' '}
            <input
              type="number"
              data-testid="jump-index"
              min={0}
              max={total - 1}
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
          <button type="submit" data-testid="jump-go">
            Jump
          </button>
        </form>
      </div>
      <p className="list-status" data-testid="table-status" data-first={list.range?.start ?? ''}>
        {list.count.toLocaleString('en')} rows
        {list.range &&
          ` · showing ${(list.range.start + 1).toLocaleString('en')}–${list.range.end.toLocaleString('en')}`}
        {` · ${list.status} · ${formatCount(list.stats.pagesInMemory, 'page')} in memory · ${formatCount(list.stats.requests, 'request')}`}
        {list.scaled &&
          ` · ${(list.virtualSize / 1e6).toFixed(0)}M px mapped onto ${(list.totalSize / 1e6).toFixed(0)}M px`}
      </p>
      <ListError status={list.status} error={list.error} retry={list.retry} />
      <section
        ref={ref}
        className="scroller"
        aria-label="Items table"
        data-testid="table-scroller"
        data-scaled={list.scaled}
        onKeyDown={list.onKeyDown}
        {...listDataAttributes(list)}
      >
        <ul className="spacer" aria-label="Items" style={{ height: list.totalSize }}>
          {list.rows.map((row) => {
            const height = rowHeight(row.index, dynamic);
            return (
              <li
                key={row.key}
                ref={list.measureElement}
                className="row"
                data-index={row.index}
                data-state={row.state.status}
                data-stale={row.state.status === 'loaded' ? row.state.stale === true : undefined}
                aria-setsize={list.count}
                aria-posinset={row.index + 1}
                aria-busy={row.state.status !== 'loaded'}
                tabIndex={row.index === tabbable ? 0 : -1}
                style={{ height, transform: `translateY(${row.start}px)` }}
              >
                {row.state.status === 'loaded' ? (
                  <ItemRow index={row.index} item={row.state.item} dynamic={dynamic} />
                ) : (
                  <RowSkeleton height={height} lines={dynamic ? 1 + bodyLines(row.index) : 1} />
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
