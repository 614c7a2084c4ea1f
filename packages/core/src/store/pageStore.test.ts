import { describe, expect, it } from 'vitest';
import type { PageAction } from './pageReducer.ts';
import { PageStore } from './pageStore.ts';

const landed = (page: number, bytes = 10): PageAction<number> => ({
  type: 'landed',
  page,
  generation: 0,
  items: [page],
  bytes,
});

describe('PageStore', () => {
  it('accounts bytes and loaded pages across landing, replacing and evicting', () => {
    const store = new PageStore<number>();
    store.dispatch(landed(1, 10));
    store.dispatch(landed(2, 20));
    store.dispatch(landed(1, 5));
    expect(store.bytes).toBe(25);
    expect(store.loadedCount).toBe(2);
    store.dispatch({ type: 'evicted', page: 2 });
    expect(store.bytes).toBe(5);
    expect(store.loadedCount).toBe(1);
  });

  it('treats loaded-fresh and error pages as settled, loading and stale pages as not', () => {
    const store = new PageStore<number>();
    store.dispatch(landed(0));
    store.dispatch({ type: 'cached', page: 1, generation: 0, items: [1], bytes: 10 });
    store.dispatch({ type: 'failed', page: 2, generation: 0, error: new Error('503') });
    store.dispatch({ type: 'requested', page: 3, generation: 0 });
    expect([0, 1, 2, 3, 4].map((i) => store.isSettled(i))).toEqual([true, false, true, false, false]);
  });

  it('dispatchEach acts on every page it returns an action for and reports them', () => {
    const store = new PageStore<number>();
    store.dispatch(landed(0, 10));
    store.dispatch(landed(1, 20));
    store.dispatch({ type: 'requested', page: 2, generation: 0 });
    const acted = store.dispatchEach((page) =>
      page.index === 2 ? undefined : { type: 'reset', page: page.index, keep: page.index === 0 },
    );
    expect(acted).toEqual([0, 1]);
    expect(store.get(0)?.stale).toBe(true);
    expect(store.get(1)).toBeUndefined();
    expect(store.get(2)?.status).toBe('loading');
    expect(store.bytes).toBe(10);
    expect(store.loadedCount).toBe(1);
  });

  it('touch updates LRU stamps that eviction candidates report', () => {
    const store = new PageStore<number>();
    store.dispatch(landed(0));
    store.dispatch(landed(1));
    store.touch(0, 0);
    const [first, second] = store.evictionCandidates();
    expect(first?.lastUsed).toBeGreaterThan(second?.lastUsed ?? Number.POSITIVE_INFINITY);
  });

  it('freeze returns a copy unaffected by later changes', () => {
    const store = new PageStore<number>();
    store.dispatch(landed(0));
    const frozen = store.freeze();
    store.dispatch({ type: 'evicted', page: 0 });
    expect(frozen.get(0)?.items).toEqual([0]);
  });
});
