import { HttpResponse, http } from 'msw';
import { MAX_TOTAL } from '../dataset.ts';
import type { Faults } from '../faults.ts';
import { BadRequest, choiceParam, type ErrorBody, handle, intParam, json } from '../http.ts';
import { type Template, templateBytes, templateLine, templates } from '../templateDataset.ts';
import { decodeCursor, encodeCursor } from './feed.ts';
import { ndjsonBody } from './ndjsonBody.ts';

/** The datasets of `/api/templates`, each answering in the shape its name stands for. */
export const TEMPLATE_DATASETS = ['small', 'medium', 'feed', 'huge', 'live', 'static'] as const;
export type TemplateDataset = (typeof TEMPLATE_DATASETS)[number];

/** How a dataset pages: what its JSON answer looks like. */
type Paging = 'offset' | 'cursor' | 'open' | 'array';

interface DatasetSpec {
  paging: Paging;
  /** Templates in the dataset; for `open` the point where even a live feed stops (MAX_TOTAL). */
  total: number;
  /** Default stream rate (templates/s; 0 = as fast as the reader pulls). */
  rate: number;
}

// ≈ 221 B per template on average, so small ≈ 442 kB, medium ≈ 44.7 MB, feed ≈ 221 MB and
// huge ≈ 4.5 GB (templateBytes gives the exact figures).
const DATASETS: Record<TemplateDataset, DatasetSpec> = {
  small: { paging: 'offset', total: 2_000, rate: 0 },
  medium: { paging: 'offset', total: 200_000, rate: 0 },
  feed: { paging: 'cursor', total: 1_000_000, rate: 0 },
  // ~4.5 MB/s by default: the handlers run on the page's main thread, so a reader that never
  // pauses must not turn the demo into a template generator.
  huge: { paging: 'offset', total: 20_000_000, rate: 20_000 },
  // Open-ended: new templates "arrive" at 50 per second.
  live: { paging: 'open', total: MAX_TOTAL, rate: 50 },
  static: { paging: 'array', total: 500, rate: 0 },
};

/** Templates in each dataset (the open-ended `live` one reports no size to clients). */
export const TEMPLATE_TOTALS: Readonly<Record<TemplateDataset, number>> = Object.freeze(
  Object.fromEntries(TEMPLATE_DATASETS.map((name) => [name, DATASETS[name].total])) as Record<
    TemplateDataset,
    number
  >,
);

/** `dataset=small|medium|huge`: a page and the dataset's size in items. */
export interface TemplatesOffsetPage {
  items: Template[];
  total: number;
}

/** `dataset=feed`: a forward-only cursor page, no size. */
export interface TemplatesCursorPage {
  items: Template[];
  nextCursor: string | null;
  prevCursor: null;
}

/** `dataset=live`: a page of an open-ended dataset, neither size nor cursor. */
export interface TemplatesOpenPage {
  items: Template[];
}

/** Any JSON answer of `/api/templates` (`dataset=static` answers a bare `Template[]`). */
export type TemplatesResponse = TemplatesOffsetPage | TemplatesCursorPage | TemplatesOpenPage | Template[];

/** The most templates one JSON request may ask for (~11 MB). */
export const MAX_TEMPLATE_LIMIT = 50_000;

let probeFailing = false;

/**
 * Makes every probe of `/api/templates` (a JSON request at offset 0 without a cursor) answer
 * HTTP 500 until switched off, as `?fail=probe` does per request. The handlers run in the
 * page, so the demo's "server fails the probe" switch takes effect on the next request.
 *
 * @example
 * setTemplateProbeFailure(true); // lists show their error
 * setTemplateProbeFailure(false); // their Retry now succeeds
 */
export function setTemplateProbeFailure(failing: boolean): void {
  probeFailing = failing;
}

interface TemplatesParams {
  dataset: TemplateDataset;
  spec: DatasetSpec;
  offset: number;
  limit: number;
  /** Position the feed cursor stands for, or null. */
  cursor: number | null;
  rate: number;
  failProbe: boolean;
  ndjson: boolean;
}

