// Test support (not published): the rows of a useLazyList result as most hook tests draw them, each
// a div placed with translateY inside a div as tall as the list, measured by the hook.
import type { ReactNode } from 'react';
import type { UseLazyListResult } from '../useLazyList.ts';

/**
 * A `position: relative` div of `list.totalSize` px holding one absolute div per row (`data-index`,
 * `rowHeight` px tall, `ref={list.measureElement}`), with `text(item)` once its item is loaded and
 * `placeholder` before.
 *
 * @example
 * <div ref={ref} style={{ height: 360, overflow: 'auto' }}>
 *   <AbsoluteRows list={list} rowHeight={36} text={(user) => `User ${user.id}`} placeholder="Loading…" />
 * </div>
 */
export function AbsoluteRows<T>({
  list,
  rowHeight,
  text,
  placeholder,
}: {
  list: Pick<UseLazyListResult<T>, 'totalSize' | 'rows' | 'measureElement'>;
  rowHeight: number;
  text: (item: T) => string;
  placeholder: string;
}): ReactNode {
  return (
    <div style={{ height: list.totalSize, position: 'relative' }}>
      {list.rows.map((row) => (
        <div
          key={row.key}
          ref={list.measureElement}
          data-index={row.index}
          style={{
            position: 'absolute',
            width: '100%',
            height: rowHeight,
            transform: `translateY(${row.start}px)`,
          }}
        >
          {row.state.status === 'loaded' ? text(row.state.item) : placeholder}
        </div>
      ))}
    </div>
  );
}
