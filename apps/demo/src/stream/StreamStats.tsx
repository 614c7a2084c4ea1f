import type { StreamStats } from '@lazyflow/core';
import type { ReactNode } from 'react';
import { formatBytes } from '../lib/hoodFigures.ts';
import { lagTone, lostTone, type Tone } from '../lib/tones.ts';

const number = (n: number) => n.toLocaleString('en');

/** One figure tile of a `.stat-grid`: a label above a large figure (the Stream and Log pages). */
export function Stat({
  label,
  title,
  tone,
  children,
}: {
  label: string;
  title?: string;
  tone?: Tone;
  children: ReactNode;
}) {
  return (
    <div className="stat" title={title} data-tone={tone}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** "3.16 MB" as the figure and a small unit, as the other tiles write "/s" and "ms" (and it fits a phone's tile). */
export function Unit({ text }: { text: string }) {
  const space = text.lastIndexOf(' ');
  if (space < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, space)} <small>{text.slice(space + 1)}</small>
    </>
  );
}

/**
 * The stream's figures as tiles: received, rate, reconnects against lost (the feat: reconnects
 * climb, lost stays 0), malformed lines, lag and the log's memory. Only lost and lag change colour
 * (lib/tones.ts).
 */
export function StreamStatsPanel({
  stats,
  lost,
  logBytes,
}: {
  stats: StreamStats;
  /** Events numbered below the newest one that never arrived. */
  lost: number;
  /** Bytes the virtualized log holds in memory. */
  logBytes: number;
}) {
  return (
    <dl
      className="stat-grid"
      data-testid="stream-stats"
      data-items={stats.items}
      data-reconnects={stats.reconnects}
      data-malformed={stats.malformed}
      data-lost={lost}
    >
      <Stat label="Received" title="events accepted, over every connection">
        {number(stats.items)}
      </Stat>
      <Stat label="Rate" title={`${formatBytes(stats.bytesPerSecond)} per second`}>
        {number(stats.itemsPerSecond)} <small>/s</small>
      </Stat>
      <Stat
        label="Reconnects"
        title="connections tried after the first, opened or failed; each resumes after the last event received"
      >
        {number(stats.reconnects)}
      </Stat>
      <Stat
        label="Lost"
        title="events numbered below the newest one that never arrived (a line the server sent broken arrived: it is counted under Malformed)"
        tone={lostTone(lost)}
      >
        {number(lost)}
      </Stat>
      <Stat
        label="Malformed"
        title="lines the server sent that were not valid JSON: reported and skipped (the event in a broken line was lost at the source, not by the stream)"
      >
        {number(stats.malformed)}
      </Stat>
      <Stat
        label="Dropped"
        title="events pushed out of the 2,000-event ring the chart reads (the log keeps them all)"
      >
        {number(stats.dropped)}
      </Stat>
      <Stat
        label="Lag"
        title="how long the oldest event of the last batch waited to be shown"
        tone={lagTone(stats.lagMs)}
      >
        {number(stats.lagMs)} <small>ms</small>
      </Stat>
      <Stat label="Log size" title="bytes the virtualized log holds in memory">
        <Unit text={formatBytes(logBytes)} />
      </Stat>
    </dl>
  );
}
