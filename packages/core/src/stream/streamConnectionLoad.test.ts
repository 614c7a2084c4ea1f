// The reading loop is a lazy chunk imported when a stream is created (issue #15 item 7). The first
// request does not wait for it (decision 0050). If it fails to load, that request is aborted, the
// stream ends with status 'error' and that error (nothing thrown, nothing unhandled), and retry()
// imports it again and reads.
import { describe, expect, it, vi } from 'vitest';
import { untilStatus } from '../testing/untilStatus.ts';
import { createStream } from './createStream.ts';

const loads = vi.hoisted(() => ({ connection: 0 }));
vi.mock('./streamConnection.ts', async (importOriginal) => {
  loads.connection += 1;
  if (loads.connection === 1) throw new Error('chunk streamConnection failed to load');
  return importOriginal();
});

describe('the reading loop loaded on first read', () => {
  it('a failed load: status error with the import error, its request aborted; retry() loads it and reads', async () => {
    let requests = 0;
    const signals: AbortSignal[] = [];
    const stream = createStream<{ n: number }>({
      request: ({ signal }) => {
        requests += 1;
        signals.push(signal);
        return new Response('{"n":1}\n{"n":2}\n');
      },
    });
    const stop = stream.subscribe(() => {});
    await untilStatus(stream, 'error');
    const failed = stream.getSnapshot();
    expect(failed.status).toBe('error');
    // The import's own error (vitest wraps a failing mock factory's error as its cause).
    const error = failed.error as Error;
    expect(String((error.cause as Error | undefined)?.message ?? error.message)).toBe(
      'chunk streamConnection failed to load',
    );
    // The request left before the chunk was loaded, and was aborted when it failed.
    expect(requests).toBe(1);
    expect(signals[0]?.aborted).toBe(true);
    stream.retry();
    await untilStatus(stream, 'done');
    expect(loads.connection).toBe(2);
    expect(requests).toBe(2);
    expect(signals[1]?.aborted).toBe(false);
    expect(stream.getSnapshot().items).toEqual([{ n: 1 }, { n: 2 }]);
    stop();
  });
});
