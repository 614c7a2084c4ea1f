// lazyflow's stream ingest, written as the demo's Stream page does it (parsing in a Worker, the default)
// (apps/demo/src/pages/StreamPage.tsx, apps/demo/src/stream/EventLog.tsx): `useStream` reads the
// NDJSON body, and every published batch goes through `onItems` to `useLazyList().append` on a
// virtualized list that follows the newest event (`anchor: 'end'`). The list keeps at most 4 MB
// of events in memory (the demo's setting); pages pushed out are replayed from the server when
// scrolled back to. The stream's own ring buffer (`maxItems`) is small: nothing renders it here.
import { offsetSource } from '@lazyflow/core';
import type { StreamEvent } from '@lazyflow/mocks';
import { useLazyList, useStream } from '@lazyflow/react';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { reportPageError } from '../shared/frames.ts';
import { ROW_HEIGHT } from '../shared/Row.tsx';
import { replay } from './replay.ts';
import { StreamListRows } from './StreamRow.tsx';
import { noteReceived, noteRendered, streamProgress } from './streamProbe.ts';
import { useStreamStart } from './useStreamStart.ts';
import './slowWorkers.ts'; // ?workerSlowdown=N: the parse Worker runs N× slower, as the CPU-throttled page does

// `?worker=0`: parse on the page (createStream's `worker: false`) to compare with the Worker.
const PARSE_IN_WORKER = new URLSearchParams(location.search).get('worker') !== '0';

const PAGE_SIZE = 200;
const RING_ITEMS = 1_000;

/** The connection: `useStream`, each batch appended to the list. Renders its status only. */
function Ingest({ url, append }: { url: string; append: (items: readonly StreamEvent[]) => boolean }) {
  const latest = useRef(append);
  useLayoutEffect(() => {
    latest.current = append;
  });
  const { status, error } = useStream<StreamEvent>({
    url,
    format: 'ndjson',
    resumeParam: 'from',
    resume: { key: (event) => event.seq },
    maxItems: RING_ITEMS,
    worker: PARSE_IN_WORKER,
    onItems: (batch) => {
      noteReceived(batch);
      if (!latest.current(batch)) streamProgress.refused += batch.length;
    },
  });
  useEffect(() => {
    if (status === 'error') reportPageError(`useStream: ${String((error as Error)?.message ?? error)}`);
  }, [status, error]);
  return <output hidden data-stream-status={status} />;
}

export default function LazyflowStreamPage() {
  const ref = useRef<HTMLDivElement>(null);
  const source = useMemo(
    () =>
      offsetSource<StreamEvent>({
        pageSize: PAGE_SIZE,
        initialCount: 0, // the log grows only by append; pages are fetched only to replay evicted ones
        fetchPage: async (range) => ({ items: await replay(range) }),
      }),
    [],
  );
  const list = useLazyList<StreamEvent>({
    key: ['bench-stream'],
    source,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_HEIGHT,
    anchor: 'end',
    memory: { maxBytes: 4_000_000 },
  });
  const url = useStreamStart(() => list.stats.pagesInMemory * PAGE_SIZE + Math.min(RING_ITEMS, list.count));
  useLayoutEffect(() => {
    noteRendered(list.count);
  }, [list.count]);

  return (
    <div ref={ref} className="scroller" data-stream={url ? 'started' : 'idle'}>
      {url && <Ingest url={url} append={list.append} />}
      <StreamListRows list={list} />
    </div>
  );
}
