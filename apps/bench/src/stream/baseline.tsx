// The stream baseline: what a careful React developer writes without a streaming library.
// `fetch` + `response.body.getReader()` + `TextDecoder` (with `stream: true`, so characters split
// across chunks decode) + split on newlines keeping the unfinished last line + `JSON.parse` per
// line + one `setState` per chunk read, appending the chunk's events to an array (a functional
// update with `concat`, never one update per event). The stream is aborted on unmount.
// Rendering: the same kind of virtualized view as lazyflow's, TanStack Virtual `useVirtualizer`
// (lazyflow's own view builds on its core) with `anchorTo: 'end'` + `followOnAppend`, its documented
// way to follow the newest row of a log or chat. Every event stays in the array, as such code does.
import type { StreamEvent } from '@lazyflow/mocks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { reportPageError } from '../shared/frames.ts';
import { ROW_HEIGHT } from '../shared/Row.tsx';
import { StreamRow } from './StreamRow.tsx';
import { noteReceived, noteRendered } from './streamProbe.ts';
import { useStreamStart } from './useStreamStart.ts';

/** Reads NDJSON from `url`, calling `onBatch` with the events of each chunk, until done or aborted. */
async function readNdjson(url: string, signal: AbortSignal, onBatch: (events: StreamEvent[]) => void) {
  const response = await fetch(url, { signal });
  if (!response.ok || !response.body) throw new Error(`${url} answered HTTP ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const lines = buffer.split('\n');
    buffer = done ? '' : (lines.pop() ?? '');
    const events: StreamEvent[] = [];
    for (const line of lines) if (line.trim() !== '') events.push(JSON.parse(line) as StreamEvent);
    if (events.length > 0) onBatch(events);
    if (done) return;
  }
}

export default function BaselineStreamPage() {
  const [items, setItems] = useState<StreamEvent[]>([]);
  const url = useStreamStart(() => items.length);

  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    readNdjson(url, controller.signal, (events) => {
      noteReceived(events);
      setItems((previous) => previous.concat(events));
    }).catch((error: unknown) => {
      if (!controller.signal.aborted)
        reportPageError(`stream: ${String((error as Error)?.message ?? error)}`);
    });
    return () => controller.abort();
  }, [url]);

  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 5,
    anchorTo: 'end',
    followOnAppend: true,
  });
  useLayoutEffect(() => {
    noteRendered(items.length);
  }, [items.length]);

  return (
    <div ref={parentRef} className="scroller" data-stream={url ? 'started' : 'idle'}>
      <div style={{ height: virtualizer.getTotalSize(), width: '100%', position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              height: row.size,
              transform: `translateY(${row.start}px)`,
            }}
          >
            <StreamRow index={row.index} event={items[row.index] as StreamEvent} />
          </div>
        ))}
      </div>
    </div>
  );
}
