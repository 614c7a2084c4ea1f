// react-virtuoso with `endReached`, as in its "Endless Scrolling" example:
// https://virtuoso.dev/react-virtuoso/virtuoso/endless-scrolling/
// (`data` grows by one page per `endReached`, `increaseViewportBy={200}`, a "Loading..." Footer).
// Fixed-height scenarios pass `fixedItemHeight`, which its API docs recommend when items have a
// known size ("causes the component to skip item measurements").
// No random access: going to row N loads every page before it, in order.
// Warm reload: `getState()` saved and passed back as `restoreStateFrom` (its API docs: "the
// previously measured item sizes and the scroll location"); the data itself is refetched.
import type { Item } from '@lazyflow/mocks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type StateSnapshot, Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { fetchItems } from '../shared/fetchItems.ts';
import type { ListPageProps } from '../shared/params.ts';
import { LoadingMore, ROW_HEIGHT, Row } from '../shared/Row.tsx';
import { useBenchHandle } from '../shared/useBenchHandle.ts';
import { readSaved, useSaveOnPageHide } from './persist/sessionScroll.ts';

const Footer = () => <LoadingMore />;

export default function VirtuosoPage({ total, pageSize, heights, persist }: ListPageProps) {
  const virtuoso = useRef<VirtuosoHandle>(null);
  const [saved] = useState(() => (persist ? readSaved<StateSnapshot>('virtuoso') : undefined));
  useSaveOnPageHide(persist ? 'virtuoso' : null, () => {
    let state: StateSnapshot | undefined;
    virtuoso.current?.getState((snapshot) => {
      state = snapshot;
    });
    return state;
  });
  const [items, setItems] = useState<Item[]>([]);
  const loaded = useRef<Item[]>([]);
  const inFlight = useRef<Promise<void> | null>(null);

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

  // Going to row N: load page after page until N is loaded, then scrollToIndex.
  const [jumpTarget, setJumpTarget] = useState<number | null>(null);
  useEffect(() => {
    if (jumpTarget === null || items.length <= jumpTarget) return;
    virtuoso.current?.scrollToIndex({ index: jumpTarget, align: 'start' });
    setJumpTarget(null);
  }, [jumpTarget, items.length]);

  useBenchHandle({
    jumpTo: async (index) => {
      setJumpTarget(index);
      while (loaded.current.length <= index && loaded.current.length < total) await loadMore();
    },
    heldRows: () => loaded.current.length,
  });

  return (
    <Virtuoso
      ref={virtuoso}
      className="scroller"
      data={items}
      endReached={loadMore}
      increaseViewportBy={200}
      fixedItemHeight={heights === 'fixed' ? ROW_HEIGHT : undefined}
      restoreStateFrom={saved}
      itemContent={(index, item) => <Row index={index} item={item} heights={heights} />}
      components={{ Footer }}
    />
  );
}
