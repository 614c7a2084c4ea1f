import { type OffsetSource, offsetSource } from '@lazyflow/core';
import {
  createStreamLog,
  type StreamLog,
  type StreamLogOptions,
  type StreamLogSnapshot,
} from '@lazyflow/core/log';
import { startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

/**
 * What {@link useStreamLog} returns: the log's snapshot and the source to give `useLazyList`.
 *
 * @example
 * const log: UseStreamLogResult<LogEvent> = useStreamLog<LogEvent>({ url: '/api/logs' });
 * const busy = log.status === 'connecting' || log.status === 'reconnecting';
 */
export interface UseStreamLogResult<T> extends StreamLogSnapshot {
  /**
   * An offset source over the log's lines, the same object for the component's life: a list on
   * it grows with the log's count by itself (`watchCount`).
   */
  readonly source: OffsetSource<T>;
}

const IDLE: StreamLogSnapshot = Object.freeze({
  status: 'connecting',
  count: 0,
  first: 0,
  heldBytes: 0,
  error: null,
  reconnects: 0,
  inWorker: false,
});

/**
 * An NDJSON stream as a log a list reads by range (`createStreamLog`, decision 0084): the body is
 * indexed in a Worker, only the lines the list shows are parsed and come to the page. The log
 * opens when the component mounts (in an effect: nothing is fetched during render) and closes on
 * unmount; `url` and the other options are read then (to switch logs, give the component a new
 * `key`), except `onCount`, `malformed` and `replay`, whose latest versions are used. The
 * snapshot renders in a transition.
 *
 * @example
 * function Logs({ url }: { url: string }) {
 *   const ref = useRef<HTMLDivElement>(null);
 *   const log = useStreamLog<LogEvent>({ url, pageSize: 50, resumeParam: 'from' });
 *   const list = useLazyList<LogEvent>({
 *     key: ['logs', url],
 *     source: log.source,
 *     anchor: 'end', // follows the newest line
 *     getScrollElement: () => ref.current,
 *     estimateSize: () => 24,
 *   });
 *   return <div ref={ref}>{log.count} lines, {list.rows.length} shown</div>;
 * }
 */
export function useStreamLog<T>(options: StreamLogOptions<T>): UseStreamLogResult<T> {
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  // Built once, without side effects: the source reads from the log the effect opens.
  const [held] = useState(() => {
    const watchers = new Set<(count: number) => void>();
    // `closing`: the close of an effect's cleanup, a tick later (see the effect).
    const cell: { log: StreamLog<T> | null; closing?: ReturnType<typeof setTimeout> | undefined } = {
      log: null,
    };
    const pages = offsetSource<T>({
      pageSize: options.pageSize ?? 100,
      initialCount: 0,
      fetchPage: ({ page, signal, priority }) =>
        cell.log === null
          ? Promise.reject(new Error('lazyflow: useStreamLog is not mounted: no log to read'))
          : cell.log.source.loadPage({ page, signal, priority }),
    });
    const source: OffsetSource<T> = Object.assign(pages, {
      watchCount(listener: (count: number) => void) {
        watchers.add(listener);
        const count = cell.log?.getSnapshot().count ?? 0;
        if (count > 0) queueMicrotask(() => watchers.has(listener) && listener(count));
        return () => {
          watchers.delete(listener);
        };
      },
    });
    return { watchers, cell, source };
  });
  const [snapshot, setSnapshot] = useState(IDLE);
  useEffect(() => {
    const { cell } = held;
    // StrictMode and <Activity> clean the effect up and run it again at once: the log whose close
    // is still a tick away is taken back (one Worker and one connection, not two).
    clearTimeout(cell.closing);
    const { malformed, replay } = latest.current;
    const log =
      cell.log ??
      createStreamLog<T>({
        ...latest.current,
        ...(malformed && { malformed: (error) => (latest.current.malformed ?? malformed)(error) }),
        ...(replay && { replay: (range) => (latest.current.replay ?? replay)(range) }),
        onCount: (count) => {
          latest.current.onCount?.(count);
          for (const watcher of held.watchers) watcher(count);
        },
      });
    cell.log = log;
    const update = () => startTransition(() => setSnapshot(log.getSnapshot()));
    const unsubscribe = log.subscribe(update);
    update();
    return () => {
      unsubscribe();
      cell.closing = setTimeout(() => {
        log.close();
        if (cell.log === log) cell.log = null;
      }, 0);
    };
  }, [held]);
  return useMemo(() => Object.freeze({ ...snapshot, source: held.source }), [snapshot, held]);
}
