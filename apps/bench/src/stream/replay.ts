// Events replayed from the stream endpoint by the lazyflow stream pages: pages their list evicted
// (`lazyflow.tsx`), lines the log dropped from its Worker (`lazyflowLog.tsx`).
import type { StreamEvent } from '@lazyflow/mocks';
import { apiUrl } from '../shared/fetchItems.ts';

/** Events `[offset, offset + limit)`, read again from `/api/stream`. */
export async function replay({
  offset,
  limit,
  signal,
}: {
  offset: number;
  limit: number;
  signal: AbortSignal;
}): Promise<StreamEvent[]> {
  const response = await fetch(
    apiUrl('stream', { from: offset, count: offset + limit, rate: 0, format: 'ndjson' }),
    { signal },
  );
  if (!response.ok)
    throw new Error(`replay of events ${offset}–${offset + limit} failed: HTTP ${response.status}`);
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StreamEvent);
}
