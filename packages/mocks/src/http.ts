// Query parsing, validation and fault-aware responses shared by the handlers.
// Invalid input answers HTTP 400 with `{ error }` naming the parameter and the value.
import { HttpResponse } from 'msw';
import { delay, type Faults, getFaultDefaults, stall } from './faults.ts';

/** Thrown by the parsers below; turned into an HTTP 400 by {@link handle}. */
export class BadRequest extends Error {}

interface IntRule {
  min?: number;
  max?: number;
}

/** An integer query parameter, or `fallback` when absent. */
export function intParam(url: URL, name: string, fallback: number, rule?: IntRule): number;
export function intParam(url: URL, name: string, fallback: number | null, rule?: IntRule): number | null;
export function intParam(url: URL, name: string, fallback: number | null, rule: IntRule = {}): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = rule;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadRequest(`"${name}" must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** A finite number query parameter in `[min, max]`, or `fallback` when absent. */
function numberParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new BadRequest(`"${name}" must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** One of `choices`, or the first choice when absent. */
export function choiceParam<T extends string>(url: URL, name: string, choices: readonly T[]): T {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return choices[0] as T;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new BadRequest(`"${name}" must be one of ${choices.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** The most mutations per second `churn` may ask for. */
const MAX_CHURN_RATE = 1_000;

/** The request's faults: its own query parameters over the panel's defaults. */
function readFaults(url: URL): Faults {
  const base = getFaultDefaults();
  return {
    latency: intParam(url, 'latency', base.latency, { max: 60_000 }),
    errorRate: numberParam(url, 'errorRate', base.errorRate, 0, 1),
    stallRate: numberParam(url, 'stallRate', base.stallRate ?? 0, 0, 1),
    dropAfter: intParam(url, 'dropAfter', base.dropAfter, { min: 1 }),
    malformedEvery: intParam(url, 'malformedEvery', base.malformedEvery, { min: 1 }),
    slow: intParam(url, 'slow', base.slow, { min: 1, max: 1_000_000 }),
    churn: numberParam(url, 'churn', base.churn ?? 0, 0, MAX_CHURN_RATE),
    churnSeed: intParam(url, 'seed', base.churnSeed ?? 1, { max: 0xffffffff }),
  };
}

/** Pause between two trickled chunks when `slow` is on. */
const SLOW_CHUNK_PAUSE_MS = 5;

/**
 * Hands `bytes` to `enqueue` in `size`-byte chunks with a pause between them (multi-byte
 * characters may be split: that is the point). Shared by JSON bodies and streams.
 */
export async function writeTrickled(
  bytes: Uint8Array,
  size: number,
  enqueue: (chunk: Uint8Array) => void,
): Promise<void> {
  for (let at = 0; at < bytes.length; at += size) {
    if (at > 0) await delay(SLOW_CHUNK_PAUSE_MS, undefined, 0);
    enqueue(bytes.slice(at, at + size));
  }
}

/** `bytes` as a stream of `size`-byte chunks. */
function trickle(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      await writeTrickled(bytes, size, (chunk) => controller.enqueue(chunk));
      controller.close();
    },
  });
}

/** A JSON response, trickled when the request asked for `slow`. */
export function json(body: unknown, faults: Faults, status = 200): Response {
  if (faults.slow === null) return HttpResponse.json(body as Record<string, unknown>, { status });
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return new HttpResponse(trickle(bytes, faults.slow), {
    status,
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) },
  });
}

/** The body every error response has. */
export interface ErrorBody {
  error: string;
}

/**
 * Runs a handler with the shared rules: parameters are parsed first (HTTP 400 naming the
 * parameter when one is invalid, before any delay), then the latency, error-rate and stall
 * faults apply, then the endpoint responds.
 */
export async function handle<P>(
  request: Request,
  parse: (url: URL) => P,
  respond: (params: P, faults: Faults, request: Request) => Response | Promise<Response>,
): Promise<Response> {
  const url = new URL(request.url);
  let params: P;
  let faults: Faults;
  try {
    faults = readFaults(url);
    params = parse(url);
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    return HttpResponse.json({ error: error.message } satisfies ErrorBody, { status: 400 });
  }
  await delay(faults.latency, request.signal);
  if (faults.errorRate > 0 && Math.random() < faults.errorRate) {
    const body: ErrorBody = { error: `injected server error (errorRate=${faults.errorRate})` };
    return HttpResponse.json(body, { status: 500 });
  }
  if (faults.stallRate > 0 && Math.random() < faults.stallRate) await stall(request.signal);
  return respond(params, faults, request);
}

/**
 * How many lines a stream paced at `rate` lines per second may write now, at most `maxBatch`:
 * at least 1, after waiting while it is ahead of its rate; `maxBatch` when `rate` is 0 (as fast
 * as the reader pulls).
 *
 * @example
 * const n = await linesDue(2_000, started, sent, 500);
 */
export async function linesDue(
  rate: number,
  started: number,
  sent: number,
  maxBatch: number,
): Promise<number> {
  if (rate <= 0) return maxBatch;
  const elapsed = performance.now() - started;
  const due = Math.floor((elapsed * rate) / 1000) + 1 - sent;
  if (due >= 1) return Math.min(due, maxBatch);
  await delay(((sent - (elapsed * rate) / 1000) * 1000) / rate, undefined, 0);
  return 1;
}

/**
 * The required `from` and `to` (ms since the epoch) of a time-range request, `to` not before
 * `from`; a BadRequest otherwise.
 *
 * @example
 * const { from, to } = timeRangeParams(new URL('http://x/api/metrics?from=0&to=60000'));
 */
export function timeRangeParams(url: URL): { from: number; to: number } {
  const from = intParam(url, 'from', null);
  const to = intParam(url, 'to', null);
  if (from === null || to === null) throw new BadRequest('"from" and "to" are required (ms since the epoch)');
  if (to < from) throw new BadRequest(`"to" (${to}) must not be before "from" (${from})`);
  return { from, to };
}
