import { SvgChart } from '../charts/SvgChart.tsx';
import { useSamples } from '../lib/useSamples.ts';

const KEEP = 61;
const X_TICKS_S = [60, 45, 30, 15, 0];
/** Fewer ticks when the chart is drawn short and narrow (a phone). */
const X_TICKS_NARROW_S = [60, 0];
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Events received per second over the last minute (one sample a second), with the rate asked of
 * the server as a dashed line: a cut connection shows as a dip that recovers.
 */
export function ThroughputChart({
  itemsPerSecond,
  rate,
  height = 150,
}: {
  itemsPerSecond: number;
  rate: number;
  /** The drawn height, px (shorter on a phone). */
  height?: number;
}) {
  const samples = useSamples(() => itemsPerSecond, 1_000, KEEP);
  const points = samples.map((y, i) => ({ x: i - (samples.length - 1), y }));
  return (
    <div data-testid="stream-throughput" data-samples={samples.length}>
      <SvgChart
        title={`Events received per second, last ${samples.length} s`}
        series={[{ name: 'received', color: 'var(--accent)', points, area: true }]}
        x={{
          min: -(KEEP - 1),
          max: 0,
          ticks: (height < 140 ? X_TICKS_NARROW_S : X_TICKS_S).map((s) => -s),
          format: (s) => (s === 0 ? 'now' : `${-s} s ago`),
        }}
        // The axis reaches the asked rate from the first second: its line is drawn at once, and a
        // start from 0 is a climb to it rather than a chart rescaled every second.
        y={{ unit: 'events/s', format: (v) => compact.format(v), minTop: Math.max(10, rate) }}
        rules={rate > 0 ? [{ y: rate, label: `asked ${compact.format(rate)}/s`, color: 'var(--ink-3)' }] : []}
        height={height}
      />
    </div>
  );
}
