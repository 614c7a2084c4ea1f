import { replayStreamEvents } from '@lazyflow/mocks';
import { useLazyList, useStreamLog } from '@lazyflow/react';
import { useEffect, useRef, useState } from 'react';
import { PageIntro } from '../components/PageIntro.tsx';
import { formatBytes } from '../lib/hoodFigures.ts';
import { badgeClass } from '../lib/tones.ts';
import { useReportStats } from '../lib/useReportStats.ts';
import type { LogEvent } from '../stream/EventLog.tsx';
import { Stat, Unit } from '../stream/StreamStats.tsx';

/** A line of the log: an event, or a line the server sent that is not JSON (shown, not skipped). */
type LogLine = LogEvent | { readonly broken: true; readonly line: number; readonly message: string };

/** Bytes of the body the log's Worker keeps; older lines are read again from the server (`replay`). */
const WORKER_BYTES = 4_000_000;
/** Bytes of parsed lines the list keeps on the page. */
const LIST_BYTES = 2_000_000;

const number = (n: number) => n.toLocaleString('en');

/**
 * Lines per second over the last second, sampled four times a second (a stalled log falls to 0
 * without a render of its own); the count is read from a ref written after each commit.
 */
function useLinesPerSecond(count: number): number {
  const latest = useRef(count);
  const [rate, setRate] = useState(0);
  useEffect(() => {
    latest.current = count;
  }, [count]);
  useEffect(() => {
    const samples = [{ t: performance.now(), count: latest.current }];
    const timer = setInterval(() => {
      const now = performance.now();
      samples.push({ t: now, count: latest.current });
      while (samples.length > 2 && now - (samples[0]?.t ?? now) > 1000) samples.shift();
      const first = samples[0] ?? { t: now, count: latest.current };
      const span = now - first.t;
      setRate(span < 200 ? 0 : Math.max(0, Math.round(((latest.current - first.count) * 1000) / span)));
    }, 250);
    return () => clearInterval(timer);
  }, []);
  return rate;
}

