// Pure arithmetic of the "Under the hood" panel: totals over the page's lists, and byte labels.
import type { CacheStatus, LazyListStats, MemoryLevel } from '@lazyflow/core';

/** Totals over the lists of the current page. */
export interface HoodFigures {
  readonly lists: number;
  readonly requests: number;
  readonly inFlight: number;
  readonly cacheHits: number;
  readonly cacheMisses: number;
  /** cacheHits / (cacheHits + cacheMisses), 0 before any lookup. */
  readonly hitRate: number;
  readonly errors: number;
  readonly bytesInMemory: number;
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
 * Sums the stats of the page's lists.
 *
 * @example
 * sumStats([table.stats, log.stats]).requests; // table.stats.requests + log.stats.requests
 */
export function sumStats(all: Iterable<LazyListStats>): HoodFigures {
  const totals = {
    lists: 0,
    requests: 0,
    inFlight: 0,
    cacheHits: 0,
    cacheMisses: 0,
    errors: 0,
    bytesInMemory: 0,
    pagesInMemory: 0,
    bytesInCache: 0,
    cacheReads: 0,
    cacheWrites: 0,
  };
  let cacheStatus: CacheStatus | 'none' = 'none';
  let cacheWarning: string | null = null;
  for (const stats of all) {
    totals.lists += 1;
    totals.requests += stats.requests;
    totals.inFlight += stats.inFlight;
    totals.cacheHits += stats.cacheHits;
    totals.cacheMisses += stats.cacheMisses;
    totals.errors += stats.errors;
    totals.bytesInMemory += stats.bytesInMemory;
    totals.pagesInMemory += stats.pagesInMemory;
    totals.bytesInCache = Math.max(totals.bytesInCache, stats.bytesInCache);
    totals.cacheReads += stats.cacheReads;
    totals.cacheWrites += stats.cacheWrites;
    if (cacheStatus === 'none') cacheStatus = stats.cacheStatus;
    cacheWarning ??= stats.cacheWarning;
  }
  const lookups = totals.cacheHits + totals.cacheMisses;
  return { ...totals, hitRate: lookups === 0 ? 0 : totals.cacheHits / lookups, cacheStatus, cacheWarning };
}

/** One point of the panel's sparkline. */
export interface HoodSample {
  /** Bytes in memory of the page's lists. */
  readonly bytes: number;
  /** JS heap (performance.memory), when the browser has it. */
  readonly heap: number | undefined;
  readonly level: MemoryLevel;
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
