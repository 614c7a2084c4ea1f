import type { StreamEvent } from '@lazyflow/mocks';
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
export function StreamPlaceholder({ index }: { index: number }) {
  return (
    <div
      className="row placeholder"
      data-row={index}
      data-state="placeholder"
      style={{ height: ROW_HEIGHT }}
    />
  );
}
