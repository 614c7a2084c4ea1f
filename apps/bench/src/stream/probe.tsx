// The stream probes (issue #16 item 3, decision 0084): not libraries, upper bounds. The events stay
// in a Worker (probeWorker.ts); the page gets the count and the newest 30 events and renders them
// at the end of a list as tall as every row, following the end. `?lib=probe-parse`: the Worker
// parses every event; `?lib=probe-index`: it only indexes the lines. Run them with
// `node apps/bench/run/bench.mjs --scenarios stream,stream100k --libs baseline,probe-parse,probe-index`.
import type { StreamEvent } from '@lazyflow/mocks';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { reportPageError } from '../shared/frames.ts';
import { ROW_HEIGHT } from '../shared/Row.tsx';
import { StreamRow } from './StreamRow.tsx';
import { noteRendered, streamProgress } from './streamProbe.ts';
import { useStreamStart } from './useStreamStart.ts';
import './slowWorkers.ts';

interface Progress {
  readonly count: number;
  readonly outOfOrder: number;
  readonly tail: StreamEvent[];
  readonly tailStart: number;
}

const MODE = new URLSearchParams(location.search).get('lib') === 'probe-parse' ? 'parse' : 'index';

export default function StreamProbePage() {
  const [progress, setProgress] = useState<Progress>({ count: 0, outOfOrder: 0, tail: [], tailStart: 0 });
  const url = useStreamStart(() => progress.tail.length);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (url === null) return;
    const worker = new Worker(new URL('./probeWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }: MessageEvent<Progress>) => {
      streamProgress.received = data.count;
      streamProgress.outOfOrder = data.outOfOrder;
      setProgress(data);
    };
    worker.onerror = (event) => reportPageError(`probe worker: ${event.message}`);
    worker.postMessage({ url: new URL(url, location.href).href, mode: MODE });
    return () => worker.terminate();
  }, [url]);
  useLayoutEffect(() => {
    noteRendered(progress.count);
    const scroller = ref.current;
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }, [progress]);
  const { count, tail, tailStart } = progress;
  return (
    <div ref={ref} className="scroller" data-stream={url ? 'started' : 'idle'}>
      <div style={{ height: count * ROW_HEIGHT, position: 'relative' }}>
        {tail.map((event, i) => (
          <div
            key={event.seq}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              right: 0,
              transform: `translateY(${(tailStart + i) * ROW_HEIGHT}px)`,
            }}
          >
            <StreamRow index={tailStart + i} event={event} />
          </div>
        ))}
      </div>
    </div>
  );
}
