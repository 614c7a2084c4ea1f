// virtua `VList` with its documented load-more pattern, the "Infinite Scrolling" story of VList:
// https://inokawa.github.io/virtua/?path=/story/basics-vlist--infinite-scrolling
// (source: stories/react/basics/VList.stories.tsx in inokawa/virtua): in `onScroll`, when
// `findItemIndex(scrollOffset + viewportSize) + 50 > count` and this count was not fetched yet,
// fetch and append. Items are passed as `data` with a render function, the lazy form its API
// docs give for large lists, instead of an array of elements.
// No random access: going to row N loads every page before it, in order.
// Warm reload: the VList "Scroll restoration" story (`handle.scrollOffset` + `handle.cache` saved,
// `cache` passed back and `scrollTo(offset)` applied). The story scrolls on mount, where its data
// is synchronous; here data arrives with the first page, so the offset is applied then.
import type { Item } from '@lazyflow/mocks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type CacheSnapshot, VList, type VListHandle } from 'virtua';
import { fetchItems } from '../shared/fetchItems.ts';
import type { ListPageProps } from '../shared/params.ts';
import { Row } from '../shared/Row.tsx';
import { useBenchHandle } from '../shared/useBenchHandle.ts';
import { readSaved, useSaveOnPageHide } from './persist/sessionScroll.ts';

const THRESHOLD = 50;

interface SavedScroll {
  offset: number;
  cache: CacheSnapshot;
}

export default function VirtuaPage({ total, pageSize, heights, persist }: ListPageProps) {
  const ref = useRef<VListHandle>(null);
  const [saved] = useState(() => (persist ? readSaved<SavedScroll>('virtua') : undefined));
  useSaveOnPageHide(persist ? 'virtua' : null, () =>
    ref.current ? { offset: ref.current.scrollOffset, cache: ref.current.cache } : undefined,
  );
  const [items, setItems] = useState<Item[]>([]);
  const loaded = useRef<Item[]>([]);
  const inFlight = useRef<Promise<void> | null>(null);
  const fetchedCountRef = useRef(-1);
  const count = items.length;

  const loadMore = useCallback((): Promise<void> => {
    inFlight.current ??= fetchItems({ offset: loaded.current.length, limit: pageSize, total })
      .then((page) => {
        loaded.current = [...loaded.current, ...page.items];
        setItems(loaded.current);
      })
      .finally(() => {
        inFlight.current = null;
      });
    return inFlight.current;
  }, [pageSize, total]);

  useEffect(() => {
    loadMore();
  }, [loadMore]);

  const restored = useRef(false);
  useEffect(() => {
    if (!saved || restored.current || count === 0) return;
    restored.current = true;
    ref.current?.scrollTo(saved.offset);
  }, [saved, count]);

  // Going to row N: load page after page until N is loaded, then scrollToIndex.
  const [jumpTarget, setJumpTarget] = useState<number | null>(null);
  useEffect(() => {
    if (jumpTarget === null || count <= jumpTarget) return;
    ref.current?.scrollToIndex(jumpTarget, { align: 'start' });
    setJumpTarget(null);
  }, [jumpTarget, count]);

  useBenchHandle({
    jumpTo: async (index) => {
      setJumpTarget(index);
      while (loaded.current.length <= index && loaded.current.length < total) await loadMore();
    },
    heldRows: () => loaded.current.length,
  });

  return (
    <VList
      ref={ref}
      className="scroller"
      data={items}
      cache={saved?.cache}
      onScroll={async () => {
        const list = ref.current;
        if (!list || count >= total) return;
        if (
          fetchedCountRef.current < count &&
          list.findItemIndex(list.scrollOffset + list.viewportSize) + THRESHOLD > count
        ) {
          fetchedCountRef.current = count;
          await loadMore();
        }
      }}
    >
      {(item, index) => <Row key={item.id} index={index} item={item} heights={heights} />}
    </VList>
  );
}
