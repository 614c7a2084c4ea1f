import { useStream } from '@lazyflow/react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { niceTicks } from '../charts/chartScale.ts';
import { SvgChart } from '../charts/SvgChart.tsx';
import { PageIntro } from '../components/PageIntro.tsx';
import { badgeClass } from '../lib/tones.ts';
import { usePhone } from '../lib/usePhone.ts';
import { CHUNK_BY, type ChunkBy, ChunkPanel, useChunker } from '../stream/ChunkPanel.tsx';
import { EventLog, type LogEvent, useEventLog } from '../stream/EventLog.tsx';
import { lostEvents } from '../stream/lostEvents.ts';
import { StreamStatsPanel } from '../stream/StreamStats.tsx';
import { createStreamTap } from '../stream/streamTap.ts';
import { ThroughputChart } from '../stream/ThroughputChart.tsx';

type Format = 'ndjson' | 'sse';

const CHART_POINTS = 300;

/** The `value` of the newest events against their sequence numbers. */
function ValueChart({ items, height }: { items: readonly LogEvent[]; height: number }) {
  const narrow = height < 140;
  const points = items.slice(-CHART_POINTS).map((e) => ({ x: e.seq, y: e.value }));
  const first = points[0]?.x ?? 0;
  const last = points.at(-1)?.x ?? 1;
  return (
    <SvgChart
      title={`Value of the last ${points.length} events`}
      series={[{ name: 'value', color: 'var(--violet)', points }]}
      x={{
        min: first,
        max: Math.max(last, first + 1),
        ticks: niceTicks(first, last, narrow ? 2 : 4).filter((t) => t >= first && t <= last),
        format: (seq) => `#${seq.toLocaleString('en')}`,
      }}
      y={{ unit: 'value', format: (v) => v.toLocaleString('en') }}
      height={height}
      testId="stream-values"
    />
  );
}

/** `?drop=300` in the page's URL: this page's stream is cut every 300 events (a Home tile links here). */
function dropFromUrl(search: string): number | null {
  const drop = Number(new URLSearchParams(search).get('drop') ?? Number.NaN);
  return Number.isInteger(drop) && drop > 0 ? drop : null;
}

let runs = 0;
/** A number no run of the page's stream had before. */
const nextRun = () => ++runs;

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
  // Each mount and each Restart is a new run, with a log of its own: the old run's events (and
  // its pages still in the QueryClient, for a settings combination used before) are not this one's.
  const [run, setRun] = useState(nextRun);
  const log = useEventLog(`${format}:${rate}:${chunkBy}:${run}`);
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
  // Events are numbered from 0 without gaps: any seq below the newest that never arrived is lost
  // (a line the server sent broken arrived: it counts under Malformed).
  const lost = lostEvents(items.at(-1)?.seq, { ...stats, injected: tap.injected() });
  // On a phone both charts stand side by side, shorter (issue #20: the page fits one screen).
  const phone = usePhone();
  return (
    <>
      {dropAfter !== null && (
        <p className="note" data-testid="stream-drop-note">
          This stream's connection is cut every {dropAfter.toLocaleString('en')} events. Watch{' '}
          <em>reconnects</em> climb while <em>lost</em> stays 0: each reconnect resumes after the last event
          received.
        </p>
      )}
      <p className="stream-actions">
        <span
          className={badgeClass(status === 'error' ? 'bad' : status === 'open' ? 'ok' : 'neutral')}
          data-testid="stream-status"
          data-status={status}
        >
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
            tap.restart();
            setRun(nextRun());
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
      <StreamStatsPanel stats={stats} lost={lost} logBytes={log.stats.bytesInMemory} />
      <div className="stream-charts">
        <ThroughputChart itemsPerSecond={stats.itemsPerSecond} rate={rate} height={phone ? 104 : 150} />
        <ValueChart items={items} height={phone ? 104 : 140} />
      </div>
      {lastMalformed && <p data-testid="last-malformed">Last malformed: {lastMalformed.message}</p>}
      {/* The chunk table and the log share the rest of the screen: the page itself does not scroll. */}
      <div className="stream-bottom">
        <ChunkPanel chunker={chunker} by={chunkBy} />
        <EventLog log={log} />
      </div>
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
    <section className="page-fill stream-page">
      <PageIntro
        title="Stream"
        foldOnPhone
        tryThis={
          <>
            press <em>Cut connection</em> a few times: <em>Reconnects</em> climbs, <em>Lost</em> stays 0 and
            the throughput dips and recovers. Set the rate to 20,000 events/s: the page still draws once per
            frame.
          </>
        }
        code={
          <>
            <code>useStream</code> (NDJSON or SSE from <code>/api/stream</code>) with <code>resume.key</code>;{' '}
            <code>createChunker</code> fed from <code>onItems</code>; the log is a <code>useLazyList</code>
          </>
        }
      >
        A live feed of server events, thousands a second: figures, charts and a log that keeps the whole
        history. When the connection drops, it picks up exactly after the last event received.
      </PageIntro>
      <p className="controls stream-controls">
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
