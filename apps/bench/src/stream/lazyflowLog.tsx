// lazyflow's stream log (decision 0084), the way for a list that shows a fast stream's newest
// rows: `createStreamLog` reads and indexes the NDJSON body in a Worker without parsing a line,
// the list grows with the log's count (`grow`) and reads the lines it shows (the log's `source`).
// Memory as the `lazyflow` page: the list keeps at most 4 MB of events, the Worker 4 MB of the
// body; lines dropped from it are replayed from the server. Events reach the page only as rows,
// so "received" is the count the log reported.
import { offsetSource } from '@lazyflow/core';
import { createStreamLog, type StreamLog } from '@lazyflow/core/log';
import type { StreamEvent } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { reportPageError } from '../shared/frames.ts';
import { ROW_HEIGHT } from '../shared/Row.tsx';
import { replay } from './replay.ts';
import { StreamListRows } from './StreamRow.tsx';
import { noteRendered, streamProgress } from './streamProbe.ts';
import { useStreamStart } from './useStreamStart.ts';
import './slowWorkers.ts'; // ?workerSlowdown=N: the log's Worker runs N× slower, as the CPU-throttled page does

const PAGE_SIZE = 50;
const MAX_BYTES = 4_000_000;

/** The list's source before the log opens (the list is there before the stream, as on the `lazyflow` page). */
const idle = offsetSource<StreamEvent>({
  pageSize: PAGE_SIZE,
  initialCount: 0,
  fetchPage: () => Promise.reject(new Error('no log yet')),
});

function LogList({
  log,
  grow,
}: {
  log: StreamLog<StreamEvent> | null;
  grow: { current: (count: number) => void };
}) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<StreamEvent>({
    key: ['bench-stream-log'],
    source: log?.source ?? idle, // the log's source is adopted by the running list (same page size)
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_HEIGHT,
    anchor: 'end',
    memory: { maxBytes: MAX_BYTES },
  });
  useLayoutEffect(() => {
    grow.current = list.grow;
    if (log) list.grow(log.getSnapshot().count); // lines counted before the list had the log's source
  }, [grow, list.grow, log]);
  useLayoutEffect(() => {
    noteRendered(list.count);
  }, [list.count]);
  return (
    <div ref={ref} className="scroller" data-stream={log ? 'started' : 'idle'}>
      <StreamListRows list={list} />
    </div>
  );
}

export default function LazyflowLogPage() {
  const [log, setLog] = useState<StreamLog<StreamEvent> | null>(null);
  const grow = useRef<(count: number) => void>(() => {});
  const url = useStreamStart(() => Math.ceil(MAX_BYTES / 150)); // rows the list may hold, about
  useEffect(() => {
    if (url === null) return;
    const next = createStreamLog<StreamEvent>({
      url,
      pageSize: PAGE_SIZE,
      maxBytes: MAX_BYTES,
      replay,
      onCount: (count) => {
        streamProgress.received = count;
        grow.current(count);
      },
    });
    const unsubscribe = next.subscribe(() => {
      const { status, error } = next.getSnapshot();
      if (status === 'error') reportPageError(`createStreamLog: ${String(error?.message ?? error)}`);
    });
    setLog(next);
    return () => {
      unsubscribe();
      next.close();
    };
  }, [url]);
  return <LogList log={log} grow={grow} />;
}
