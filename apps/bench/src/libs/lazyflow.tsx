// lazyflow: `useLazyList` over an offsetSource, as in docs/lazy-list.md and the hook's API (issue #5).
// Random access: a jump fetches only the pages at the target. Warm reload adds `cache: idbCache(…)`
// (docs/cache.md), nothing else: the list stores its scroll position beside the pages each time
// scrolling settles and lands on it after the reload.
import type { Item } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { memo, useRef } from 'react';
import type { Heights, ListPageProps } from '../shared/params.ts';
import { Placeholder, ROW_HEIGHT, Row } from '../shared/Row.tsx';
import { useBenchHandle } from '../shared/useBenchHandle.ts';
import { benchCache } from './persist/lazyflowCache.ts';
import { useItemsSource } from './useItemsSource.ts';

export default function LazyflowPage({ total, pageSize, heights, persist }: ListPageProps) {
  const ref = useRef<HTMLDivElement>(null);
  const source = useItemsSource(total, pageSize);
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
          <LazyRow
            key={r.key}
            index={r.index}
            start={r.start}
            item={r.state.status === 'loaded' ? r.state.item : null}
            heights={heights}
            measure={list.measureElement}
          />
        ))}
      </div>
    </div>
  );
}

/**
 * One row, re-rendered only when its item or position changed (a scroll commits the list every
 * frame; most rows in it stay as they were): what an app would write, and what issue #16 asks.
 */
const LazyRow = memo(function LazyRow(props: {
  index: number;
  start: number;
  item: Item | null;
  heights: Heights;
  measure: (element: Element | null) => (() => void) | undefined;
}) {
  const { index, start, item, heights, measure } = props;
  return (
    <div
      ref={measure}
      data-index={index}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${start}px)` }}
    >
      {item !== null ? (
        <Row index={index} item={item} heights={heights} />
      ) : (
        <Placeholder index={index} heights={heights} />
      )}
    </div>
  );
});
