// `startLater`: while a scroll moves, prefetch and background attempts start in a task of their
// own, after the frame that planned them (issue #16 item 2); visible pages start at once.
import { describe, expect, it } from 'vitest';
import type { Timers } from '../env/timers.ts';
import type { PagePriority } from '../planner/planWindow.ts';
import { FetchScheduler } from './fetchScheduler.ts';

/** Timers run by hand: `runTimers()` calls those set so far (not the ones they set). */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (callback) => {
      pending.set(++next, callback);
      return next;
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  };
  const runTimers = () => {
    for (const [handle, callback] of [...pending]) {
      pending.delete(handle);
      callback();
    }
  };
  return { timers, runTimers };
}

function harness(startLater: boolean | undefined) {
  const { timers: manual, runTimers } = manualTimers();
  const started: { page: number; priority: PagePriority }[] = [];
  // startLater: the host's window moves (velocity above 0) or stands still; undefined: no window.
  const window = startLater === undefined ? undefined : { velocity: startLater ? 1 : 0 };
  const scheduler = new FetchScheduler<number>(
    { o: { maxConcurrent: 2, attempts: 1, timers: manual }, window },
    {
      execute: (_host, page, _attempt, priority) => {
        started.push({ page, priority });
        return { promise: new Promise<number>(() => {}), abort: () => {} };
      },
      onSuccess: () => {},
      onError: () => {},
      shouldRetry: () => false,
    },
  );
  return { scheduler, started, runTimers };
}

describe('FetchScheduler startLater', () => {
  it('starts a visible page at once and a prefetch page in a later task, its slot taken now', () => {
    const { scheduler, started, runTimers } = harness(true);
    scheduler.enqueue(5, 'visible');
    scheduler.enqueue(6, 'prefetch');
    scheduler.enqueue(7, 'prefetch');
    expect(started).toEqual([{ page: 5, priority: 'visible' }]);
    expect(scheduler.running).toBe(2); // page 6 holds the second slot: 7 waits in the queue
    runTimers();
    expect(started).toEqual([
      { page: 5, priority: 'visible' },
      { page: 6, priority: 'prefetch' },
    ]);
  });

  it('starts everything at once when it says false, or without it', () => {
    for (const later of [false, undefined]) {
      const { scheduler, started } = harness(later);
      scheduler.enqueue(6, 'prefetch');
      scheduler.enqueue(9, 'background');
      expect(started.map((s) => s.page)).toEqual([6, 9]);
    }
  });

  it('never starts a page cancelled before its task ran, and frees its slot', () => {
    const { scheduler, started, runTimers } = harness(true);
    scheduler.enqueue(6, 'prefetch');
    expect(scheduler.cancel(6)).toBe(true);
    expect(scheduler.running).toBe(0);
    runTimers();
    expect(started).toEqual([]);
  });

  it('sends a prefetch page that became visible while waiting at visible priority', () => {
    const { scheduler, started, runTimers } = harness(true);
    scheduler.enqueue(6, 'prefetch');
    scheduler.enqueue(6, 'visible'); // the scroll reached it before its task ran
    runTimers();
    expect(started).toEqual([{ page: 6, priority: 'visible' }]);
  });
});

describe('FetchScheduler startLater and retries', () => {
  it('runs a retry that starts later: the failed attempt is not taken for one still running', async () => {
    const { timers, runTimers } = manualTimers();
    const attempts: number[] = [];
    const landed: number[] = [];
    const scheduler = new FetchScheduler<number>(
      // the window moves the whole time
      { o: { maxConcurrent: 1, attempts: 3, timers }, window: { velocity: 1 } },
      {
        execute: (_host, page, attempt) => {
          attempts.push(attempt);
          const promise = attempt === 1 ? Promise.reject(new Error('HTTP 500')) : Promise.resolve(page);
          return { promise, abort: () => {} };
        },
        onSuccess: (_host, page) => landed.push(page),
        onError: () => {},
        shouldRetry: () => true,
      },
    );
    scheduler.enqueue(6, 'prefetch');
    runTimers(); // attempt 1 starts after the frame
    await Promise.resolve(); // and fails
    expect(scheduler.running).toBe(0); // waiting out its backoff: no slot held
    runTimers(); // the backoff ends: attempt 2 takes the slot, to start after the frame
    runTimers();
    await Promise.resolve();
    expect(attempts).toEqual([1, 2]);
    expect(landed).toEqual([6]);
    expect(scheduler.running).toBe(0);
  });
});
