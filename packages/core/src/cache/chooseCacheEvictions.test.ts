import { describe, expect, it } from 'vitest';
import type { IndexEntry } from './cacheIndex.ts';
import { chooseCacheEvictions, storageBudget } from './chooseCacheEvictions.ts';

const stored = (list: [string, number, number, number?][]) =>
  new Map<string, IndexEntry>(
    list.map(([key, bytes, lastUsed, storedAt = 0]) => [key, { bytes, storedAt, lastUsed }]),
  );

describe('chooseCacheEvictions', () => {
  it('evicts nothing while the write fits', () => {
    const plan = chooseCacheEvictions({
      entries: stored([['a', 50, 1]]),
      incoming: new Map([['b', 50]]),
      budget: 100,
      now: 10,
      ttlMs: 1_000,
    });
    expect(plan).toEqual({ evict: [], rejected: [] });
  });

  it('evicts least recently used entries first until the write fits', () => {
    const plan = chooseCacheEvictions({
      entries: stored([
        ['recent', 40, 30],
        ['oldest', 40, 10],
        ['middle', 40, 20],
      ]),
      incoming: new Map([['new', 70]]),
      budget: 140,
      now: 100,
      ttlMs: 1_000,
    });
    expect(plan.evict).toEqual(['oldest', 'middle']);
    expect(plan.rejected).toEqual([]);
  });

  it('breaks lastUsed ties by the older storedAt', () => {
    const plan = chooseCacheEvictions({
      entries: stored([
        ['newer', 10, 5, 50],
        ['older', 10, 5, 40],
      ]),
      incoming: new Map([['x', 10]]),
      budget: 20,
      now: 60,
      ttlMs: 1_000,
    });
    expect(plan.evict).toEqual(['older']);
  });

  it('always evicts expired entries, even under budget', () => {
    const plan = chooseCacheEvictions({
      entries: stored([
        ['expired', 1, 99, 0],
        ['fresh', 1, 1, 900],
      ]),
      incoming: new Map(),
      budget: 1_000,
      now: 1_500,
      ttlMs: 1_000,
    });
    expect(plan.evict).toEqual(['expired']);
  });

  it('counts an overwritten entry once (its old bytes leave)', () => {
    const plan = chooseCacheEvictions({
      entries: stored([
        ['page', 80, 1],
        ['other', 10, 2],
      ]),
      incoming: new Map([['page', 85]]),
      budget: 100,
      now: 10,
      ttlMs: 1_000,
    });
    expect(plan).toEqual({ evict: [], rejected: [] });
  });

  it('rejects incoming entries that do not fit in an empty store, and drops their old copy', () => {
    const plan = chooseCacheEvictions({
      entries: stored([['huge', 10, 1]]),
      incoming: new Map([
        ['small', 30],
        ['huge', 500],
      ]),
      budget: 100,
      now: 10,
      ttlMs: 1_000,
    });
    expect(plan.rejected).toEqual(['huge']);
    expect(plan.evict).toEqual(['huge']);
  });
});

describe('storageBudget', () => {
  it('is what the cache holds plus the free quota minus headroom', () => {
    expect(storageBudget({ usage: 700, quota: 1_000 }, 200, 0.1)).toBe(400);
  });

  it('never drops below what the cache already holds', () => {
    expect(storageBudget({ usage: 990, quota: 1_000 }, 300, 0.1)).toBe(300);
  });

  it.each([[undefined], [{}], [{ usage: 5 }], [{ usage: 5, quota: 0 }]])(
    'is unbounded without an estimate (%j)',
    (estimate) => {
      expect(storageBudget(estimate, 10)).toBe(Number.POSITIVE_INFINITY);
    },
  );
});
