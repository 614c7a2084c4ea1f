import type { StreamEvent } from '@lazyflow/mocks';
import type { UseLazyListResult } from '@lazyflow/react';
import { ROW_HEIGHT } from '../shared/Row.tsx';

/**
 * One event of the stream pages, the same for both. `data-row`/`data-state` as in the list
 * pages; `data-seq` lets the harness check that row i shows event i (nothing lost or reordered).
 */
export function StreamRow({ index, event }: { index: number; event: StreamEvent }) {
  return (
    <div
      className="row"
      data-row={index}
      data-state="loaded"
      data-seq={event.seq}
      style={{ height: ROW_HEIGHT }}
    >
      <span className="title">
        #{event.seq} [{event.level}] {event.service}: {event.message}
      </span>
    </div>
  );
}

/** A row whose event is not in memory (lazyflow evicted its page and is replaying it). */
function StreamPlaceholder({ index }: { index: number }) {
  return (
    <div
      className="row placeholder"
      data-row={index}
      data-state="placeholder"
      style={{ height: ROW_HEIGHT }}
    />
  );
}

/** The rows of a lazyflow list of events (both lazyflow stream pages), inside its full-height box. */
export function StreamListRows({
  list,
}: {
  list: Pick<UseLazyListResult<StreamEvent>, 'rows' | 'totalSize' | 'measureElement'>;
}) {
  return (
    <div style={{ height: list.totalSize, position: 'relative' }}>
      {list.rows.map((r) => (
        <div
          key={r.key}
          ref={list.measureElement}
          data-index={r.index}
          style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${r.start}px)` }}
        >
          {r.state.status === 'loaded' ? (
            <StreamRow index={r.index} event={r.state.item} />
          ) : (
            <StreamPlaceholder index={r.index} />
          )}
        </div>
      ))}
    </div>
  );
}
