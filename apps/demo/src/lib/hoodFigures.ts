// Pure arithmetic of the "Under the hood" panel: totals over the page's lists, the cache grade,
// and byte labels.
//
// What the cache hit rate means here (issue #20). A *paged* list looks a page up each time its
// window needs one: a hit is a page served without a request (already in memory, in the query
// cache, or read from IndexedDB), a miss is a page fetched from the network. A *pushed* list (the
// Stream page's event log) is appended to by its stream: nobody asked for those pages, so they
// are neither hits nor misses, and a page of streams alone has no hit rate at all (it used to show
// "100 % of 49" with 0 requests).
//
// A low hit rate is not trouble: the first pass through data nobody has loaded yet must miss on
// every page, and the counters cannot tell that first pass from a page fetched twice. So the rate
// is a figure, never a badge colour. The cache grade turns only on what is really wrong with the
// cache: it runs in memory only (IndexedDB unavailable: a reload refetches everything) or it
// reported a problem (quota, dropped entries). Memory and errors keep getHealth()'s grades.
import type { CacheStatus, HealthStatus } from '@lazyflow/core';
import type { ReportedList } from './statsBoard.ts';

/** Totals over the lists of the current page. */
export interface HoodFigures {
  readonly lists: number;
  /** Lists a stream appends to (`kind: 'pushed'`): counted in memory, not in the hit rate. */
  readonly pushedLists: number;
  readonly requests: number;
  readonly inFlight: number;
  /** Pages paged lists needed and got without a request. */
  readonly cacheHits: number;
  /** Pages paged lists needed and fetched from the network. */
  readonly cacheMisses: number;
  /** cacheHits + cacheMisses. */
  readonly lookups: number;
  /** cacheHits / lookups; null before any lookup (no paged list, or nothing needed yet). */
  readonly hitRate: number | null;
  readonly errors: number;
  /** Pages between attempts now, over every list. */
  readonly retryingPages: number;
  /** Pages failed for good now (showing an error), over every list. */
  readonly failedPages: number;
  readonly bytesInMemory: number;
  /** The sum of the lists' memory budgets (`memory.maxBytes`). */
  readonly budgetBytes: number;
  readonly pagesInMemory: number;
  /** The largest figure reported: every list of one cache reports that cache's whole store. */
  readonly bytesInCache: number;
  /** Pages shown from IndexedDB. */
  readonly cacheReads: number;
  /** Pages committed to IndexedDB. */
  readonly cacheWrites: number;
  /** The status of the first list with a cache; `none` when no list has one. */
  readonly cacheStatus: CacheStatus | 'none';
  /** The first cache warning of any list, or null. */
  readonly cacheWarning: string | null;
}

/**
 * Sums what the page's lists reported. Hits and misses count for paged lists only.
 *
 * @example
 * sumStats([{ stats: table.stats, kind: 'paged' }, { stats: log.stats, kind: 'pushed' }]).hitRate; // table's
 */
export function sumStats(all: Iterable<ReportedList>): HoodFigures {
  const totals = {
    lists: 0,
    pushedLists: 0,
    requests: 0,
    inFlight: 0,
    cacheHits: 0,
    cacheMisses: 0,
    errors: 0,
    retryingPages: 0,
    failedPages: 0,
    bytesInMemory: 0,
    budgetBytes: 0,
    pagesInMemory: 0,
    bytesInCache: 0,
    cacheReads: 0,
    cacheWrites: 0,
  };
  let cacheStatus: CacheStatus | 'none' = 'none';
  let cacheWarning: string | null = null;
  for (const { stats, kind, budgetBytes, trouble } of all) {
    totals.retryingPages += trouble.retrying;
    totals.failedPages += trouble.failed;
    totals.lists += 1;
    totals.requests += stats.requests;
    totals.inFlight += stats.inFlight;
    if (kind === 'pushed') {
      totals.pushedLists += 1;
    } else {
      totals.cacheHits += stats.cacheHits;
      totals.cacheMisses += stats.cacheMisses;
    }
    totals.errors += stats.errors;
    totals.bytesInMemory += stats.bytesInMemory;
    totals.budgetBytes += budgetBytes;
    totals.pagesInMemory += stats.pagesInMemory;
    totals.bytesInCache = Math.max(totals.bytesInCache, stats.bytesInCache);
    totals.cacheReads += stats.cacheReads;
    totals.cacheWrites += stats.cacheWrites;
    if (cacheStatus === 'none') cacheStatus = stats.cacheStatus;
    cacheWarning ??= stats.cacheWarning;
  }
  const lookups = totals.cacheHits + totals.cacheMisses;
  return {
    ...totals,
    lookups,
    hitRate: lookups === 0 ? null : totals.cacheHits / lookups,
    cacheStatus,
    cacheWarning,
  };
}

