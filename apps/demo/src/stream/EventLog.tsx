import { offsetSource } from '@lazyflow/core';
import { replayStreamEvents } from '@lazyflow/mocks';
import { type UseLazyListResult, useLazyList } from '@lazyflow/react';
import { useRef } from 'react';
import { useReportStats } from '../lib/useReportStats.ts';

/** An event of `/api/stream`. */
export interface LogEvent {
  seq: number;
  ts: number;
  level: string;
  service: string;
  message: string;
  value: number;
}

/** The log's memory budget: older pages beyond it are dropped and replayed when scrolled back to. */
const LOG_BUDGET = 4_000_000;

/**
 * The whole stream history as a virtualized lazy list: the stream appends each frame's batch
 * (`useLazyList().append`), the view follows the newest event while at the bottom, and pages
 * pushed out of memory are replayed from the server when scrolled back to.
 */
export function useEventLog(
  key: string,
): UseLazyListResult<LogEvent> & { scroller: React.RefObject<HTMLDivElement | null> } {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useLazyList<LogEvent>({
    key: ['event-log', key],
    source: offsetSource({
      pageSize: 200,
      initialCount: 0, // the log grows only by append; pages are fetched only to replay evicted ones
      fetchPage: async (range) => ({ items: await replayStreamEvents(range) }),
    }),
    getScrollElement: () => scroller.current,
    estimateSize: () => 24,
    anchor: 'end',
    memory: { maxBytes: LOG_BUDGET },
    statsIntervalMs: 250,
  });
  useReportStats('Event log', list.list, 'pushed', LOG_BUDGET); // appended by the stream, not looked up
  return { ...list, scroller };
}

/** Renders the log of {@link useEventLog}. */
export function EventLog({ log }: { log: ReturnType<typeof useEventLog> }) {
  return (
    <div className="event-log-frame">
      <div
        ref={log.scroller}
        className="event-log"
        role="log"
        aria-label="Event log"
        data-testid="event-log"
        data-count={log.count}
      >
        <div style={{ height: log.totalSize, position: 'relative' }}>
          {log.rows.map((row) => (
            <div
              key={row.key}
              ref={log.measureElement}
              data-index={row.index}
              data-seq={row.state.status === 'loaded' ? row.state.item.seq : undefined}
              className="event-log-row"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              {row.state.status === 'loaded'
                ? `#${row.state.item.seq} [${row.state.item.level}] ${row.state.item.service}: ${row.state.item.message}`
                : '…'}
            </div>
          ))}
        </div>
      </div>
      {log.newItems > 0 && (
        <button type="button" className="new-items" onClick={() => log.scrollToIndex(log.count - 1)}>
          {log.newItems.toLocaleString('en')} new
        </button>
      )}
    </div>
  );
}
