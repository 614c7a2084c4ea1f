import { describe, expect, it } from 'vitest';
import { type PageAction, reducePage } from './pageReducer.ts';
import type { PageState } from './pageState.ts';

const ITEMS = ['a', 'b'] as const;
const NEWER = ['c'] as const;
const BOOM = new Error('503');

const page = (over: Partial<PageState<string>>): PageState<string> => ({
  index: 4,
  status: 'loaded',
  items: ITEMS,
  error: undefined,
  bytes: 80,
  generation: 1,
  stale: false,
  ...over,
});

const loading = page({ status: 'loading', items: undefined, bytes: 0 });
const fresh = page({});
const stale = page({ stale: true });
const failedEmpty = page({ status: 'error', items: undefined, error: BOOM, bytes: 0 });
const failedWithItems = page({ status: 'error', error: BOOM, stale: true });
const retrying = page({
  status: 'loading',
  items: undefined,
  bytes: 0,
  retrying: Object.freeze({ status: 'loading', attempt: 3, attempts: 4, lastError: BOOM }),
});

type Row = readonly [
  name: string,
  before: PageState<string> | undefined,
  action: PageAction<string>,
  after: PageState<string> | undefined,
];

const rows: Row[] = [
  // requested
  [
    'requested: an absent page shows as loading',
    undefined,
    { type: 'requested', page: 4, generation: 2 },
    page({ status: 'loading', items: undefined, bytes: 0, generation: 2 }),
  ],
  ['requested: a loaded page stays as it is', fresh, { type: 'requested', page: 4, generation: 2 }, fresh],
  [
    'requested: a failed page stays failed (retry() clears it)',
    failedEmpty,
    { type: 'requested', page: 4, generation: 2 },
    failedEmpty,
  ],
  // landed
  [
    'landed: a loading page gets its items, fresh',
    loading,
    { type: 'landed', page: 4, generation: 2, items: NEWER, bytes: 40 },
    page({ items: NEWER, bytes: 40, generation: 2 }),
  ],
  [
    'landed: fresh items replace stale ones',
    stale,
    { type: 'landed', page: 4, generation: 2, items: NEWER, bytes: 40 },
    page({ items: NEWER, bytes: 40, generation: 2 }),
  ],
  [
    'landed: a failed page recovers',
    failedWithItems,
    { type: 'landed', page: 4, generation: 1, items: NEWER, bytes: 40 },
    page({ items: NEWER, bytes: 40 }),
  ],
  [
    'landed: an absent page is stored (append, a write)',
    undefined,
    { type: 'landed', page: 4, generation: 1, items: NEWER, bytes: 40 },
    page({ items: NEWER, bytes: 40 }),
  ],
  // from cache
  [
    'cached: a loading page shows cached items, stale',
    loading,
    { type: 'cached', page: 4, generation: 1, items: NEWER, bytes: 40 },
    page({ items: NEWER, bytes: 40, stale: true }),
  ],
  [
    'cached: fresher items win over the cache',
    fresh,
    { type: 'cached', page: 4, generation: 1, items: NEWER, bytes: 40 },
    fresh,
  ],
  [
    'cached: replaces stale items',
    stale,
    { type: 'cached', page: 4, generation: 1, items: NEWER, bytes: 40 },
    page({ items: NEWER, bytes: 40, stale: true }),
  ],
  // retrying (decision 0025)
  [
    'retrying: a loading page shows the attempt due and the last error on its rows',
    loading,
    { type: 'retrying', page: 4, attempt: 2, attempts: 3, error: BOOM },
    { ...loading, retrying: { status: 'loading', attempt: 2, attempts: 3, lastError: BOOM } },
  ],
  [
    'retrying: a stale page keeps showing its items',
    stale,
    { type: 'retrying', page: 4, attempt: 2, attempts: 3, error: BOOM },
    stale,
  ],
  [
    'retrying: an absent page stays absent',
    undefined,
    { type: 'retrying', page: 4, attempt: 2, attempts: 3, error: BOOM },
    undefined,
  ],
  [
    'landed: a page being retried lands without its attempt',
    retrying,
    { type: 'landed', page: 4, generation: 1, items: NEWER, bytes: 40 },
    page({ items: NEWER, bytes: 40 }),
  ],
  [
    'failed: a page being retried fails without its attempt',
    retrying,
    { type: 'failed', page: 4, generation: 1, error: BOOM },
    failedEmpty,
  ],
  ['cancelled: a page being retried is forgotten', retrying, { type: 'cancelled', page: 4 }, undefined],
  [
    'requested: a page being retried keeps its attempt',
    retrying,
    { type: 'requested', page: 4, generation: 1 },
    retrying,
  ],
  // failed
  [
    'failed: a loading page fails without items',
    loading,
    { type: 'failed', page: 4, generation: 1, error: BOOM },
    failedEmpty,
  ],
  [
    'failed: a revalidation that fails keeps its items, stale',
    stale,
    { type: 'failed', page: 4, generation: 1, error: BOOM },
    failedWithItems,
  ],
  // invalidated
  ['invalidated: loaded items stay, stale', fresh, { type: 'invalidated', page: 4 }, stale],
  [
    'invalidated: a failed page with items shows them stale',
    failedWithItems,
    { type: 'invalidated', page: 4 },
    stale,
  ],
  [
    'invalidated: a failed page without items is forgotten',
    failedEmpty,
    { type: 'invalidated', page: 4 },
    undefined,
  ],
  ['invalidated: a loading page stays loading', loading, { type: 'invalidated', page: 4 }, loading],
  ['invalidated: an absent page stays absent', undefined, { type: 'invalidated', page: 4 }, undefined],
  // retried
  [
    'retried: a failed page without items is forgotten (fetched again)',
    failedEmpty,
    { type: 'retried', page: 4 },
    undefined,
  ],
  [
    'retried: a failed page with items shows them stale',
    failedWithItems,
    { type: 'retried', page: 4 },
    stale,
  ],
  ['retried: a loaded page is left alone', fresh, { type: 'retried', page: 4 }, fresh],
  // cancelled
  ['cancelled: a loading page is forgotten', loading, { type: 'cancelled', page: 4 }, undefined],
  ['cancelled: a stale page keeps its items', stale, { type: 'cancelled', page: 4 }, stale],
  ['cancelled: a failed page stays failed', failedEmpty, { type: 'cancelled', page: 4 }, failedEmpty],
  // evicted
  ['evicted: a loaded page is forgotten', fresh, { type: 'evicted', page: 4 }, undefined],
  ['evicted: an absent page stays absent', undefined, { type: 'evicted', page: 4 }, undefined],
  // reset
  ['reset: a kept page with items shows them stale', fresh, { type: 'reset', page: 4, keep: true }, stale],
  [
    'reset: a kept failed page with items shows them stale',
    failedWithItems,
    { type: 'reset', page: 4, keep: true },
    stale,
  ],
  [
    'reset: a kept page without items is forgotten',
    loading,
    { type: 'reset', page: 4, keep: true },
    undefined,
  ],
  ['reset: a page not kept is forgotten', fresh, { type: 'reset', page: 4, keep: false }, undefined],
];

describe('reducePage', () => {
  it.each(rows)('%s', (_name, before, action, after) => {
    expect(reducePage(before, action)).toEqual(after);
  });

  it('returns the same object when an action changes nothing', () => {
    expect(reducePage(fresh, { type: 'requested', page: 4, generation: 9 })).toBe(fresh);
    expect(reducePage(stale, { type: 'invalidated', page: 4 })).toBe(stale);
    expect(reducePage(loading, { type: 'retried', page: 4 })).toBe(loading);
  });
});