/**
 * The cache badge: `warning` when the cache runs in memory only (IndexedDB unavailable, so a
 * reload refetches everything) or reported a problem (quota, dropped entries), else `healthy`
 * whatever the hit rate (see the top of this file). Nothing about a cache that still serves
 * pages is critical.
 *
 * @example
 * gradeCache(sumStats([{ stats: table.stats, kind: 'paged' }])); // 'healthy' after a scroll through new rows
 */
export function gradeCache(figures: Pick<HoodFigures, 'cacheStatus' | 'cacheWarning'>): HealthStatus {
  return figures.cacheStatus === 'memory-only' || figures.cacheWarning !== null ? 'warning' : 'healthy';
}

const WORST: readonly HealthStatus[] = ['healthy', 'warning', 'critical'];

/**
 * The errors badge (issue #20 item 3): `critical` while a page has failed for good (it shows an
 * error and waits for Retry), at least `warning` while a page is between attempts (a retry is in
 * progress: the server is failing now, even if the next try may work), else the error rate's own
 * grade from getHealth() (`rateGrade`: the share of fetch attempts that failed, judged only past
 * 20 requests so one failure is not a trend). Pages that failed and were retried successfully
 * leave no colour: only trouble now, or a failing rate, colours the badge.
 *
 * @example
 * gradeErrors({ retryingPages: 1, failedPages: 0 }, 'healthy'); // 'warning': attempt 2 is on its way
 * gradeErrors({ retryingPages: 0, failedPages: 2 }, 'warning'); // 'critical'
 */
export function gradeErrors(
  figures: Pick<HoodFigures, 'retryingPages' | 'failedPages'>,
  rateGrade: HealthStatus,
): HealthStatus {
  const now: HealthStatus =
    figures.failedPages > 0 ? 'critical' : figures.retryingPages > 0 ? 'warning' : 'healthy';
  return WORST.indexOf(now) >= WORST.indexOf(rateGrade) ? now : rateGrade;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** `value` to three significant digits, or null when that rounds up to 1000 (`'1.00e+3'`). */
const threeDigits = (value: number): string | null => {
  const text = value.toPrecision(3);
  return Number(text) >= 1000 ? null : text;
};

/**
 * A byte count for people: whole bytes below 1 KB, then three significant digits in powers of
 * 1024. Sizes from 999.5 to 1023 of a unit are shown in the next one (`0.977 MB`), not as
 * `1.00e+3 KB`.
 *
 * @example
 * formatBytes(1_536); // '1.50 KB'
 * formatBytes(1_024_000); // '0.977 MB'
 * formatBytes(0); // '0 B'
 */
export function formatBytes(bytes: number): string {
  const whole = Math.round(bytes);
  if (whole < 1024) return `${whole} ${UNITS[0]}`;
  let value = bytes / 1024;
  let unit = 1;
  while (threeDigits(value) === null && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${threeDigits(value) ?? Math.round(value)} ${UNITS[unit]}`;
}

/**
 * A byte count on a chart axis: {@link formatBytes} without trailing zeros, so ticks stay narrow.
 *
 * @example
 * axisBytes(1_048_576); // '1 MB'
 * axisBytes(1_536); // '1.5 KB'
 */
export function axisBytes(bytes: number): string {
  return formatBytes(bytes)
    .replace(/(\.\d*?)0+ /, '$1 ')
    .replace('. ', ' ');
}
