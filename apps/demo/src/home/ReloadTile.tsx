// The reload tile: a list on an IndexedDB cache is opened at row 123,456 and its pages written to
// IndexedDB; then the page really reloads (`location.reload()`: a new document, so nothing of the
// list, its QueryClient or any module's memory is left) and the tile, finding its run pending in
// sessionStorage, opens the list again on the saved position: the rows come back from IndexedDB
// before the server answers anything. A remount inside the page could only claim that nothing in
// memory was reused; a reload makes it so.
import { idbCache, type SavedScroll } from '@lazyflow/core';
import type { Item } from '@lazyflow/mocks';
import { type UseLazyListResult, useLazyList } from '@lazyflow/react';
import { QueryClient } from '@tanstack/query-core';
import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { formatCount } from '../lib/formatCount.ts';
import { type FeatFigure, FeatTile } from './FeatTile.tsx';
import { count, countedItems, loadedInView, until } from './liveRun.ts';
import { MINI_ROW, MiniList } from './MiniList.tsx';

/** The tile's own IndexedDB tier (database `lazyflow-cache:demo-home`), apart from the Table's. */
const homeCache = idbCache({ name: 'demo-home', version: 1, ttlMs: 3_600_000, maxBytes: 5_000_000 });
const TOTAL = 1_000_000;
const TARGET = 123_455; // row 123,456: rows are numbered from 1 on screen, indexes from 0
/** sessionStorage: the position saved before the tile reloaded the page (the run's second half is due). */
const PENDING_KEY = 'lazyflow-demo:reload-tile';

/** The saved position of a run that reloaded the page, or null (none pending, or unreadable). */
function pendingRun(): SavedScroll | null {
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    const saved = raw === null ? null : (JSON.parse(raw) as SavedScroll);
    return typeof saved?.anchorKey === 'number' && Array.isArray(saved.sizes) ? saved : null;
  } catch {
    return null;
  }
}

/** One visit: a list with its own QueryClient (nothing in memory from before) and request count. */
interface Visit {
  readonly id: number;
  readonly client: QueryClient;
  readonly restore: SavedScroll;
  readonly counted: ReturnType<typeof countedItems>;
  /**
   * Set in the commit that first shows row 123,456 loaded: what the server had answered then and
   * whether the row was a cached copy. Read in that commit, not by a later poll, which a fast
   * revalidation could beat (the row already fresh, the answer counted).
   */
  readonly first: { shown?: { answered: number; stale: boolean } };
}

const visit = (id: number, restore: SavedScroll): Visit => ({
  id,
  client: new QueryClient(),
  restore,
  counted: countedItems(TOTAL),
  first: {},
});

function VisitList({
  visit: v,
  latest,
  scroller,
  mounted,
}: {
  visit: Visit;
  latest: RefObject<UseLazyListResult<Item> | null>;
  scroller: RefObject<HTMLDivElement | null>;
  /** The id of the visit whose list is in the DOM now. */
  mounted: RefObject<number>;
}) {
  const list = useLazyList<Item>({
    key: ['home', 'reload', TOTAL],
    source: v.counted.source,
    queryClient: v.client,
    cache: homeCache,
    restore: v.restore,
    getScrollElement: () => scroller.current,
    estimateSize: () => MINI_ROW,
    overscan: 2,
  });
  latest.current = list;
  useLayoutEffect(() => {
    mounted.current = v.id;
  }, [mounted, v.id]);
  useLayoutEffect(() => {
    if (v.first.shown !== undefined) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${TARGET}"]`);
    if (row?.dataset.state === 'loaded')
      v.first.shown = { answered: v.counted.answered(), stale: row.dataset.stale === 'true' };
  });
  return <MiniList list={list} scroller={scroller} testId="feat-reload-list" />;
}

/** Open, reload the page, come back: how many requests showing row 123,456 again took. */
export function ReloadTile() {
  const scroller = useRef<HTMLDivElement>(null);
  const latest = useRef<UseLazyListResult<Item> | null>(null);
  const [current, setCurrent] = useState<Visit | null>(null);
  const shown = useRef<Visit | null>(null);
  const mounted = useRef(0);
  // Read at the first render: a run that reloaded the page goes on in this document.
  const [pending] = useState(pendingRun);
  const open = async (next: Visit) => {
    shown.current = next;
    setCurrent(next);
    await until(
      () => mounted.current === next.id && loadedInView(scroller.current, TARGET),
      `row ${count(TARGET + 1)} on screen`,
    );
  };
  const run = async (): Promise<FeatFigure> => {
    const first = visit((shown.current?.id ?? 0) + 1, { anchorKey: TARGET, offsetInItem: 0, sizes: [] });
    await open(first);
    // Every page the list holds is in IndexedDB once it has counted as many writes (a write is
    // counted when its transaction is done, so the reload cannot cut it off).
    await until(() => {
      const stats = latest.current?.stats;
      return stats !== undefined && stats.cacheWrites > 0 && stats.cacheWrites >= stats.pagesInMemory;
    }, 'pages written to IndexedDB');
    const saved = latest.current?.saveScroll() ?? first.restore;
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(saved));
    window.location.reload();
    return new Promise<never>(() => {}); // this document is going; the next one measures
  };
  const comeBack = async (saved: SavedScroll): Promise<FeatFigure> => {
    sessionStorage.removeItem(PENDING_KEY);
    const again = visit(1, saved);
    await open(again);
    // What the server had answered when the row showed: it came from IndexedDB if none.
    const answered = again.first.shown?.answered ?? again.counted.answered();
    const fromCache = again.first.shown?.stale === true;
    // The list's counters are published a moment later; the revalidation of the rows on screen follows.
    await until(
      () => (latest.current?.stats.cacheReads ?? 0) > 0 || !fromCache,
      'the cache reads counted',
      5_000,
    );
    const reads = latest.current?.stats.cacheReads ?? 0;
    return {
      text: (
        <>
          After a real page reload, back on row <strong>{count(TARGET + 1)}</strong> with{' '}
          <strong>{formatCount(answered, 'request')}</strong> answered:{' '}
          {fromCache
            ? `${count(reads)} ${reads === 1 ? 'page' : 'pages'} read from IndexedDB, shown at once, then revalidated.`
            : 'the rows came from the server, not from IndexedDB.'}
        </>
      ),
      data: { requests: answered, reads, 'from-cache': String(fromCache), row: TARGET, reloaded: 'true' },
    };
  };
  return (
    <FeatTile
      id="reload"
      title="Reload on the same row, 0 requests"
      look="Run it: the list opens at row 123,456 and writes its pages to IndexedDB, the page reloads (nothing left in memory), and the list opens again from its IndexedDB cache."
      peers="Query persisters write the whole cache as one blob on every change."
      to="/table?jump=123456"
      run={run}
      resume={pending && (() => comeBack(pending))}
    >
      {current === null ? (
        <div className="scroller mini-list mini-empty" data-testid="feat-reload-list">
          <p className="muted">{pending ? 'Reloaded: opening the list again…' : 'Nothing open yet.'}</p>
        </div>
      ) : (
        <VisitList key={current.id} visit={current} latest={latest} scroller={scroller} mounted={mounted} />
      )}
    </FeatTile>
  );
}
