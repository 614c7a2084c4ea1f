import { describe, expect, it } from 'vitest';
import type { Timers } from '../env/timers.ts';
import { PageTimeoutError } from '../errors.ts';
import { FetchScheduler, type RunningFetch } from './fetchScheduler.ts';

/** Timers the test advances by hand. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const id = next++;
      pending.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => {
      pending.delete(id as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > now || !pending.has(id)) continue;
      pending.delete(id);
      timer.run();
    }
  };
  return { timers, advance, pending };
}

interface Attempt {
  readonly page: number;
  readonly attempt: number;
  aborted: boolean;
  resolve(value: string): void;
  reject(error: unknown): void;
}

function setup(attempts: number) {
  const clock = manualTimers();
  const started: Attempt[] = [];
  const outcomes: string[] = [];
  const errors: unknown[] = [];
  const limits = {
    maxConcurrent: 2,
    attempts,
    timeoutMs: 1_000,
    baseDelayMs: 100,
    maxDelayMs: 100,
    random: () => 1,
    timers: clock.timers,
  };
  const scheduler = new FetchScheduler<string>(
    { o: limits },
    {
      execute: (_host, page, attempt): RunningFetch<string> => {
        const entry: Attempt = { page, attempt, aborted: false, resolve: () => {}, reject: () => {} };
        const promise = new Promise<string>((resolve, reject) => {
          entry.resolve = resolve;
          entry.reject = reject;
        });
        started.push(entry);
        return {
          promise,
          abort: () => {
            entry.aborted = true;
            entry.reject(new DOMException('aborted', 'AbortError'));
          },
        };
      },
      onSuccess: (_host, page, value) => outcomes.push(`${page}:${value}`),
      onError: (_host, page, error) => {
        outcomes.push(`${page}:error`);
        errors.push(error);
      },
      shouldRetry: (error) => !(error instanceof DOMException),
    },
  );
  return { clock, started, outcomes, errors, scheduler };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('FetchScheduler timeoutMs', () => {
  it('aborts an attempt that runs too long and retries it after a backoff', async () => {
    const { clock, started, outcomes, scheduler } = setup(3);
    scheduler.enqueue(4, 'visible');
    expect(started).toHaveLength(1);
    clock.advance(999);
    expect(started[0]?.aborted).toBe(false);
    clock.advance(1);
    await settle();
    expect(started[0]?.aborted).toBe(true);
    expect(scheduler.running).toBe(0); // the slot is free while it waits
    clock.advance(100);
    expect(started.map((a) => a.attempt)).toEqual([1, 2]);
    started[1]?.resolve('data');
    await settle();
    expect(outcomes).toEqual(['4:data']); // the aborted attempt's rejection is not counted
  });

  it('reports a PageTimeoutError naming the page once attempts are spent', async () => {
    const { clock, started, outcomes, errors, scheduler } = setup(2);
    scheduler.enqueue(7, 'visible');
    clock.advance(1_000);
    await settle();
    clock.advance(100);
    clock.advance(1_000);
    await settle();
    expect(started).toHaveLength(2);
    expect(outcomes).toEqual(['7:error']);
    expect(errors[0]).toBeInstanceOf(PageTimeoutError);
    expect((errors[0] as PageTimeoutError).page).toBe(7);
    expect((errors[0] as Error).message).toMatch(/page 7 did not answer within 1000 ms/);
  });

  it('clears the deadline when the attempt settles or is cancelled in time', async () => {
    const { clock, started, outcomes, scheduler } = setup(3);
    scheduler.enqueue(1, 'visible');
    scheduler.enqueue(2, 'visible');
    started[0]?.resolve('one');
    await settle();
    scheduler.cancel(2);
    expect(clock.pending.size).toBe(0);
    clock.advance(5_000);
    await settle();
    expect(outcomes).toEqual(['1:one']);
    expect(started[1]?.aborted).toBe(true);
  });
});
