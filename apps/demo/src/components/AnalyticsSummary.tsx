import type { AnalyticsBucket } from '@lazyflow/mocks';
import { useMemo } from 'react';
import { formatCount } from '../lib/formatCount.ts';

/** Min, mean and max over the visible buckets, and the range's overall figure. */
export interface SeriesSummary {
  readonly name: string;
  readonly label: string;
  readonly min: number;
  readonly avg: number;
  readonly max: number;
  /** Requests and errors: the sum; rates and latency: the request-weighted overall value. */
  readonly overall: number;
  readonly format: (value: number) => string;
}

const integer = (value: number) => Math.round(value).toLocaleString('en');
const percent = (value: number) => `${value.toFixed(2)}%`;
const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;

function stats(values: readonly number[]): { min: number; avg: number; max: number; sum: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
    sum += value;
  }
  return { min, max, sum, avg: sum / values.length };
}

/**
 * Per-series figures of `buckets`: requests and errors per bucket (overall = total), the error
 * rate per bucket (overall = all errors / all requests) and p95 latency (overall = weighted by
 * requests, like the server's own rollup). Empty for no buckets.
 */
export function summarize(buckets: readonly AnalyticsBucket[]): SeriesSummary[] {
  if (buckets.length === 0) return [];
  const requests = stats(buckets.map((b) => b.requests));
  const errors = stats(buckets.map((b) => b.errors));
  const rates = stats(buckets.map((b) => (b.requests === 0 ? 0 : (100 * b.errors) / b.requests)));
  const p95 = stats(buckets.map((b) => b.p95Ms));
  const weighted = buckets.reduce((sum, b) => sum + b.p95Ms * b.requests, 0);
  return [
    { name: 'requests', label: 'Requests', ...requests, overall: requests.sum, format: integer },
    { name: 'errors', label: 'Errors', ...errors, overall: errors.sum, format: integer },
    {
      name: 'error-rate',
      label: 'Error rate',
      ...rates,
      overall: requests.sum === 0 ? 0 : (100 * errors.sum) / requests.sum,
      format: percent,
    },
    {
      name: 'p95',
      label: 'p95 latency',
      ...p95,
      overall: requests.sum === 0 ? 0 : weighted / requests.sum,
      format: ms,
    },
  ];
}

/** The summary table of the visible buckets; it follows every pan and zoom. */
export function AnalyticsSummary({ buckets }: { buckets: readonly AnalyticsBucket[] }) {
  const rows = useMemo(() => summarize(buckets), [buckets]);
  return (
    <table className="analytics-summary" data-testid="an-summary" data-buckets={buckets.length}>
      <caption>
        Visible range: {formatCount(buckets.length, 'bucket')} (min, mean and max per bucket; overall for the
        whole range)
      </caption>
      <thead>
        <tr>
          <th scope="col">Series</th>
          <th scope="col">Min</th>
          <th scope="col">Mean</th>
          <th scope="col">Max</th>
          <th scope="col">Overall</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.name}
            data-series={row.name}
            data-min={row.min}
            data-avg={row.avg}
            data-max={row.max}
            data-overall={row.overall}
          >
            <th scope="row">{row.label}</th>
            <td>{row.format(row.min)}</td>
            <td>{row.format(row.avg)}</td>
            <td>{row.format(row.max)}</td>
            <td>{row.format(row.overall)}</td>
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              Loading…
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
