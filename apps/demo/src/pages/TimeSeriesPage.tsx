import { rangeSource } from '@lazyflow/core';
import type { MetricPoint } from '@lazyflow/mocks';
import { useWindow } from '@lazyflow/react';
import { useMemo, useState } from 'react';
import { LineChart } from '../components/LineChart.tsx';
import { ListError } from '../components/ListError.tsx';
import { fetchMetrics } from '../lib/api.ts';
import { usePanZoom } from '../lib/usePanZoom.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Points per bucket: one request fetches this many points of the current resolution. */
const BUCKET_POINTS = 120;
const START = Date.UTC(2024, 0, 1);

/** Zoom levels: the visible span and the resolution (one point per `step`) that suits it. */
const ZOOMS = [
  { label: '6 hours', span: 6 * HOUR, step: MINUTE },
  { label: '1 day', span: DAY, step: 5 * MINUTE },
  { label: '1 week', span: 7 * DAY, step: 30 * MINUTE },
  { label: '30 days', span: 30 * DAY, step: 2 * HOUR },
] as const;

const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A time-series explorer on useWindow + rangeSource: pan and zoom fetch only buckets not held yet. */
export function TimeSeriesPage() {
  const view = usePanZoom(ZOOMS, { zoom: 1, from: START });
  const { pan, zoomTo, from, to } = view;
  const [fetched, setFetched] = useState<readonly string[]>([]);
  const zoom = view.level;
  const { step, span } = zoom;

  const source = useMemo(
    () =>
      rangeSource<MetricPoint>({
        bucket: step * BUCKET_POINTS,
        getKey: (point) => point.t,
        fetchRange: ({ from: start, to: end, signal }) => {
          setFetched((log) => [...log, `${step}:${start}`]);
          return fetchMetrics({ from: start, to: end, step, signal });
        },
      }),
    [step],
  );
  const win = useWindow<MetricPoint>({
    key: ['demo-metrics', step],
    source,
    range: { from, to },
    prefetch: 1,
  });
  useReportStats('Metrics', win.stats);

  const summary = useMemo(() => {
    if (win.items.length === 0) return null;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (const point of win.items) {
      min = Math.min(min, point.value);
      max = Math.max(max, point.value);
      sum += point.value;
    }
    return { min, max, avg: sum / win.items.length };
  }, [win.items]);

  const buckets = fetched.filter((entry) => entry.startsWith(`${step}:`)).length;
  return (
    <section>
      <h1>Time series</h1>
      <p>
        <code>useWindow</code> over <code>rangeSource</code> and <code>/api/metrics</code>: the time axis is
        cut into buckets of {BUCKET_POINTS} points; panning fetches only the buckets that come into view,
        zooming changes the resolution.
      </p>
      <div className="controls">
        <button type="button" data-testid="ts-pan-left" onClick={() => pan(-span / 4, true)}>
          ← Earlier
        </button>
        <button type="button" data-testid="ts-pan-right" onClick={() => pan(span / 4, true)}>
          Later →
        </button>
        <button
          type="button"
          data-testid="ts-zoom-in"
          disabled={view.zoom === 0}
          onClick={() => zoomTo(view.zoom - 1)}
        >
          Zoom in
        </button>
        <button
          type="button"
          data-testid="ts-zoom-out"
          disabled={view.zoom === ZOOMS.length - 1}
          onClick={() => zoomTo(view.zoom + 1)}
        >
          Zoom out
        </button>
        <span>
          {zoom.label} · one point per {step / MINUTE} min · {DATE.format(from)} – {DATE.format(to)} UTC
        </span>
      </div>
      <LineChart points={win.items} from={from} to={to} onPan={pan} />
      <ListError status={win.status} error={win.error} retry={win.retry} />
      <dl
        className="summary"
        data-testid="ts-summary"
        data-status={win.status}
        data-from={from}
        data-to={to}
        data-step={step}
        data-points={win.items.length}
        data-first={win.items[0]?.t ?? ''}
        data-last={win.items.at(-1)?.t ?? ''}
        data-fetched={JSON.stringify(fetched)}
      >
        <dt>points</dt>
        <dd>{win.items.length}</dd>
        <dt>min</dt>
        <dd>{summary ? summary.min.toFixed(2) : '–'}</dd>
        <dt>max</dt>
        <dd>{summary ? summary.max.toFixed(2) : '–'}</dd>
        <dt>avg</dt>
        <dd>{summary ? summary.avg.toFixed(2) : '–'}</dd>
        <dt>status</dt>
        <dd>{win.status}</dd>
        <dt>buckets fetched</dt>
        <dd>{buckets}</dd>
      </dl>
    </section>
  );
}
