// The client side of `/api/stream` that the demo's and the bench's stream pages share: events
// their list let go of (or a stream log dropped), read again in one NDJSON answer.
import type { StreamEvent } from './dataset.ts';

/**
 * Events `[offset, offset + limit)` of `/api/stream`, read again at once (`rate=0`). `params` adds
 * query parameters (the bench's mock latency); `base` is the origin for a caller outside a page
 * (a Node test). A failed answer throws an Error naming the events and the HTTP status.
 *
 * @example
 * const events = await replayStreamEvents({ offset: 2_000, limit: 100, signal });
 */
export async function replayStreamEvents(
  { offset, limit, signal }: { offset: number; limit: number; signal: AbortSignal },
  { params = {}, base = '' }: { params?: Record<string, string | number>; base?: string } = {},
): Promise<StreamEvent[]> {
  const query = new URLSearchParams({
    from: String(offset),
    count: String(offset + limit),
    rate: '0',
    format: 'ndjson',
  });
  for (const [key, value] of Object.entries(params)) query.set(key, String(value));
  const response = await fetch(`${base}/api/stream?${query}`, { signal });
  if (!response.ok)
    throw new Error(`replay of events ${offset}–${offset + limit} failed: HTTP ${response.status}`);
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StreamEvent);
}
