// Events replayed from the stream endpoint by the lazyflow stream pages: pages their list evicted
// (`lazyflow.tsx`), lines the log dropped from its Worker (`lazyflowLog.tsx`).
import { replayStreamEvents, type StreamEvent } from '@lazyflow/mocks';
import { apiLatency } from '../shared/fetchItems.ts';

/** Events `[offset, offset + limit)`, read again from `/api/stream` with the page's latency. */
export function replay(range: {
  offset: number;
  limit: number;
  signal: AbortSignal;
}): Promise<StreamEvent[]> {
  return replayStreamEvents(range, { params: { latency: apiLatency() } });
}
