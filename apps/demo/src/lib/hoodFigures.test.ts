import type { HealthStatus, LazyListStats } from '@lazyflow/core';
import { describe, expect, it } from 'vitest';
import { axisBytes, formatBytes, gradeCache, gradeErrors, sumStats } from './hoodFigures.ts';
import { NO_TROUBLE, type ReportedList } from './statsBoard.ts';

const stats = (overrides: Partial<LazyListStats>): LazyListStats => ({
  requests: 0,
  inFlight: 0,
  cacheHits: 0,
  cacheMisses: 0,
  hitRate: 0,
  retries: 0,
  errors: 0,
  evictions: 0,
  bytesInMemory: 0,
  pagesInMemory: 0,
  avgLatencyMs: 0,
  itemsPerSecond: 0,
  cacheReads: 0,
  cacheWrites: 0,
  bytesInCache: 0,
  cacheStatus: 'none',
  cacheWarning: null,
  memoryLevel: 'ok',
  pageSize: 100,
  strategy: 'offset',
  strategyReason: null,
  ...overrides,
});

const paged = (overrides: Partial<LazyListStats>): ReportedList => ({
  stats: stats(overrides),
  kind: 'paged',
  budgetBytes: 1_000,
  trouble: NO_TROUBLE,
});
const pushed = (overrides: Partial<LazyListStats>): ReportedList => ({
  stats: stats(overrides),
  kind: 'pushed',
  budgetBytes: 1_000,
  trouble: NO_TROUBLE,
});

describe('sumStats', () => {
  it('is all zeros without lists, with no hit rate', () => {
    expect(sumStats([])).toMatchObject({
      lists: 0,
      requests: 0,
      lookups: 0,
      hitRate: null,
      cacheStatus: 'none',
    });
  });

  it('adds counters and bytes, and takes the hit rate over every lookup of paged lists', () => {
    const totals = sumStats([
      paged({ requests: 3, inFlight: 1, cacheHits: 1, cacheMisses: 3, bytesInMemory: 100, pagesInMemory: 2 }),
      paged({ requests: 2, cacheHits: 4, cacheMisses: 0, bytesInMemory: 50, pagesInMemory: 1 }),
    ]);
    expect(totals).toMatchObject({
      lists: 2,
      pushedLists: 0,
      requests: 5,
      inFlight: 1,
      lookups: 8,
      bytesInMemory: 150,
      budgetBytes: 2_000,
      pagesInMemory: 3,
    });
    expect(totals.hitRate).toBe(5 / 8);
  });

  it("has no hit rate for a stream's log: appended pages were never looked up", () => {
    // The Stream page before #20: "Cache hit rate 100 % of 49" beside "Requests 0".
    const totals = sumStats([pushed({ cacheHits: 49, bytesInMemory: 80_000, pagesInMemory: 3 })]);
    expect(totals).toMatchObject({ lists: 1, pushedLists: 1, requests: 0, lookups: 0, hitRate: null });
    expect(totals.bytesInMemory).toBe(80_000);
  });

  it("leaves a stream's pages out of the hit rate of the paged lists beside it", () => {
    const totals = sumStats([
      pushed({ cacheHits: 49 }),
      paged({ cacheHits: 1, cacheMisses: 3, requests: 3 }),
    ]);
    expect(totals.lookups).toBe(4);
    expect(totals.hitRate).toBe(1 / 4);
  });

  it('counts a cache store once: lists of one cache each report its whole size', () => {
    const totals = sumStats([
      paged({ bytesInCache: 900, cacheStatus: 'ready', cacheReads: 2 }),
      paged({ bytesInCache: 900, cacheStatus: 'ready', cacheReads: 1, cacheWarning: 'quota' }),
      paged({}),
    ]);
    expect(totals).toMatchObject({
      bytesInCache: 900,
      cacheReads: 3,
      cacheStatus: 'ready',
      cacheWarning: 'quota',
    });
  });
});

