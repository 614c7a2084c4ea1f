import { describe, expect, it } from 'vitest';
import { type PageState, PageStore } from './pageStore.ts';

const loaded = (index: number, bytes = 10): PageState<number> => ({
  index,
  status: 'loaded',
  items: [index],
  error: undefined,
  bytes,
  generation: 0,
  stale: false,
});

describe('PageStore', () => {
  it('accounts bytes and loaded pages across set, replace and delete', () => {
    const store = new PageStore<number>();
    store.set(loaded(1, 10));
    store.set(loaded(2, 20));
    store.set(loaded(1, 5));
    expect(store.bytes).toBe(25);
    expect(store.loadedCount).toBe(2);
    store.delete(2);
    expect(store.bytes).toBe(5);
    expect(store.loadedCount).toBe(1);
  });

  it('treats loaded-fresh and error pages as settled, loading and stale pages as not', () => {
    const store = new PageStore<number>();
    store.set(loaded(0));
    store.set({ ...loaded(1), stale: true });
    store.set({ ...loaded(2), status: 'error', items: undefined, bytes: 0 });
    store.set({ ...loaded(3), status: 'loading', items: undefined, bytes: 0 });
    expect([0, 1, 2, 3, 4].map((i) => store.isSettled(i))).toEqual([true, false, true, false, false]);
  });

  it('touch updates LRU stamps that eviction candidates report', () => {
    const store = new PageStore<number>();
    store.set(loaded(0));
    store.set(loaded(1));
    store.touch(0, 0);
    const [first, second] = store.evictionCandidates();
    expect(first?.lastUsed).toBeGreaterThan(second?.lastUsed ?? Number.POSITIVE_INFINITY);
  });

  it('freeze returns a copy unaffected by later changes', () => {
    const store = new PageStore<number>();
    store.set(loaded(0));
    const frozen = store.freeze();
    store.delete(0);
    expect(frozen.get(0)?.items).toEqual([0]);
  });
});
