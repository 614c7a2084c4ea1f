// The stream tile: 1,200 events whose connection the server cuts every 300; each reconnect
// resumes after the last event received.
import { useStream } from '@lazyflow/react';
import { useRef, useState } from 'react';
import { pluralize } from '../lib/formatCount.ts';
import { lostEvents } from '../stream/lostEvents.ts';
import { FeatTile } from './FeatTile.tsx';
import { count, until } from './liveRun.ts';

interface TileEvent {
  readonly seq: number;
}

const EVENTS = 1_200;
const DROP_AFTER = 300;

/** The figures of one run, read by the tile's wait. */
interface StreamFigures {
  readonly status: string;
  readonly items: number;
  readonly reconnects: number;
  readonly lost: number;
}

function CutStream({ figures }: { figures: { current: StreamFigures | null } }) {
  const { items, status, stats } = useStream<TileEvent>({
    request: (r) => {
      const from = r.lastId === undefined ? 0 : Number(r.lastId) + 1;
      return fetch(
        `/api/stream?count=${EVENTS}&rate=4000&format=ndjson&from=${from}&dropAfter=${DROP_AFTER}`,
        {
          signal: r.signal,
        },
      );
    },
    format: 'ndjson',
    maxItems: 200,
    resume: { key: (e) => e.seq },
    retry: { attempts: 6, baseDelayMs: 200 },
  });
  const newest = items.at(-1)?.seq;
  const lost = lostEvents(newest, stats);
  figures.current = { status, items: stats.items, reconnects: stats.reconnects, lost };
  return (
    <div className="mini-list mini-stream" data-testid="feat-stream-live" data-status={status}>
      <p>
        <strong>{count(stats.items)}</strong> of {count(EVENTS)} events ·{' '}
        <strong>{count(stats.reconnects)}</strong> {pluralize(stats.reconnects, 'reconnect')} ·{' '}
        <strong>{count(lost)}</strong> lost
      </p>
      <progress max={EVENTS} value={stats.items} aria-label="Events received" />
      <p className="muted">last event #{newest === undefined ? '–' : count(newest)}</p>
    </div>
  );
}

/** Runs a stream that is cut every 300 events and counts what it lost: nothing. */
export function StreamTile() {
  const [run, setRun] = useState(0);
  const figures = useRef<StreamFigures | null>(null);
  const measure = async () => {
    figures.current = null;
    setRun((n) => n + 1);
    await until(
      () => figures.current?.status === 'done' || figures.current?.status === 'error',
      `${count(EVENTS)} events`,
      30_000,
    );
    const f = figures.current as StreamFigures | null;
    if (f === null || f.status !== 'done') throw new Error('the stream failed');
    return {
      text: (
        <>
          <strong>{count(f.items)}</strong> events over <strong>{count(f.reconnects)}</strong>{' '}
          {pluralize(f.reconnects, 'cut connection')}, <strong>{count(f.lost)} lost</strong>: each reconnect
          asked for the events after the last one received.
        </>
      ),
      data: { items: f.items, reconnects: f.reconnects, lost: f.lost },
    };
  };
  return (
    <FeatTile
      id="stream"
      title="Streams that resume without loss"
      look={`The server cuts the connection every ${DROP_AFTER} events of ${count(EVENTS)}.`}
      to="/stream?drop=300"
      run={measure}
    >
      {run === 0 ? (
        <div className="mini-list mini-stream mini-empty" data-testid="feat-stream-live">
          <p className="muted">No stream open yet.</p>
        </div>
      ) : (
        <CutStream key={run} figures={figures} />
      )}
    </FeatTile>
  );
}
