import { describe, expect, it } from 'vitest';
import type { Timers } from '../env/timers.ts';
import type { PagePriority } from '../planner/planWindow.ts';
import { FetchBudget, fetchBudgetFor } from './fetchBudget.ts';
import { FetchScheduler, type RunningFetch } from './fetchScheduler.ts';

const noTimers: Timers = { setTimeout: () => 0, clearTimeout: () => {} };

interface Started {
  readonly list: string;
  readonly page: number;
  resolve(): void;
  reject(error: unknown): void;
  aborted: boolean;
}

/** Schedulers on one budget whose fetches wait until the test settles them. */
function lists(budget: FetchBudget) {
  const started: Started[] = [];
  const make = (list: string, maxConcurrent = 4) =>
    new FetchScheduler<number>(
      { o: { maxConcurrent, attempts: 1, timers: noTimers } },
      {
        execute: (_host, page): RunningFetch<number> => {
          const entry = { list, page, aborted: false, resolve: () => {}, reject: (_: unknown) => {} };
          const promise = new Promise<number>((resolve, reject) => {
            entry.resolve = () => resolve(page);
            entry.reject = reject;
          });
          started.push(entry);
          return {
            promise,
            abort: () => {
              entry.aborted = true;
            },
          };
        },
        onSuccess: () => {},
        onError: () => {},
        shouldRetry: () => false,
      },
      budget,
    );
  const find = (list: string, page: number) => {
    const found = started.find((entry) => entry.list === list && entry.page === page);
    if (found === undefined) throw new Error(`${list} page ${page} never started`);
    return found;
  };
  return { started, make, find, names: () => started.map((entry) => `${entry.list}${entry.page}`) };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function enqueue(scheduler: FetchScheduler<number>, pages: readonly number[], priority: PagePriority) {
  for (const page of pages) scheduler.enqueue(page, priority);
}

describe('FetchBudget', () => {
  it('holds every list of a client to one limit', () => {
    const budget = new FetchBudget(3);
    const { make, names } = lists(budget);
    const a = make('a');
    const b = make('b');
    enqueue(a, [0, 1, 2, 3], 'visible');
    enqueue(b, [0, 1, 2, 3], 'visible');
    expect(budget.running).toBe(3);
    expect(a.running + b.running).toBe(3);
    expect(names()).toEqual(['a0', 'a1', 'a2']);
  });

  it('gives a freed slot to the most urgent fetch of any list', async () => {
    const budget = new FetchBudget(2);
    const { make, find, names } = lists(budget);
    const a = make('a');
    const b = make('b');
    enqueue(a, [10, 11, 12], 'prefetch');
    enqueue(b, [50], 'background');
    enqueue(b, [0], 'visible'); // b's visible page jumps a's prefetches
    expect(names()).toEqual(['a10', 'a11']);
    find('a', 10).resolve();
    await settle();
    expect(names()).toEqual(['a10', 'a11', 'b0']);
    find('a', 11).resolve();
    await settle();
    expect(names()).toEqual(['a10', 'a11', 'b0', 'a12']);
    find('b', 0).resolve();
    await settle();
    expect(names()).toEqual(['a10', 'a11', 'b0', 'a12', 'b50']);
  });

  it('lets lists of equal urgency take turns', async () => {
    const budget = new FetchBudget(1);
    const { make, started } = lists(budget);
    const a = make('a');
    const b = make('b');
    enqueue(a, [0, 1, 2], 'visible');
    enqueue(b, [0, 1, 2], 'visible');
    for (let step = 0; step < 5; step++) {
      started[step]?.resolve();
      await settle();
    }
    // a0 started before b had joined; from then on the two alternate.
    expect(started.map((entry) => entry.list)).toEqual(['a', 'a', 'b', 'a', 'b', 'b']);
  });

  it("keeps each list's own maxConcurrent under the shared limit", () => {
    const budget = new FetchBudget(6);
    const { make } = lists(budget);
    const a = make('a', 2);
    const b = make('b', 4);
    enqueue(a, [0, 1, 2, 3], 'visible');
    enqueue(b, [0, 1, 2, 3, 4], 'visible');
    expect(a.running).toBe(2);
    expect(b.running).toBe(4);
    expect(budget.running).toBe(6);
  });

  it('frees the slots of cancelled and failed fetches, and a cancelled list leaves the line', async () => {
    const budget = new FetchBudget(2);
    const { make, find, names } = lists(budget);
    const a = make('a');
    const b = make('b');
    enqueue(a, [0, 1, 2, 3], 'visible');
    enqueue(b, [0], 'background');
    expect(a.cancelAll()).toEqual([0, 1, 2, 3]);
    expect(find('a', 0).aborted).toBe(true);
    expect(names()).toEqual(['a0', 'a1', 'b0']);
    expect(budget.running).toBe(1);
    find('b', 0).reject(new Error('HTTP 500'));
    await settle();
    expect(budget.running).toBe(0);
  });

  it('starts nothing for a paused list and gives its turn to others', () => {
    const budget = new FetchBudget(2);
    const { make, names } = lists(budget);
    const a = make('a');
    a.pause();
    const b = make('b');
    enqueue(a, [0, 1], 'visible');
    enqueue(b, [5], 'background');
    expect(names()).toEqual(['b5']);
    a.resume();
    expect(names()).toEqual(['b5', 'a0']);
  });

  it('starts more at once when its limit grows, and rejects a bad limit', () => {
    const budget = new FetchBudget(1);
    const { make } = lists(budget);
    const a = make('a');
    enqueue(a, [0, 1, 2], 'visible');
    expect(budget.running).toBe(1);
    budget.setLimit(3);
    expect(budget.running).toBe(3);
    expect(() => budget.setLimit(0)).toThrow(/maxConcurrent.*positive integer/);
    expect(() => new FetchBudget(1.5)).toThrow(TypeError);
  });

  it('is one budget per client', () => {
    const one = {};
    expect(fetchBudgetFor(one)).toBe(fetchBudgetFor(one));
    expect(fetchBudgetFor(one)).not.toBe(fetchBudgetFor({}));
    expect(fetchBudgetFor(one).limit).toBe(6);
  });
});
