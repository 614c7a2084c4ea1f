import { listDataAttributes } from '@lazyflow/core';
import type { Item } from '@lazyflow/mocks';
import type { UseLazyListResult } from '@lazyflow/react';
import type { RefObject } from 'react';
import { count } from './liveRun.ts';

/** Height of a fixed row in a tile's list, px. */
export const MINI_ROW = 28;

/** A tile's small list: row number and title, plus the whole body when `dynamic` (rows as tall as their text). */
export function MiniList({
  list,
  scroller,
  testId,
  dynamic = false,
}: {
  list: UseLazyListResult<Item>;
  scroller: RefObject<HTMLDivElement | null>;
  testId: string;
  dynamic?: boolean;
}) {
  return (
    <div
      ref={scroller}
      className="scroller mini-list"
      data-testid={testId}
      data-scaled={list.scaled}
      {...listDataAttributes(list)}
    >
      <div className="spacer" style={{ height: list.totalSize }}>
        {list.rows.map((row) => (
          <div
            key={row.key}
            ref={list.measureElement}
            className="row mini-row"
            data-index={row.index}
            data-state={row.state.status}
            data-stale={row.state.status === 'loaded' && row.state.stale === true}
            style={{ transform: `translateY(${row.start}px)`, height: dynamic ? undefined : MINI_ROW }}
          >
            {row.state.status === 'loaded' ? (
              <>
                <span className="row-number">{count(row.index + 1)}</span>{' '}
                <span className="mini-title">{row.state.item.title}</span>
                {dynamic && <span className="mini-body">{row.state.item.body}</span>}
              </>
            ) : (
              <span className="muted">Row {count(row.index + 1)} loading…</span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
