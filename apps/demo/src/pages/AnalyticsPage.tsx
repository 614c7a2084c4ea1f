import { rangeSource } from '@lazyflow/core';
import type { AnalyticsBucket, MetricPoint } from '@lazyflow/mocks';
import { useWindow } from '@lazyflow/react';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { LineChart } from '../charts/LineChart.tsx';
import { AnalyticsSummary } from '../components/AnalyticsSummary.tsx';
import { ListError } from '../components/ListError.tsx';
import { PageIntro } from '../components/PageIntro.tsx';
import { RequestLogView } from '../components/RequestLogView.tsx';
import { fetchAnalytics } from '../lib/analyticsApi.ts';
import { formatCount } from '../lib/formatCount.ts';
import { createRequestLog } from '../lib/requestLog.ts';
import { usePanZoom } from '../lib/usePanZoom.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Buckets per request: a view shows about three requests' worth, so a small pan needs at most one more. */
const BUCKET_POINTS = 60;
const START = Date.UTC(2024, 2, 4); // a Monday
const PAN_SHARE = 0.1;

/** Zoom levels: the span on screen and the bucket width (step) that suits it; the request width follows. */
const ZOOMS = [
  { label: '6 hours', span: 6 * HOUR, step: 2 * MINUTE },
  { label: '1 day', span: DAY, step: 10 * MINUTE },
  { label: '1 week', span: 7 * DAY, step: HOUR },
  { label: '30 days', span: 30 * DAY, step: 4 * HOUR },
  { label: '1 year', span: 364 * DAY, step: 2 * DAY },
] as const;

const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const duration = (ms: number) =>
  ms >= DAY ? `${ms / DAY} d` : ms >= HOUR ? `${ms / HOUR} h` : `${ms / MINUTE} min`;
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const compactCount = (value: number) => compact.format(value);
const formatMs = (value: number) => Math.round(value).toLocaleString('en');

/** The three charted series of a bucket, as the chart's points (value with a min–max band). */
const SERIES = [
  {
    name: 'requests',
    unit: 'req/min',
    title: 'Requests per minute (band: quietest–busiest minute)',
    color: '#2563eb',
    band: 'rgb(37 99 235 / 15%)',
    format: compactCount,
    point: (b: AnalyticsBucket, minutes: number): MetricPoint => ({
      t: b.t,
      value: b.requests / minutes,
      min: b.lowRpm,
      max: b.peakRpm,
    }),
  },
  {
    name: 'errors',
    unit: 'errors per bucket',
    title: 'Errors per bucket',
    color: '#dc2626',
    band: 'rgb(220 38 38 / 15%)',
    format: compactCount,
    point: (b: AnalyticsBucket): MetricPoint => ({ t: b.t, value: b.errors, min: b.errors, max: b.errors }),
  },
  {
    name: 'p95',
    unit: 'ms',
    title: 'p95 latency',
    color: '#d97706',
    band: 'rgb(217 119 6 / 15%)',
    format: formatMs,
    point: (b: AnalyticsBucket): MetricPoint => ({ t: b.t, value: b.p95Ms, min: b.p95Ms, max: b.p95Ms }),
  },
] as const;

/**
 * A traffic explorer on useWindow + rangeSource over `/api/analytics`: three series, zoom
 * levels whose bucket width follows the zoom, pan by drag, keys or buttons, and a summary of
 * the visible range. Every request is logged, so one can see that panning fetches only buckets
 * that were never on screen.
 */
