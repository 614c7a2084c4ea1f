// TanStack Virtual + TanStack Query, the official infinite-scroll pattern:
// https://tanstack.com/virtual/latest/docs/framework/react/examples/infinite-scroll
// (useInfiniteQuery, flattened pages, a loader row after the last item, fetchNextPage when the
// loader row is rendered). Fixed rows use `virtualRow.size` as in that example; the dynamic
// scenario measures rows with `measureElement` + `data-index` in the layout of the "dynamic"
// example: https://tanstack.com/virtual/latest/docs/framework/react/examples/dynamic
// No random access: going to row N loads every page before it, in order.
// Warm reload: the virtualizer's documented restore, `scrollOffset` + `takeSnapshot()` saved and
// passed back as `initialOffset` + `initialMeasurementsCache`. The query data is not persisted:
// TanStack Query needs `@tanstack/react-query-persist-client` for that, which the bench does not
// install, so the reload refetches from the network.
import { QueryClient, QueryClientProvider, useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { fetchItems } from '../shared/fetchItems.ts';
import type { ListPageProps } from '../shared/params.ts';
import { LoadingMore, ROW_HEIGHT, Row } from '../shared/Row.tsx';
import { useBenchHandle } from '../shared/useBenchHandle.ts';
import { readSaved, useSaveOnPageHide } from './persist/sessionScroll.ts';

const queryClient = new QueryClient();

interface SavedScroll {
  offset: number;
  measurements: VirtualItem[];
}

function InfiniteList({ total, pageSize, heights, persist }: ListPageProps) {
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useInfiniteQuery({
    queryKey: ['bench-items', total, pageSize],
    queryFn: ({ pageParam, signal }) =>
      fetchItems({ offset: pageParam * pageSize, limit: pageSize, total, signal }),
    initialPageParam: 0,
    getNextPageParam: (lastPage, pages) =>
      pages.length * pageSize < lastPage.total ? pages.length : undefined,
  });

  const allRows = data ? data.pages.flatMap((d) => d.items) : [];

  const parentRef = useRef<HTMLDivElement>(null);
  const [saved] = useState(() => (persist ? readSaved<SavedScroll>('tanstack') : undefined));
  const rowVirtualizer = useVirtualizer({
    count: hasNextPage ? allRows.length + 1 : allRows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 5,
    ...(saved ? { initialOffset: saved.offset, initialMeasurementsCache: saved.measurements } : {}),
  });
  useSaveOnPageHide(persist ? 'tanstack' : null, () => ({
    offset: rowVirtualizer.scrollOffset ?? 0,
    measurements: rowVirtualizer.takeSnapshot(),
  }));
  const virtualItems = rowVirtualizer.getVirtualItems();

  useEffect(() => {
    const lastItem = virtualItems.at(-1);
    if (!lastItem) return;
    if (lastItem.index >= allRows.length - 1 && hasNextPage && !isFetchingNextPage) {
      fetchNextPage();
    }
  }, [hasNextPage, fetchNextPage, allRows.length, isFetchingNextPage, virtualItems]);

  // Going to row N: fetch page after page until N is loaded, then scrollToIndex.
  const [jumpTarget, setJumpTarget] = useState<number | null>(null);
  useEffect(() => {
    if (jumpTarget === null || allRows.length <= jumpTarget) return;
    rowVirtualizer.scrollToIndex(jumpTarget, { align: 'start' });
    setJumpTarget(null);
  }, [jumpTarget, allRows.length, rowVirtualizer]);

  useBenchHandle({
    jumpTo: async (index) => {
      setJumpTarget(index);
      let result = await fetchNextPage({ cancelRefetch: false });
      while (result.hasNextPage && (result.data?.pages.length ?? 0) * pageSize <= index) {
        result = await fetchNextPage({ cancelRefetch: false });
      }
    },
    heldRows: () => allRows.length,
  });

  const row = (index: number) => {
    const item = allRows[index];
    return item ? <Row index={index} item={item} heights={heights} /> : <LoadingMore />;
  };

  if (heights === 'dynamic') {
    // The "dynamic" example's layout: measured rows in normal flow inside one translated
    // wrapper, and a scroll element with `contain: strict` and `overflow-anchor: none`.
    return (
      <div ref={parentRef} className="scroller" style={{ contain: 'strict', overflowAnchor: 'none' }}>
        <div style={{ height: rowVirtualizer.getTotalSize(), width: '100%', position: 'relative' }}>
          <div
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              transform: `translateY(${virtualItems[0]?.start ?? 0}px)`,
            }}
          >
            {virtualItems.map((virtualRow) => (
              <div key={virtualRow.key} data-index={virtualRow.index} ref={rowVirtualizer.measureElement}>
                {row(virtualRow.index)}
              </div>
            ))}
          </div>
        </div>
      </div>
    );
  }

  return (
    <div ref={parentRef} className="scroller">
      <div style={{ height: rowVirtualizer.getTotalSize(), width: '100%', position: 'relative' }}>
        {virtualItems.map((virtualRow) => (
          <div
            key={virtualRow.index}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              height: virtualRow.size,
              transform: `translateY(${virtualRow.start}px)`,
            }}
          >
            {row(virtualRow.index)}
          </div>
        ))}
      </div>
    </div>
  );
}

export default function TanstackPage(props: ListPageProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <InfiniteList {...props} />
    </QueryClientProvider>
  );
}
