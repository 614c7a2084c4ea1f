import { useStream } from '@lazyflow/react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { CHUNK_BY, type ChunkBy, ChunkPanel, useChunker } from '../stream/ChunkPanel.tsx';
import { EventLog, type LogEvent, useEventLog } from '../stream/EventLog.tsx';
import { createStreamTap } from '../stream/streamTap.ts';

type Format = 'ndjson' | 'sse';

const CHART_POINTS = 300;

/** Draws `value` of the newest events as a line; redrawn only when the items array changes. */
function ValueChart({ items }: { items: readonly LogEvent[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !canvas.current) return;
    const { width, height } = canvas.current;
    const points = items.slice(-CHART_POINTS);
    ctx.clearRect(0, 0, width, height);
    if (points.length === 0) return;
    const values = points.map((e) => e.value);
    const min = Math.min(...values);
    const span = Math.max(...values) - min || 1;
    ctx.beginPath();
    points.forEach((e, i) => {
      const x = (i / (CHART_POINTS - 1)) * width;
      const y = height - ((e.value - min) / span) * (height - 4) - 2;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.strokeStyle = '#2563eb';
    ctx.stroke();
  }, [items]);
  return <canvas ref={canvas} width={600} height={120} aria-label="Value chart" />;
}

/** `?drop=300` in the page's URL: this page's stream is cut every 300 events (a Home tile links here). */
function dropFromUrl(search: string): number | null {
  const drop = Number(new URLSearchParams(search).get('drop') ?? Number.NaN);
  return Number.isInteger(drop) && drop > 0 ? drop : null;
}

/** One live stream; remounted (new `key`) when the format, rate or chunk rule changes. */
function LiveStream({
  format,
  rate,
  chunkBy,
  dropAfter,
}: {
  format: Format;
  rate: number;
  chunkBy: ChunkBy;
  dropAfter: number | null;
}) {
  const [tap] = useState(createStreamTap);
  const log = useEventLog(`${format}:${rate}:${chunkBy}`);
  const chunker = useChunker(chunkBy);
  // The stream keeps the onItems of its first render: route it to this render's log and chunker.
  const deliver = useRef((_batch: readonly LogEvent[]) => {});
  useLayoutEffect(() => {
    deliver.current = (batch) => {
      log.append(batch);
      chunker.push(batch);
    };
  });
  // The fault panel's defaults (dropAfter, malformedEvery, slow, latency, errorRate) apply to
  // every request below, so a cut connection shows the resume at work.
  const { items, status, error, stats, lastMalformed, pause, resume, restart, retry } = useStream<LogEvent>({
    request: async (r) => {
      const from = r.lastId === undefined ? 0 : Number(r.lastId) + 1;
      const url = `/api/stream?count=1000000&rate=${rate}&format=${format}${format === 'ndjson' ? `&from=${from}` : ''}${dropAfter === null ? '' : `&dropAfter=${dropAfter}`}`;
      const headers: HeadersInit =
        format === 'sse' && r.lastId !== undefined ? { 'Last-Event-ID': String(r.lastId) } : {};
      return tap.wrap(await fetch(url, { signal: r.signal, headers }), format);
    },
    format,
    maxItems: 2000,
    resume: { key: (e) => e.seq },
    retry: { attempts: 6, baseDelayMs: 500 },
    // Every event also goes to the virtualized log, which keeps the whole history, and to the
    // chunker behind the chunk panel.
    onItems: (batch) => deliver.current(batch),
  });
  // The open chunk comes out when the stream ends or fails, so no received event is left out.
  useEffect(() => {
    if (status === 'done') chunker.end();
    else if (status === 'error') chunker.fail(error);
  }, [status, error, chunker]);
  // Events are numbered from 0 without gaps: any seq below the newest that never arrived is lost.
  const newest = items.at(-1)?.seq;
  const lost = newest === undefined ? 0 : newest + 1 - stats.items;
  return (
    <>
      {dropAfter !== null && (
        <p className="note" data-testid="stream-drop-note">
          This stream's connection is cut every {dropAfter.toLocaleString('en')} events. Watch{' '}
          <em>reconnects</em> climb while <em>lost</em> stays 0: each reconnect resumes after the last event
          received.
        </p>
      )}
      <p>
        <span data-testid="stream-status" data-status={status}>
          {status}
        </span>{' '}
        {status === 'paused' ? (
          <button type="button" onClick={resume}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={pause} disabled={status === 'done' || status === 'error'}>
            Pause
          </button>
        )}{' '}
        <button
          type="button"
          onClick={() => {
            chunker.reset();
            restart();
          }}
        >
          Restart
        </button>{' '}
        <button type="button" onClick={() => tap.cut()}>
          Cut connection
        </button>{' '}
        <button type="button" onClick={() => tap.injectMalformed()}>
          Inject malformed line
        </button>{' '}
        {status === 'error' && (
          <button type="button" onClick={retry}>
            Retry
          </button>
        )}
      </p>
      {status === 'error' && <p role="alert">{String((error as Error)?.message ?? error)}</p>}
      <dl
        className="stats"
        data-testid="stream-stats"
        data-items={stats.items}
        data-reconnects={stats.reconnects}
        data-malformed={stats.malformed}
        data-lost={lost}
      >
        <dt>items</dt>
        <dd>{stats.items.toLocaleString('en')}</dd>
        <dt>items/s</dt>
        <dd>{stats.itemsPerSecond.toLocaleString('en')}</dd>
        <dt>KB/s</dt>
        <dd>{Math.round(stats.bytesPerSecond / 1024).toLocaleString('en')}</dd>
        <dt>reconnects</dt>
        <dd>{stats.reconnects}</dd>
        <dt>lost</dt>
        <dd title="events numbered below the newest one that never arrived">{lost.toLocaleString('en')}</dd>
        <dt>malformed</dt>
        <dd>{stats.malformed}</dd>
        <dt>dropped (ring)</dt>
        <dd>{stats.dropped.toLocaleString('en')}</dd>
        <dt>lag</dt>
        <dd>{stats.lagMs} ms</dd>
        <dt>log in memory</dt>
        <dd>{Math.round(log.stats.bytesInMemory / 1024).toLocaleString('en')} KB</dd>
      </dl>
      {lastMalformed && <p data-testid="last-malformed">Last malformed: {lastMalformed.message}</p>}
      <ValueChart items={items} />
      <ChunkPanel chunker={chunker} by={chunkBy} />
      <EventLog log={log} />
    </>
  );
}

/** A live dashboard on useStream: log, chart, throughput; faults come from the fault panel. */
export function StreamPage() {
  const [format, setFormat] = useState<Format>('ndjson');
  const [rate, setRate] = useState(2000);
  const [chunkBy, setChunkBy] = useState<ChunkBy>('second');
  const [dropAfter] = useState(() => dropFromUrl(window.location.search));
  return (
    <section>
      <h1>Stream</h1>
      <p>
        A live NDJSON/SSE stream from <code>/api/stream</code> through <code>useStream</code>: at most one
        render per frame, resume without loss after a cut (set <em>dropAfter</em> in the fault panel). The
        chunk panel groups the same events with <code>createChunker</code> (fed from <code>onItems</code>);
        changing the format, rate or chunk rule starts a new stream.
      </p>
      <p>
        <label>
          Format{' '}
          <select value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            <option value="ndjson">NDJSON</option>
            <option value="sse">SSE</option>
          </select>
        </label>{' '}
        <label>
          Rate (events/s){' '}
          <select value={rate} onChange={(e) => setRate(Number(e.target.value))}>
            {[100, 2000, 20_000, 0].map((r) => (
              <option key={r} value={r}>
                {r === 0 ? 'as fast as possible' : r.toLocaleString('en')}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Chunk by{' '}
          <select value={chunkBy} onChange={(e) => setChunkBy(e.target.value as ChunkBy)}>
            {(Object.keys(CHUNK_BY) as ChunkBy[]).map((by) => (
              <option key={by} value={by}>
                {CHUNK_BY[by].label}
              </option>
            ))}
          </select>
        </label>
      </p>
      <LiveStream
        key={`${format}:${rate}:${chunkBy}`}
        format={format}
        rate={rate}
        chunkBy={chunkBy}
        dropAfter={dropAfter}
      />
    </section>
  );
}
