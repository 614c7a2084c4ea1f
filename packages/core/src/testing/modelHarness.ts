import { notifyManager } from '@tanstack/query-core';
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Timers } from '../env/timers.ts';

/**
 * Shared pieces of the model-based (fast-check) tests: a seeded run count, timers the model
 * fires by hand, a settle that lets promise chains finish, and an unhandled-rejection tap.
 */

/** Fixed seed: CI replays the same sequences on every run. */
const MODEL_SEED = 15_008;

/**
 * Sequences per property: `fallback` in CI (each file well under 20 s on 2 cores), more with
 * `LAZYFLOW_MODEL_RUNS=2000`. `LAZYFLOW_MODEL_SEED` replays another seed.
 */
export function modelRuns(fallback: number): { numRuns: number; seed: number } {
  const runs = Number(process.env.LAZYFLOW_MODEL_RUNS);
  const seed = Number(process.env.LAZYFLOW_MODEL_SEED);
  return {
    numRuns: Number.isInteger(runs) && runs > 0 ? runs : fallback,
    seed: Number.isInteger(seed) ? seed : MODEL_SEED,
  };
}

interface ManualTimer {
  readonly at: number;
  readonly ms: number;
  readonly callback: () => void;
}

/**
 * Timers and a clock that move only when the model says so. `fire(filter)` runs the timers
 * pending now whose delay `filter` accepts (timers they create wait for the next call), in due
 * order, and moves the clock to the last one.
 */
export class ManualTimers implements Timers {
  readonly #pending = new Map<number, ManualTimer>();
  #now = 0;
  #next = 0;

  readonly setTimeout = (callback: () => void, ms: number): unknown => {
    const id = ++this.#next;
    this.#pending.set(id, { at: this.#now + ms, ms, callback });
    return id;
  };

  readonly clearTimeout = (handle: unknown): void => {
    if (typeof handle === 'number') this.#pending.delete(handle);
  };

  readonly now = (): number => this.#now;

  /** Whether a timer of exactly `ms` is pending. */
  has(ms: number): boolean {
    for (const timer of this.#pending.values()) if (timer.ms === ms) return true;
    return false;
  }

  /** Runs the pending timers `filter` accepts; returns how many ran. */
  fire(filter: (ms: number) => boolean): number {
    const due = [...this.#pending.entries()]
      .filter(([, timer]) => filter(timer.ms))
      .sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
    let ran = 0;
    for (const [id, timer] of due) {
      if (!this.#pending.delete(id)) continue; // cleared by an earlier callback
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
      ran += 1;
    }
    return ran;
  }
}

let schedulerSet = false;

/**
 * query-core batches its notifications with `setTimeout(0)` (≥ 1 ms each in Node); the model
 * tests run thousands of steps, so they batch with `setImmediate` instead: still a macrotask,
 * same ordering, no clamp. Call once per test file.
 */
export function useImmediateQueryNotifications(): void {
  if (schedulerSet) return;
  schedulerSet = true;
  notifyManager.setScheduler((callback) => setImmediate(callback));
}

/** Lets promise chains and query-core's batched notifications run to the end. */
export async function settle(rounds = 4): Promise<void> {
  for (let round = 0; round < rounds; round++) await new Promise((resolve) => setImmediate(resolve));
}

/** Records unhandled rejections while installed; `stop()` removes the listener. */
function tapUnhandledRejections(): { readonly reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const listener = (reason: unknown) => reasons.push(reason);
  process.on('unhandledRejection', listener);
  return { reasons, stop: () => process.off('unhandledRejection', listener) };
}

/**
 * Sets up a model test file: query notifications batched with `setImmediate` before its tests,
 * and unhandled rejections recorded from now until its tests end. Call once at the file's top level.
 *
 * @example
 * const rejections = modelFileHooks();
 * check(rejections.reasons.length === 0, `unhandled rejection: ${String(rejections.reasons[0])}`);
 */
export function modelFileHooks(): { readonly reasons: unknown[] } {
  beforeAll(() => useImmediateQueryNotifications());
  const rejections = tapUnhandledRejections();
  afterAll(() => rejections.stop());
  return rejections;
}

/** A promise the model settles by hand. */
export interface Deferred<V> {
  readonly promise: Promise<V>;
  resolve(value: V): void;
  reject(error: unknown): void;
}

export function deferred<V>(): Deferred<V> {
  let resolve!: (value: V) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<V>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** What a model property counts over all its sequences (printed, so a vacuous run shows). */
export interface ModelTotals {
  sequences: number;
  steps: number;
  /** How often each conditional invariant was really checked. */
  readonly checked: Record<string, number>;
}

/**
 * The checks of one sequence: `log` the steps as they run, `check` an invariant (a failure names
 * the config and every step so far), `count` a conditional check that really ran.
 *
 * @example
 * const { log, check, count } = sequenceChecks(config, totals);
 */
export function sequenceChecks(config: unknown, totals: ModelTotals) {
  const log: string[] = [];
  const fail = (message: string): never => {
    throw new Error(`${message}\n  config ${JSON.stringify(config)}\n  steps:\n    ${log.join('\n    ')}`);
  };
  const check = (ok: boolean, message: string) => {
    if (!ok) fail(message);
  };
  const count = (what: string) => {
    totals.checked[what] = (totals.checked[what] ?? 0) + 1;
  };
  return { log, check, count };
}

/**
 * Checks `run` over random (config, commands) pairs with fast-check (`runs.numRuns` of them,
 * replayed from `runs.seed`), prints the totals under `label` (so a vacuous run shows) and expects
 * every sequence counted. Returns the totals for checks of a property's own.
 *
 * @example
 * await checkModel('writes model', configArb, fc.array(commandArb, { minLength: 1 }), runSequence, { numRuns, seed });
 */
export async function checkModel<C, K>(
  label: string,
  configs: fc.Arbitrary<C>,
  commands: fc.Arbitrary<K[]>,
  run: (config: C, commands: K[], totals: ModelTotals) => Promise<void>,
  runs: { numRuns: number; seed: number },
): Promise<ModelTotals> {
  const totals: ModelTotals = { sequences: 0, steps: 0, checked: {} };
  await fc.assert(
    fc.asyncProperty(configs, commands, (config, steps) => run(config, steps, totals)),
    runs,
  );
  console.log(
    `${label}: ${totals.sequences} sequences, ${totals.steps} steps (seed ${runs.seed}); checked: ${JSON.stringify(totals.checked)}`,
  );
  expect(totals.sequences).toBeGreaterThanOrEqual(runs.numRuns);
  return totals;
}
