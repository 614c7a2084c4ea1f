// The first request leaves when a stream is subscribed, not once the reading loop's chunk is
// loaded (decision 0050): under load that chunk came 200–500 ms after the page asked for it.
import { describe, expect, it, vi } from 'vitest';
import { untilStatus } from '../testing/untilStatus.ts';
import { createStream } from './createStream.ts';

const chunk = vi.hoisted(() => {
  let release: () => void = () => {};
  const loaded = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { loaded, release: () => release() };
});
vi.mock('./streamConnection.ts', async (importOriginal) => {
  await chunk.loaded;
  return importOriginal();
});

describe('the first request and the reading loop chunk', () => {
  it('the request leaves at subscribe while the chunk loads; its body is read once it is there, once', async () => {
    const requests: { attempt: number; lastId: unknown }[] = [];
    const stream = createStream<{ n: number }>({
      request: ({ attempt, lastId }) => {
        requests.push({ attempt, lastId });
        return new Response('{"n":1}\n{"n":2}\n');
      },
    });
    const stop = stream.subscribe(() => {});
    expect(requests).toEqual([{ attempt: 0, lastId: undefined }]);
    // Another stream, left before the chunk is there: its early request is aborted.
    const signals: AbortSignal[] = [];
    const left = createStream<{ n: number }>({
      request: ({ signal }) => {
        signals.push(signal);
        return new Response('{"n":1}\n');
      },
    });
    left.subscribe(() => {})();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stream.getSnapshot().items).toEqual([]); // nothing read without the loop
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    chunk.release();
    await untilStatus(stream, 'done');
    expect(stream.getSnapshot().items).toEqual([{ n: 1 }, { n: 2 }]);
    expect(requests).toHaveLength(1);
    expect(signals).toHaveLength(1); // the stream left makes no request once the chunk is there
    stop();
  });

  it('a paused stream makes no request at subscribe; resume() makes it', async () => {
    chunk.release();
    let requests = 0;
    const stream = createStream<{ n: number }>({
      request: () => {
        requests += 1;
        return new Response('{"n":1}\n');
      },
    });
    stream.pause();
    const stop = stream.subscribe(() => {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests).toBe(0);
    stream.resume();
    await untilStatus(stream, 'done');
    expect(requests).toBe(1);
    expect(stream.getSnapshot().items).toEqual([{ n: 1 }]);
    stop();
  });
});