describe('gradeCache', () => {
  it.each<[string, ReportedList[], HealthStatus]>([
    ['no list', [], 'healthy'],
    // getHealth() grades this "hit rate critical": 0 hits in 60 lookups, a first scroll through new rows.
    [
      'a first pass through new data',
      [paged({ cacheMisses: 60, requests: 60, cacheStatus: 'ready' })],
      'healthy',
    ],
    [
      'a fast sweep: pages enter the view before they land',
      [paged({ cacheHits: 5, cacheMisses: 200 })],
      'healthy',
    ],
    ['a stream only', [pushed({ cacheHits: 49 })], 'healthy'],
    [
      'a reload served from IndexedDB',
      [paged({ cacheHits: 4, cacheReads: 4, cacheStatus: 'ready' })],
      'healthy',
    ],
    [
      'IndexedDB unavailable',
      [
        paged({
          cacheMisses: 4,
          cacheStatus: 'memory-only',
          cacheWarning: 'IndexedDB unavailable; caching in memory only',
        }),
      ],
      'warning',
    ],
    [
      'a quota warning',
      [paged({ cacheStatus: 'ready', cacheWarning: 'quota exceeded: dropped 3 entries' })],
      'warning',
    ],
  ])('%s → %s', (_, lists, grade) => {
    expect(gradeCache(sumStats(lists))).toBe(grade);
  });
});

describe('formatBytes', () => {
  const KB = 1024;
  const MB = KB * KB;
  const GB = MB * KB;
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '1000 B'],
    [1023, '1023 B'],
    [1024, '1.00 KB'],
    [1536, '1.50 KB'],
    [62_259, '60.8 KB'],
    [999 * KB, '999 KB'],
    // 999.5 KB and up would round to "1.00e+3 KB": they are shown in the next unit.
    [999.5 * KB, '0.976 MB'],
    [1000 * KB, '0.977 MB'],
    [1023 * KB, '0.999 MB'],
    [MB - 1, '1.00 MB'],
    [MB, '1.00 MB'],
    [7_875_000, '7.51 MB'],
    [999 * MB, '999 MB'],
    [1000 * MB, '0.977 GB'],
    [1023 * MB, '0.999 GB'],
    [GB, '1.00 GB'],
    [4_395_630_592, '4.09 GB'],
    [1000 * GB, '0.977 TB'],
    [1024 * GB, '1.00 TB'],
    [2000 * 1024 * GB, '2000 TB'],
    [1023.4, '1023 B'],
    [1023.6, '1.00 KB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('axisBytes', () => {
  it.each([
    [1_048_576, '1 MB'],
    [1_536, '1.5 KB'],
    [786_432, '768 KB'],
    [102_400, '100 KB'],
    [1_000, '1000 B'],
    [0, '0 B'],
    [1_024_000, '0.977 MB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(axisBytes(bytes)).toBe(text);
  });
});

describe('gradeErrors: the errors badge reflects trouble now (issue #20 item 3)', () => {
  const cases: [string, { retryingPages: number; failedPages: number }, HealthStatus, HealthStatus][] = [
    ['nothing failing, a clean rate', { retryingPages: 0, failedPages: 0 }, 'healthy', 'healthy'],
    [
      'a page between attempts, the rate not yet judged (one failure of one)',
      { retryingPages: 1, failedPages: 0 },
      'healthy',
      'warning',
    ],
    ['a page failed for good', { retryingPages: 0, failedPages: 1 }, 'healthy', 'critical'],
    ['failed and retrying pages: the worse', { retryingPages: 2, failedPages: 1 }, 'warning', 'critical'],
    [
      'a failing rate with nothing in trouble now keeps its grade',
      { retryingPages: 0, failedPages: 0 },
      'warning',
      'warning',
    ],
    [
      'a critical rate outranks a retry in progress',
      { retryingPages: 1, failedPages: 0 },
      'critical',
      'critical',
    ],
  ];
  it.each(cases)('%s', (_name, figures, rate, expected) => {
    expect(gradeErrors(figures, rate)).toBe(expected);
  });

  it('sums the pages in trouble over the lists', () => {
    const totals = sumStats([
      { ...paged({}), trouble: { retrying: 1, failed: 0 } },
      { ...paged({}), trouble: { retrying: 2, failed: 3 } },
    ]);
    expect(totals).toMatchObject({ retryingPages: 3, failedPages: 3 });
  });
});
