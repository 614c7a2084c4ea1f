import { type Chunk, type Chunker, type ChunkRule, createChunker } from '@lazyflow/core';
import { useState, useSyncExternalStore } from 'react';
import { formatCount } from '../lib/formatCount.ts';
import type { LogEvent } from './EventLog.tsx';

/** The chunk rules the dashboard offers. */
export type ChunkBy = 'second' | 'eventSecond' | 'count' | 'bytes';

export const CHUNK_BY: Record<ChunkBy, { readonly label: string; readonly rule: ChunkRule<LogEvent> }> = {
  second: { label: 'arrival second ({ ms: 1000 })', rule: { ms: 1000 } },
  // `ts` is when the event happened, not when it arrived: a content boundary.
  eventSecond: {
    label: 'event-time second ({ boundary })',
    rule: { boundary: (e, previous) => Math.floor(e.ts / 1000) !== Math.floor(previous.ts / 1000) },
  },
  count: { label: '500 events ({ count: 500 })', rule: { count: 500 } },
  bytes: { label: '64 kB ({ bytes: 65_536 })', rule: { bytes: 65_536 } },
};

/** Chunks shown in the panel; older ones are only counted. */
const PANEL_CHUNKS = 8;

/**
 * One chunker per mounted stream (the component is remounted when the rule changes). Feed it
 * from the stream's `onItems`, and end or fail it with the stream's status.
 */
export function useChunker(by: ChunkBy): Chunker<LogEvent> {
  const [chunker] = useState(() => createChunker<LogEvent>({ ...CHUNK_BY[by].rule, keep: PANEL_CHUNKS }));
  return chunker;
}

interface ChunkSummary {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly errors: number;
  readonly warnings: number;
  readonly meanValue: number;
}

// Chunks are immutable, so each is summarized once, not on every frame's render.
const summaries = new WeakMap<Chunk<LogEvent>, ChunkSummary>();

function summarize(chunk: Chunk<LogEvent>): ChunkSummary {
  let summary = summaries.get(chunk);
  if (summary) return summary;
  let errors = 0;
  let warnings = 0;
  let sum = 0;
  for (const e of chunk.items) {
    if (e.level === 'error') errors++;
    else if (e.level === 'warn') warnings++;
    sum += e.value;
  }
  summary = {
    firstSeq: chunk.items[0]?.seq ?? -1,
    lastSeq: chunk.items.at(-1)?.seq ?? -1,
    errors,
    warnings,
    meanValue: sum / chunk.items.length,
  };
  summaries.set(chunk, summary);
  return summary;
}

/** The newest chunks of the live stream, newest first, with a count and a summary each. */
export function ChunkPanel({ chunker, by }: { chunker: Chunker<LogEvent>; by: ChunkBy }) {
  const s = useSyncExternalStore(chunker.subscribe, chunker.getSnapshot, chunker.getSnapshot);
  const shownItems = s.chunks.reduce((sum, c) => sum + c.items.length, 0);
  const largest = Math.max(1, ...s.chunks.map((c) => c.items.length));
  return (
    <section
      className="chunk-panel"
      aria-label="Chunks"
      data-testid="chunk-panel"
      data-closed-chunks={s.closedChunks}
      data-closed-items={s.closedItems}
      data-open-items={s.openItems}
      data-earlier-items={s.closedItems - shownItems}
    >
      <h2>Chunks by {CHUNK_BY[by].label}</h2>
      <p className="chunk-totals">
        {formatCount(s.closedChunks, 'chunk')} closed ({formatCount(s.closedItems, 'event')}),{' '}
        {formatCount(s.openItems, 'event')} in the open chunk
        {s.closedChunks > s.chunks.length &&
          `; ${formatCount(s.closedChunks - s.chunks.length, 'older chunk')} not shown`}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">events</th>
            <th scope="col">seq</th>
            <th scope="col">errors</th>
            <th scope="col">warnings</th>
            <th scope="col">mean value</th>
            <th scope="col">closed by</th>
          </tr>
        </thead>
        <tbody>
          {[...s.chunks].reverse().map((c) => {
            const sum = summarize(c);
            return (
              <tr
                key={c.index}
                data-testid="chunk"
                data-index={c.index}
                data-start={c.start}
                data-count={c.items.length}
                data-first-seq={sum.firstSeq}
                data-last-seq={sum.lastSeq}
                data-reason={c.reason}
              >
                <td>{c.index}</td>
                <td>
                  <span className="chunk-bar" style={{ width: `${(c.items.length / largest) * 4}rem` }} />{' '}
                  {c.items.length.toLocaleString('en')}
                </td>
                <td>
                  #{sum.firstSeq}–#{sum.lastSeq}
                </td>
                <td>{sum.errors}</td>
                <td>{sum.warnings}</td>
                <td>{sum.meanValue.toFixed(1)}</td>
                <td>{c.reason}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