export function AnalyticsPage() {
  const view = usePanZoom(ZOOMS, { zoom: 1, from: START });
  const { pan, zoomTo, from, to } = view;
  const [log] = useState(() => createRequestLog({ keep: 500 }));
  const zoom = view.level;
  const { step, span } = zoom;
  const bucket = step * BUCKET_POINTS;

  const source = useMemo(
    () =>
      rangeSource<AnalyticsBucket>({
        bucket,
        getKey: (b) => b.t,
        fetchRange: ({ from: start, to: end, signal }) =>
          log.track(`${duration(step)} buckets from ${DATE.format(start)}`, `${step}:${start}`, signal, () =>
            fetchAnalytics({ from: start, to: end, step, signal }),
          ),
      }),
    [bucket, step, log],
  );
  const win = useWindow<AnalyticsBucket>({
    key: ['demo-analytics', step],
    source,
    range: { from, to },
    prefetch: 1,
  });
  useReportStats('Analytics', win.list);

  const jumpTo = (day: string) => {
    const t = Date.parse(`${day}T00:00:00Z`);
    if (Number.isFinite(t)) view.goTo(t);
  };

  const minutes = step / MINUTE;
  const charts = useMemo(
    () => SERIES.map((series) => win.items.map((b) => series.point(b, minutes))),
    [win.items, minutes],
  );
  const requested = useSyncExternalStore(log.subscribe, log.getSnapshot).started;

  return (
    <section className="page-fill analytics-page">
      <PageIntro
        title="Analytics"
        foldOnPhone
        tryThis={
          <>
            drag a chart sideways (or focus it and press the arrow keys), zoom from 6 hours out to a year,
            then back in: the request log below lists each request, and a view seen before needs none.
          </>
        }
        code={
          <>
            <code>useWindow</code> over <code>rangeSource</code> (<code>/api/analytics</code>),{' '}
            {BUCKET_POINTS} buckets per request, <code>prefetch: 1</code>
          </>
        }
      >
        A year of a service's traffic — requests, errors and p95 latency, minute by minute — explored like a
        map: panning loads only the stretch of time that comes into view, zooming swaps to coarser buckets.
      </PageIntro>
      <div className="controls analytics-controls">
        <label>
          Range{' '}
          <select
            data-testid="an-zoom"
            value={view.zoom}
            onChange={(event) => zoomTo(Number(event.target.value))}
          >
            {ZOOMS.map((z, level) => (
              <option key={z.label} value={level}>
                {z.label} · {duration(z.step)} buckets
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="an-zoom-in"
          disabled={view.zoom === 0}
          onClick={() => zoomTo(view.zoom - 1)}
        >
          Zoom in
        </button>
        <button
          type="button"
          data-testid="an-zoom-out"
          disabled={view.zoom === ZOOMS.length - 1}
          onClick={() => zoomTo(view.zoom + 1)}
        >
          Zoom out
        </button>
        <button type="button" data-testid="an-pan-left" onClick={() => pan(-span * PAN_SHARE, true)}>
          ‹ Earlier
        </button>
        <button type="button" data-testid="an-pan-right" onClick={() => pan(span * PAN_SHARE, true)}>
          Later ›
        </button>
        <label>
          Start{' '}
          <input
            type="date"
            data-testid="an-date"
            value={new Date(from).toISOString().slice(0, 10)}
            onChange={(event) => jumpTo(event.target.value)}
          />
        </label>
      </div>
      <p
        className="list-status"
        data-testid="an-status"
        data-status={win.status}
        data-from={from}
        data-to={to}
        data-step={step}
        data-bucket={bucket}
        data-buckets={win.items.length}
        data-first={win.items[0]?.t ?? ''}
        data-last={win.items.at(-1)?.t ?? ''}
        data-requests={win.stats.requests}
        aria-live="polite"
      >
        {DATE.format(from)} – {DATE.format(to)} UTC · {formatCount(win.items.length, 'bucket')} of{' '}
        {duration(step)} · {formatCount(win.stats.requests, 'request')} at this zoom,{' '}
        {requested.toLocaleString('en')} on this page · {win.stats.inFlight} in flight · {win.status}
      </p>
      <ListError status={win.status} error={win.error} retry={win.retry} />
      {/* Charts take the rest of the screen; the summary and the request log sit beside them. */}
      <div className="analytics-body">
        <div className="analytics-charts">
          {SERIES.map((series, k) => (
            <figure key={series.name} className="analytics-chart">
              <figcaption style={{ color: series.color }}>{series.title}</figcaption>
              <LineChart
                points={charts[k] ?? []}
                from={from}
                to={to}
                onPan={pan}
                color={series.color}
                bandColor={series.band}
                formatValue={series.format}
                unit={series.unit}
                label={`${series.title}; drag or use the arrow keys to pan`}
                testId={`an-chart-${series.name}`}
                className="analytics-canvas"
              />
            </figure>
          ))}
        </div>
        <div className="analytics-side">
          <AnalyticsSummary buckets={win.items} />
          <RequestLogView log={log} testId="an-requests" title="Bucket requests" />
        </div>
      </div>
    </section>
  );
}
