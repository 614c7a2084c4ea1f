import type { MemoryLevel } from '@lazyflow/core';
import type { HoodSample } from '../lib/hoodFigures.ts';

/** Line colours of the pressure levels (also the panel's level badge). */
export const LEVEL_COLORS: Record<MemoryLevel, string> = {
  ok: '#16a34a',
  high: '#d97706',
  critical: '#dc2626',
};

interface Run {
  readonly level: MemoryLevel;
  readonly points: string[];
}

/**
 * Bytes in memory (coloured by the pressure level at each sample) and the JS heap (grey),
 * newest on the right. Each line has its own scale: the heap is megabytes where a list's pages
 * may be kilobytes, and the shape of each is what a glance needs.
 */
export function Sparkline({
  samples,
  keep,
  width = 228,
  height = 52,
}: {
  samples: readonly HoodSample[];
  /** Samples the full width holds. */
  keep: number;
  width?: number;
  height?: number;
}) {
  const x = (i: number) => ((i + keep - samples.length) / Math.max(1, keep - 1)) * width;
  const y = (value: number, max: number) => (height - 3 - (value / max) * (height - 6)).toFixed(1);
  const maxBytes = Math.max(1, ...samples.map((s) => s.bytes));
  const heaps = samples.flatMap((s, i) => (s.heap === undefined ? [] : [{ i, heap: s.heap }]));
  const maxHeap = Math.max(1, ...heaps.map((h) => h.heap));
  // Consecutive samples of one level form one run; each run starts where the previous ended.
  const runs: Run[] = [];
  samples.forEach((sample, i) => {
    const point = `${x(i).toFixed(1)},${y(sample.bytes, maxBytes)}`;
    const last = runs.at(-1);
    if (last?.level === sample.level) last.points.push(point);
    else runs.push({ level: sample.level, points: [...(last ? [last.points.at(-1) ?? point] : []), point] });
  });
  const latest = samples.at(-1);
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={`Bytes in memory${heaps.length > 0 ? ' and JS heap' : ''}, last ${samples.length} samples${latest ? `, pressure ${latest.level}` : ''}`}
      data-testid="hood-sparkline"
      data-samples={samples.length}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      {heaps.length > 1 && (
        <polyline
          className="spark-heap"
          fill="none"
          stroke="#9ca3af"
          strokeDasharray="3 2"
          points={heaps.map((h) => `${x(h.i).toFixed(1)},${y(h.heap, maxHeap)}`).join(' ')}
        />
      )}
      {runs.map((run, i) => (
        <polyline
          // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity but their order
          key={i}
          className="spark-bytes"
          data-level={run.level}
          fill="none"
          stroke={LEVEL_COLORS[run.level]}
          strokeWidth={2}
          points={run.points.join(' ')}
        />
      ))}
    </svg>
  );
}
