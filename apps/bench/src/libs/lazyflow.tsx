// lazyflow: `useLazyList` over an offsetSource, as in docs/lazy-list.md and the hook's API (issue #5).
// Random access: a jump fetches only the pages at the target. Warm reload adds `cache: idbCache(…)`
// (docs/cache.md), nothing else: the list stores its scroll position beside the pages each time
// scrolling settles and lands on it after the reload.
import { offsetSource } from '@lazyflow/core';
import type { Item } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { useMemo, useRef } from 'react';
import { fetchItems } from '../shared/fetchItems.ts';
import type { ListPageProps } from '../shared/params.ts';
import { Placeholder, ROW_HEIGHT, Row } from '../shared/Row.tsx';
import { useBenchHandle } from '../shared/useBenchHandle.ts';
import { benchCache } from './persist/lazyflowCache.ts';

export default function LazyflowPage({ total, pageSize, heights, persist }: ListPageProps) {
  const ref = useRef<HTMLDivElement>(null);
  const source = useMemo(
    () =>
      offsetSource<Item>({
        pageSize,
        fetchPage: ({ offset, limit, signal }) => fetchItems({ offset, limit, total, signal }),
      }),
    [pageSize, total],
  );
  const list = useLazyList<Item>({
    key: ['bench-items', total, pageSize],
    source,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 5,
    cache: persist ? benchCache : undefined,
  });

  useBenchHandle({
    jumpTo: (index) => list.scrollToIndex(index, { align: 'start' }),
    heldRows: () => list.stats.pagesInMemory * pageSize,
  });

  return (
    <div ref={ref} className="scroller">
      <div style={{ height: list.totalSize, position: 'relative' }}>
        {list.rows.map((r) => (
          <div
            key={r.key}
            ref={list.measureElement}
            data-index={r.index}
            style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${r.start}px)` }}
          >
            {r.state.status === 'loaded' ? (
              <Row index={r.index} item={r.state.item} heights={heights} />
            ) : (
              <Placeholder index={r.index} heights={heights} />
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
