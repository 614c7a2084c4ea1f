import type { Item } from '@lazyflow/mocks';
import { useLazyData } from '@lazyflow/react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type FormEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { FailedRow } from '../components/FailedRow.tsx';
import { ListError } from '../components/ListError.tsx';
import { PageIntro } from '../components/PageIntro.tsx';
import { RetryingRow } from '../components/RetryingRow.tsx';
import { RowSkeleton } from '../components/RowSkeleton.tsx';
import { firstOfPage } from '../lib/firstOfPage.ts';
import { formatCount } from '../lib/formatCount.ts';
import { itemsSource } from '../lib/sources.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const TOTAL = 1_000_000;
// 1,000,000 rows of 30 px = 30,000,000 px: under Chrome's 33.5M px element limit, which TanStack
// Virtual (positions in real pixels) cannot go past. useLazyList maps longer lists; this page
// shows lazyflow's data engine under a virtualizer an app already has.
const ROW = 30;

/** TanStack Virtual renders; lazyflow loads: random access, prefetch by speed, bounded memory. */
export function VirtualizerPage() {
  const ref = useRef<HTMLDivElement>(null);
  const source = useMemo(() => itemsSource(TOTAL), []);
  const data = useLazyData<Item>({ key: ['demo-virtualizer', TOTAL], source, prefetch: 2 });
  const virtualizer = useVirtualizer({
    count: data.count,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  const { range } = virtualizer;
  const start = range?.startIndex ?? 0;
  const end = (range?.endIndex ?? 20) + 1;
  // After each render: the rows on screen now are the list's window (speed and direction follow).
  useLayoutEffect(() => data.followRange(start, end), [data.followRange, start, end]);
  useReportStats('TanStack Virtual', data);
  const [target, setTarget] = useState('500000');
  // A failed or retrying page says so on its first row in view, as on the Table (decision 0025).
  const pageSize = data.stats.pageSize || 1;
  const failedPages = new Set<number>();
  const retryingPages = new Set<number>();
  const jump = (event: FormEvent) => {
    event.preventDefault();
    // A row number as the list shows it (from 1); the virtualizer is given its index.
    const row = Math.max(1, Math.min(TOTAL, Number(target.replaceAll(/[\s,_]/g, '')) || 1));
    virtualizer.scrollToIndex(row - 1, { align: 'start' });
  };
  return (
    <section className="page-fill">
      <PageIntro
        title="TanStack Virtual"
        tryThis="jump to row 500,000: only the pages there are fetched, as on the Table, with TanStack's virtualizer doing the rendering."
        code={
          <>
            <code>useLazyData</code>: <code>count</code> and <code>getItem(i)</code> for{' '}
            <code>@tanstack/react-virtual</code>, <code>followRange(start, end)</code> back after each render
          </>
        }
      >
        Already using TanStack Virtual? Keep it, and take only lazyflow's data engine: paging, jumps and
        memory held to a budget. (Lists past 33.5M px and zero-jitter dynamic heights stay with lazyflow's own
        list.)
      </PageIntro>
      <form className="controls" onSubmit={jump}>
        <label>
          Row <input data-testid="tv-jump-index" value={target} onChange={(e) => setTarget(e.target.value)} />
        </label>
        <button type="submit" data-testid="tv-jump-go">
          Jump
        </button>
      </form>
      <p className="list-status" data-testid="tv-status">
        {data.count.toLocaleString('en')} rows · rows {(start + 1).toLocaleString('en')}–
        {Math.min(end, data.count).toLocaleString('en')} · {formatCount(data.stats.requests, 'request')} ·{' '}
        {formatCount(data.stats.pagesInMemory, 'page')} in memory
      </p>
      <ListError status={data.status} error={data.error} retry={data.retry} />
      <div ref={ref} className="scroller fill" data-testid="tv-scroller" data-count={data.count}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const state = data.getItem(row.index);
            const page = Math.floor(row.index / pageSize);
            return (
              <div
                key={row.key}
                className="row tv-row"
                data-index={row.index}
                data-state={state.status}
                data-attempt={state.status === 'loading' ? state.attempt : undefined}
                style={{
                  position: 'absolute',
                  top: 0,
                  width: '100%',
                  height: ROW,
                  transform: `translateY(${row.start}px)`,
                }}
              >
                {state.status === 'loaded' ? (
                  <>
                    <span className="row-number">{(row.index + 1).toLocaleString('en')}</span>{' '}
                    <span className="tv-title">{state.item.title}</span>
                  </>
                ) : state.status === 'error' ? (
                  <FailedRow
                    height={ROW}
                    page={page}
                    pageSize={pageSize}
                    count={data.count}
                    error={state.error}
                    first={row.index >= start && firstOfPage(failedPages, page)}
                    retry={data.retry}
                  />
                ) : state.status === 'loading' && state.attempt !== undefined ? (
                  <RetryingRow
                    height={ROW}
                    lines={1}
                    page={page}
                    pageSize={pageSize}
                    count={data.count}
                    attempt={state.attempt}
                    attempts={state.attempts ?? state.attempt}
                    lastError={state.lastError}
                    first={row.index >= start && firstOfPage(retryingPages, page)}
                  />
                ) : (
                  <RowSkeleton height={ROW} />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