function parse(url: URL, request: Request): TemplatesParams {
  const dataset = choiceParam(url, 'dataset', TEMPLATE_DATASETS);
  const spec = DATASETS[dataset];
  const offset = intParam(url, 'offset', 0, { max: MAX_TOTAL });
  const limit = intParam(url, 'limit', 100, { min: 1, max: MAX_TEMPLATE_LIMIT });
  const raw = url.searchParams.get('cursor');
  if (raw && spec.paging !== 'cursor') {
    throw new BadRequest(`"cursor" is only accepted by dataset=feed, got dataset=${dataset}`);
  }
  const cursor = raw ? decodeCursor(raw, spec.total) : null;
  const ndjson = (request.headers.get('Accept') ?? '').includes('application/x-ndjson');
  if (spec.paging === 'cursor' && offset > 0 && !ndjson) {
    throw new BadRequest(
      `dataset=feed pages by "cursor" (nextCursor), not by "offset", got offset=${offset}`,
    );
  }
  return {
    dataset,
    spec,
    offset,
    limit,
    cursor,
    rate: intParam(url, 'rate', spec.rate, { max: 1_000_000 }),
    failProbe: probeFailing || choiceParam(url, 'fail', ['none', 'probe'] as const) === 'probe',
    ndjson,
  };
}

/** Headers every answer of a dataset of known size carries: its exact size in bytes. */
function sizeHeaders(spec: DatasetSpec): Record<string, string> {
  return spec.paging === 'offset' ? { 'X-Total-Bytes': String(templateBytes(spec.total)) } : {};
}

function page(params: TemplatesParams): TemplatesResponse {
  const { spec, offset, limit, cursor } = params;
  const start = Math.min(cursor ?? offset, spec.total);
  const end = Math.min(start + limit, spec.total);
  switch (spec.paging) {
    case 'offset':
      return { items: templates(start, end), total: spec.total };
    case 'cursor':
      return {
        items: templates(start, end),
        nextCursor: end < spec.total ? encodeCursor(end, spec.total) : null,
        prevCursor: null,
      };
    case 'open':
      return { items: templates(start, end) };
    case 'array':
      return templates(0, spec.total);
  }
}

function respond(params: TemplatesParams, faults: Faults): Response {
  const { spec, offset, cursor } = params;
  if (params.ndjson) {
    const body = ndjsonBody(
      { from: Math.min(offset, spec.total), end: spec.total, rate: params.rate, lineAt: templateLine },
      faults,
    );
    return new HttpResponse(body, {
      headers: { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-cache', ...sizeHeaders(spec) },
    });
  }
  if (params.failProbe && offset === 0 && cursor === null) {
    const body: ErrorBody = { error: `injected probe failure for dataset=${params.dataset} (fail=probe)` };
    return HttpResponse.json(body, { status: 500 });
  }
  const response = json(page(params), faults);
  for (const [name, value] of Object.entries(sizeHeaders(spec))) response.headers.set(name, value);
  return response;
}

/**
 * `GET /api/templates?dataset=small|medium|feed|huge|live|static` — the server side of
 * `autoSource`'s protocol. JSON (`Accept: application/json`, `offset`/`limit`, default 0/100):
 * - `small` (2,000), `medium` (200,000), `huge` (20,000,000) → `{ items, total }` plus
 *   `X-Total-Bytes`, the exact NDJSON size of the whole dataset;
 * - `feed` (1,000,000) → `{ items, nextCursor, prevCursor: null }`, forward by `cursor`, no size;
 * - `live` → `{ items }`: open-ended, no size, no cursor;
 * - `static` (500) → a bare array of the whole dataset, whatever `offset`/`limit` say.
 *
 * With `Accept: application/x-ndjson` any dataset streams one template per line from `offset`,
 * pulled by the reader, at `rate` templates/s (default: `huge` 20,000, `live` 50, else as fast
 * as pulled). `fail=probe` (or {@link setTemplateProbeFailure}) answers HTTP 500 to the probe.
 * The shared faults (latency, errorRate, slow, dropAfter, malformedEvery) apply as elsewhere.
 */
export const templatesHandler = http.get('*/api/templates', ({ request }) =>
  handle(request, (url) => parse(url, request), respond),
);