/** One log: `createStreamLog` in a Worker through `useStreamLog`, a list on its source following the end. */
function LogTail({ url, run }: { url: string; run: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const log = useStreamLog<LogLine>({
    url,
    pageSize: 100,
    maxBytes: WORKER_BYTES,
    resumeParam: 'from', // a cut connection reconnects with ?from=<lines received>
    retry: { attempts: 6, baseDelayMs: 300, maxDelayMs: 3000 },
    malformed: (error) => ({ broken: true, line: error.line, message: error.message }),
    replay: replayStreamEvents,
  });
  const list = useLazyList<LogLine>({
    key: ['log-tail', url, run], // a restart is a new log: pages of the last run are not its lines
    source: log.source, // grows with the log's count by itself
    getScrollElement: () => scroller.current,
    estimateSize: () => 24,
    anchor: 'end',
    memory: { maxBytes: LIST_BYTES },
  });
  useReportStats('Log', list.list, 'pushed', LIST_BYTES);
  const perSecond = useLinesPerSecond(log.count) * (log.status === 'open' ? 1 : 0);
  const tone = log.status === 'error' ? 'bad' : log.status === 'open' ? 'ok' : 'neutral';
  return (
    <>
      <p className="stream-actions log-status-line">
        <span className={badgeClass(tone)} data-testid="log-status" data-status={log.status}>
          {log.status}
        </span>{' '}
        <span className="muted" title="where the body is read and indexed" data-testid="log-read-in">
          {log.inWorker ? 'read in a Worker' : 'read on the page'}
        </span>{' '}
        {/* On the badge's line: a reconnect's reason comes and goes without moving the log. */}
        {log.status === 'reconnecting' && log.error && (
          <span className="muted" data-testid="log-reconnect-reason">
            {log.error.message}
          </span>
        )}
      </p>
      {log.status === 'error' && log.error && <p role="alert">{log.error.message}</p>}
      <dl
        className="stat-grid"
        data-testid="log-stats"
        data-count={log.count}
        data-reconnects={log.reconnects}
        data-held={log.heldBytes}
        data-first={log.first}
      >
        <Stat label="Lines" title="lines counted, over every connection">
          {number(log.count)}
        </Stat>
        <Stat label="Rate" title="lines counted per second, over the last second">
          {number(perSecond)} <small>/s</small>
        </Stat>
        <Stat label="Reconnects" title="connections after the first; each asks ?from=<lines received>">
          {number(log.reconnects)}
        </Stat>
        <Stat label="Body held" title={`bytes of the body kept (at most ${formatBytes(WORKER_BYTES)})`}>
          <Unit text={formatBytes(log.heldBytes)} />
        </Stat>
        <Stat
          label="Pages read"
          title="pages of 100 lines the list read, parsed in the Worker: every other line stays unparsed text"
        >
          {number(list.stats.requests)}
        </Stat>
        <Stat
          label="On the page"
          title={`bytes of parsed lines the list holds (at most ${formatBytes(LIST_BYTES)})`}
        >
          <Unit text={formatBytes(list.stats.bytesInMemory)} />
        </Stat>
      </dl>
      <div className="event-log-frame log-frame fill">
        <div
          ref={scroller}
          className="event-log"
          role="log"
          aria-label="Log"
          data-testid="log-lines"
          data-count={list.count}
        >
          <div style={{ height: list.totalSize, position: 'relative' }}>
            {list.rows.map((row) => {
              const line = row.state.status === 'loaded' ? row.state.item : null;
              const broken = line !== null && 'broken' in line;
              return (
                <div
                  key={row.key}
                  ref={list.measureElement}
                  data-index={row.index}
                  data-seq={line !== null && !('broken' in line) ? line.seq : undefined}
                  data-state={row.state.status}
                  className={broken ? 'event-log-row broken' : 'event-log-row'}
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  {line === null
                    ? row.state.status === 'error'
                      ? `line ${number(row.index + 1)}: ${String(row.state.error)}`
                      : '…'
                    : 'broken' in line
                      ? `line ${number(line.line)} is not JSON`
                      : `#${line.seq} [${line.level}] ${line.service}: ${line.message}`}
                </div>
              );
            })}
          </div>
        </div>
        {list.newItems > 0 && (
          <button type="button" className="new-items" onClick={() => list.scrollToIndex(list.count - 1)}>
            {number(list.newItems)} new
          </button>
        )}
      </div>
    </>
  );
}

let runs = 0;

/** A server log tail: a million NDJSON lines, 20,000 a second or as fast as they come, shown by range (decision 0084). */
export function LogPage() {
  const [lines, setLines] = useState(1_000_000);
  const [rate, setRate] = useState(20_000);
  const [cutEvery, setCutEvery] = useState(0);
  const [run, setRun] = useState(() => ++runs);
  const url = `/api/stream?format=ndjson&count=${lines}&rate=${rate}${cutEvery > 0 ? `&dropAfter=${cutEvery}` : ''}`;
  return (
    <section className="page-fill stream-page log-page">
      <PageIntro
        title="Log"
        tryThis={
          <>
            scroll up while the lines pour in: the rows you read stay put and the <em>new</em> button counts
            what arrived. Cut the connection every 25,000 lines: <em>Reconnects</em> climbs and the lines go
            on in order. At <em>no limit</em> the mock server, which runs in this page, spends most of its
            time writing lines: the newest rows show … until the list has read them.
          </>
        }
        code={
          <>
            <code>useStreamLog</code> (a Worker indexes the NDJSON body of <code>/api/stream</code>; only the
            lines the list shows are parsed) and a <code>useLazyList</code> on its <code>source</code>
          </>
        }
      >
        A server log of a million lines, 20,000 a second. The page never parses a line it does not show, so it
        stays responsive at any rate.
      </PageIntro>
      <p className="controls log-controls">
        <label>
          Lines{' '}
          <select value={lines} onChange={(e) => setLines(Number(e.target.value))}>
            {[100_000, 1_000_000].map((n) => (
              <option key={n} value={n}>
                {number(n)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Rate (lines/s){' '}
          <select value={rate} onChange={(e) => setRate(Number(e.target.value))}>
            {[2000, 20_000, 0].map((r) => (
              <option key={r} value={r}>
                {r === 0 ? 'no limit' : number(r)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Cut the connection{' '}
          <select value={cutEvery} onChange={(e) => setCutEvery(Number(e.target.value))}>
            <option value={0}>never</option>
            <option value={25_000}>every 25,000 lines</option>
          </select>
        </label>{' '}
        <button type="button" onClick={() => setRun(++runs)}>
          Restart
        </button>
      </p>
      <LogTail key={`${url}#${run}`} url={url} run={run} />
    </section>
  );
}
