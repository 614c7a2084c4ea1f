import { axisBytes, formatBytes } from '../lib/hoodFigures.ts';
import { SvgChart } from './SvgChart.tsx';

const X_TICKS_S = [60, 45, 30, 15, 0];

/**
 * The under-the-hood panel's memory chart: the page's bytes in memory over the last `keep`
 * samples (one a second, newest on the right) against the lists' budget line.
 */
export function MemoryChart({
  bytes,
  budgetBytes,
  keep,
}: {
  /** Bytes in memory, oldest first. */
  bytes: readonly number[];
  budgetBytes: number;
  keep: number;
}) {
  // x is seconds before now: the newest sample at 0.
  const points = bytes.map((value, i) => ({ x: i - (bytes.length - 1), y: value }));
  const span = keep - 1;
  return (
    <div data-testid="hood-memory-chart" data-samples={bytes.length} data-budget={budgetBytes}>
      <SvgChart
        title={`Bytes in memory over the last ${bytes.length} s, against a budget of ${formatBytes(budgetBytes)}`}
        series={[{ name: 'in memory', color: 'var(--accent)', points, area: true }]}
        x={{
          min: -span,
          max: 0,
          ticks: X_TICKS_S.filter((s) => s <= span).map((s) => -s),
          format: (s) => (s === 0 ? 'now' : `${-s} s`),
        }}
        y={{ unit: 'bytes', format: axisBytes, minTop: 1024, bytes: true }}
        rules={
          budgetBytes > 0
            ? // A limit, not an alarm: in the secondary ink, as the badges alone turn red (issue #20 item 3).
              [{ y: budgetBytes, label: `budget ${formatBytes(budgetBytes)}`, color: 'var(--ink-2)' }]
            : []
        }
        height={130}
      />
    </div>
  );
}
