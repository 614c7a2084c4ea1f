// react-window v2 `List` + react-window-infinite-loader v2 `useInfiniteLoader`, as in the loader's
// README (https://github.com/bvaughn/react-window-infinite-loader#readme): `isRowLoaded`,
// `loadMoreRows(startIndex, stopIndex)` and `rowCount`, the onRowsRendered it returns passed to
// `List`. The loader asks for index ranges, so with the dataset's size as `rowCount` this pattern
// has random access (rows are kept in a sparse Map, as in the react-virtualized InfiniteLoader
// docs it is modelled on); `minimumBatchSize` is the bench's page size. The dynamic scenario uses
// `useDynamicRowHeight` (react-window's API docs for rows measured after render).
// Warm reload: react-window has no scroll-state API; the List's `defaultScrollOffset` prop
// ("applied once, when the list first mounts with at least one row") takes the saved scrollTop,
// and the loader fetches the rows there from the network.
import type { Item } from '@lazyflow/mocks';
import { useCallback, useEffect, useState } from 'react';
import { List, type RowComponentProps, useDynamicRowHeight, useListRef } from 'react-window';
import { useInfiniteLoader } from 'react-window-infinite-loader';
import { fetchItems } from '../shared/fetchItems.ts';
import type { Heights, ListPageProps } from '../shared/params.ts';
import { Placeholder, ROW_HEIGHT, Row } from '../shared/Row.tsx';
import { useBenchHandle } from '../shared/useBenchHandle.ts';
import { readSaved, useSaveOnPageHide } from './persist/sessionScroll.ts';

interface RowProps {
  rows: Map<number, Item>;
  heights: Heights;
  /** Bumped when rows arrive, so List re-renders its rows. */
  version: number;
}

function WindowRow({ index, style, ariaAttributes, rows, heights }: RowComponentProps<RowProps>) {
  const item = rows.get(index);
  return (
    <div style={style} {...ariaAttributes}>
      {item ? (
        <Row index={index} item={item} heights={heights} />
      ) : (
        <Placeholder index={index} heights={heights} />
      )}
    </div>
  );
}

export default function ReactWindowPage({ total, pageSize, heights, persist }: ListPageProps) {
  const listRef = useListRef(null);
  const [saved] = useState(() => (persist ? readSaved<number>('react-window') : undefined));
  useSaveOnPageHide(persist ? 'react-window' : null, () => listRef.current?.element?.scrollTop);
  const [rows] = useState(() => new Map<number, Item>());
  const [version, setVersion] = useState(0);
  const [rowCount, setRowCount] = useState(0);

  const isRowLoaded = useCallback((index: number) => rows.has(index), [rows]);
  const loadMoreRows = useCallback(
    async (startIndex: number, stopIndex: number) => {
      const page = await fetchItems({ offset: startIndex, limit: stopIndex - startIndex + 1, total });
      page.items.forEach((item, i) => {
        rows.set(startIndex + i, item);
      });
      setRowCount(page.total);
      setVersion((v) => v + 1);
    },
    [rows, total],
  );
  const onRowsRendered = useInfiniteLoader({
    isRowLoaded,
    loadMoreRows,
    rowCount,
    minimumBatchSize: pageSize,
  });

  // The size of the dataset comes with the first page.
  useEffect(() => {
    loadMoreRows(0, pageSize - 1);
  }, [loadMoreRows, pageSize]);

  const dynamicRowHeight = useDynamicRowHeight({ defaultRowHeight: ROW_HEIGHT });

  useBenchHandle({
    jumpTo: (index) => listRef.current?.scrollToRow({ index, align: 'start' }),
    heldRows: () => rows.size,
  });

  return (
    <List
      listRef={listRef}
      className="scroller"
      rowComponent={WindowRow}
      rowCount={rowCount}
      rowHeight={heights === 'fixed' ? ROW_HEIGHT : dynamicRowHeight}
      rowProps={{ rows, heights, version }}
      onRowsRendered={onRowsRendered}
      defaultScrollOffset={saved}
    />
  );
}
