// Built-in parsers are imported on first use (issue #15 item 7: createStream without them is
// smaller). A parser chunk that fails to load is a connection failure with a clear error value:
// retried like one, the body is cancelled, no item is lost, and the next connection imports again.
import { describe, expect, it, vi } from 'vitest';
import { untilStatus } from '../testing/untilStatus.ts';
import { createStream } from './createStream.ts';

const loads = vi.hoisted(() => ({ sse: 0 }));
vi.mock('./parseSse.ts', async (importOriginal) => {
  loads.sse += 1;
  if (loads.sse <= 2) throw new Error('chunk parseSse failed to load');
  return importOriginal();
});

function body(text: string, onCancel: () => void = () => {}) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
    cancel: onCancel,
  });
}

describe('built-in parsers loaded on first use', () => {
  it('ndjson, json-seq: the format named is imported and parses', async () => {
    for (const [format, text] of [
      ['ndjson', '{"n":1}\n{"n":2}\n'],
      ['json-seq', '\u001E{"n":1}\n\u001E{"n":2}\n'],
    ] as const) {
      const stream = createStream<{ n: number }>({
        format,
        retry: false,
        request: () => new Response(body(text)),
      });
      const stop = stream.subscribe(() => {});
      await untilStatus(stream, 'done', 'error');
      expect(stream.getSnapshot()).toMatchObject({ status: 'done', items: [{ n: 1 }, { n: 2 }] });
      stop();
    }
  });

  it('a parser that fails to load: status error with that error, the body cancelled; retry loads it again', async () => {
    let cancelled = 0;
    const stream = createStream<{ n: number }>({
      format: 'sse',
      retry: { attempts: 2, baseDelayMs: 1 },
      request: () => new Response(body('data: {"n":1}\n\ndata: {"n":2}\n\n', () => (cancelled += 1))),
    });
    const stop = stream.subscribe(() => {});
    await untilStatus(stream, 'done', 'error');
    const failed = stream.getSnapshot();
    expect(failed.status).toBe('error');
    // The import's own error (vitest wraps a failing mock factory's error as its cause).
    const error = failed.error as Error;
    expect(String((error.cause as Error | undefined)?.message ?? error.message)).toBe(
      'chunk parseSse failed to load',
    );
    expect(failed.stats.reconnects).toBe(1); // the failed load was retried like a dropped connection
    expect(cancelled).toBe(2);
    stream.retry();
    await untilStatus(stream, 'done');
    expect(loads.sse).toBe(3); // imported again, not the failed import kept
    expect(stream.getSnapshot().items).toEqual([{ n: 1 }, { n: 2 }]);
    stop();
  });
});
