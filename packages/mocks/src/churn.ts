// A dataset that changes while it is read: rows inserted and deleted at random positions of
// `/api/items`, one mutation per step, the same mutations for the same seed. Nothing is stored
// but the mutation log (a position and a kind per step); row `i` at step `s` is found by walking
// the log back to an index of the unchanged dataset, so a page costs O(limit × steps).

import { hash32, rng } from './dataset.ts';

/** Ids of inserted rows start here (above every id of the unchanged dataset). */
export const INSERTED_ID_BASE = 100_000_000;
/** The most mutations a churned dataset goes through (`churnStep` is capped here). */
export const MAX_CHURN_STEPS = 100_000;

/** One mutation of the log: a row inserted before `at`, or the row at `at` deleted. */
interface Mutation {
  readonly kind: 'insert' | 'delete';
  readonly at: number;
}

interface Log {
  readonly mutations: Mutation[];
  /** `sizes[k]`: rows before mutation k (`sizes[0]` is the unchanged total). */
  readonly sizes: number[];
}

const logs = new Map<string, Log>();

function logFor(seed: number, total: number, steps: number): Log {
  const name = `${seed}:${total}`;
  let log = logs.get(name);
  if (log === undefined) {
    log = { mutations: [], sizes: [total] };
    logs.set(name, log);
  }
  while (log.mutations.length < steps) {
    const k = log.mutations.length;
    const size = log.sizes[k] as number;
    const next = rng(hash32(k, seed + 0x5eed));
    const insert = size === 0 || next() < 0.5;
    const at = Math.floor(next() * (insert ? size + 1 : size));
    log.mutations.push({ kind: insert ? 'insert' : 'delete', at });
    log.sizes.push(size + (insert ? 1 : -1));
  }
  return log;
}

/**
 * Where row `index` of the dataset after `step` mutations comes from: `{ base }`, an index of the
 * unchanged dataset, or `{ inserted }`, the step that inserted it.
 *
 * @example
 * churnedRow({ seed: 7, total: 1_000_000 }, 12, 500_000); // { base: 499_999 } or so
 */
function churnedRow(
  churn: { seed: number; total: number },
  step: number,
  index: number,
): { base: number } | { inserted: number } {
  const log = logFor(churn.seed, churn.total, step);
  let at = index;
  for (let k = step - 1; k >= 0; k--) {
    const mutation = log.mutations[k] as Mutation;
    if (mutation.kind === 'insert') {
      if (at === mutation.at) return { inserted: k };
      if (at > mutation.at) at -= 1;
    } else if (at >= mutation.at) at += 1;
  }
  return { base: at };
}

/**
 * The id of row `index` after `step` mutations: its index in the unchanged dataset, or
 * `INSERTED_ID_BASE + k` for the row mutation k inserted.
 *
 * @example
 * churnedId({ seed: 7, total: 100 }, 0, 42); // 42
 */
export function churnedId(churn: { seed: number; total: number }, step: number, index: number): number {
  const row = churnedRow(churn, step, index);
  return 'base' in row ? row.base : INSERTED_ID_BASE + row.inserted;
}

/**
 * The number of rows after `step` mutations.
 *
 * @example
 * churnedTotal({ seed: 7, total: 100 }, 0); // 100
 */
export function churnedTotal(churn: { seed: number; total: number }, step: number): number {
  return logFor(churn.seed, churn.total, step).sizes[step] as number;
}

/**
 * The ids of the unchanged dataset deleted by the first `step` mutations (for tests that check a
 * list skipped no row: a base id missing from the screen must be in here).
 *
 * @example
 * deletedBaseIds({ seed: 7, total: 1_000 }, 20).has(512);
 */
export function deletedBaseIds(churn: { seed: number; total: number }, step: number): Set<number> {
  const log = logFor(churn.seed, churn.total, step);
  const deleted = new Set<number>();
  for (let k = 0; k < step; k++) {
    const mutation = log.mutations[k] as Mutation;
    if (mutation.kind !== 'delete') continue;
    const row = churnedRow(churn, k, mutation.at);
    if ('base' in row) deleted.add(row.base);
  }
  return deleted;
}

/** When each churned dataset's clock started (its first request), by seed and rate. */
const clocks = new Map<string, number>();

/**
 * The step a churned dataset is at now: `rate` mutations per second since the first request that
 * asked for this seed and rate (in the process or page that runs the handlers).
 *
 * @example
 * churnStepNow(2, 7); // 0 at the first request, 20 ten seconds later
 */
export function churnStepNow(rate: number, seed: number, now = performance.now()): number {
  const name = `${seed}:${rate}`;
  let started = clocks.get(name);
  if (started === undefined) {
    started = now;
    clocks.set(name, now);
  }
  return Math.min(MAX_CHURN_STEPS, Math.floor(((now - started) / 1000) * rate));
}

/** Forgets the clocks (tests). */
export function resetChurnClocks(): void {
  clocks.clear();
}
