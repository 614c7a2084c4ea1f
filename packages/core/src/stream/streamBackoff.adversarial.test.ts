// The reconnect backoff of createStream waits its whole delay: the frames that publish while it
// waits (the 'reconnecting' status itself is one) must not end it. They did: the backoff's sleep
// waited on the same wakers as the backpressure gate, which every published frame wakes, so a
// server that was down was asked again one frame after each failure and `retry.attempts` ran
// out within ~100 ms (and the SSE `retry:` field was never waited either).
import { describe, expect, it } from 'vitest';
import { createManualFrameScheduler } from '../env/frameScheduler.ts';
import type { Timers } from '../env/timers.ts';
import { createStream } from './createStream.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Timers that fire only when the test says so. */
function manualTimers() {
  const queue = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    setTimeout(callback, ms) {
      queue.set(next, { callback, ms });
      return next++;
    },
    clearTimeout(handle) {
      queue.delete(handle as number);
    },
  };
  const fire = (ms: number) => {
    for (const [id, timer] of queue) {
      if (timer.ms !== ms) continue;
      queue.delete(id);
      timer.callback();
    }
  };
  return { timers, fire, delays: () => [...queue.values()].map((t) => t.ms) };
}

/** A body of `text`, then a network error on the next read. */
function dropping(text: string): Response {
  let sent = false;
  return new Response(
    new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (sent) controller.error(new TypeError('cut'));
          else controller.enqueue(new TextEncoder().encode(text));
          sent = true;
        },
      },
      { highWaterMark: 0 },
    ),
  );
}

describe('createStream reconnect backoff', () => {
  it.each([
    ['retry.baseDelayMs', { retry: { baseDelayMs: 300, maxDelayMs: 300 } }, 'ndjson', '1\n', 300],
    ['the SSE retry: field', { retry: { maxDelayMs: 60_000 } }, 'sse', 'retry: 4000\ndata: 1\n\n', 4000],
  ] as const)('waits %s however many frames publish meanwhile', async (_name, options, format, text, cap) => {
    const frames = createManualFrameScheduler();
    const { timers, fire, delays } = manualTimers();
    const attempts: number[] = [];
    const stream = createStream<number>({
      ...options,
      format,
      worker: false,
      timers,
      frameScheduler: frames,
      random: () => 0.9999, // the top of the jitter range: the cap itself
      request: ({ attempt }) => {
        attempts.push(attempt);
        return attempt === 0 ? dropping(text) : new Response(format === 'sse' ? 'data: 2\n\n' : '2\n');
      },
    });
    const unsubscribe = stream.subscribe(() => {});
    for (let i = 0; i < 2_000 && !delays().includes(cap); i++) {
      frames.flush();
      await tick();
    }
    expect(delays()).toContain(cap); // the backoff is under way
    for (let i = 0; i < 30; i++) {
      frames.flush(); // 'reconnecting' and the item are published: frames run
      await tick();
    }
    expect(attempts).toEqual([0]); // still waiting
    expect(stream.getSnapshot().status).toBe('reconnecting');
    fire(cap);
    for (let i = 0; i < 2_000 && stream.getSnapshot().status !== 'done'; i++) {
      frames.flush();
      await tick();
    }
    unsubscribe();
    expect(attempts).toEqual([0, 1]);
    expect(stream.getSnapshot().items).toEqual([1, 2]);
  });

  it('close() during the backoff ends it at once: no further request', async () => {
    const frames = createManualFrameScheduler();
    const { timers, delays } = manualTimers();
    let calls = 0;
    const stream = createStream<number>({
      worker: false,
      timers,
      frameScheduler: frames,
      retry: { baseDelayMs: 300 },
      request: () => (++calls === 1 ? dropping('1\n') : new Response('2\n')),
    });
    const unsubscribe = stream.subscribe(() => {});
    for (let i = 0; i < 2_000 && delays().length === 0; i++) {
      frames.flush();
      await tick();
    }
    stream.close();
    for (let i = 0; i < 20; i++) {
      frames.flush();
      await tick();
    }
    unsubscribe();
    expect(calls).toBe(1);
    expect(stream.getSnapshot().status).toBe('done');
    expect(stream.getSnapshot().items).toEqual([1]);
  });
});
