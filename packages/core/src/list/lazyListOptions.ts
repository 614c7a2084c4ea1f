import type { QueryClient, QueryKey } from '@tanstack/query-core';
import { type CarriesTier, LIST_TIER } from '../cache/listTier.ts';
import type { PageCache } from '../cache/pageCache.ts';
import { defaultNow, defaultTimers, type Timers } from '../env/timers.ts';
import type { MemoryMonitor } from '../memory/createMemoryMonitor.ts';
import { FOLLOW_LIST } from '../memory/followList.ts';
import {
  assertFunction,
  assertNonNegativeInteger,
  assertObject,
  assertPositiveInteger,
  assertPositiveNumber,
  optionError,
} from '../options.ts';
import type { ListWindowInput } from '../planner/listWindow.ts';
import { assertQueryClient } from '../scheduler/assertQueryClient.ts';
import type { RetryOptions } from '../scheduler/backoffDelay.ts';
import type { LazyListSource } from '../sources/source.ts';
import { estimateBytes } from '../store/estimateBytes.ts';
import type { WatchMoves } from './datasetMoves.ts';
import type { ListWrites } from './writeResult.ts';

/**
 * Options for `createLazyList`.
 *
 * @example
 * const options: LazyListOptions<User> = { key: ['users'], source: offsetSource({ pageSize: 100, fetchPage }), prefetch: 2 };
 * const list = createLazyList(options);
 */
export interface LazyListOptions<T> {
  // Required from the user
  /** Dataset identity; also the query-key prefix of every page (`[...key, 'page', n]`). */
  key: QueryKey;
  /** Where items come from: `offsetSource`, `cursorSource`, `rangeSource` or `eagerSource`. */
  source: LazyListSource<T>;

  // Optional
  /**
   * `false` holds every request (the window and what is loaded stay; nothing new is fetched) until
   * it turns `true`, e.g. while a search box is empty or a parent is still loading. Default true.
   */
  enabled?: boolean;
  /** Pages kept warm beyond the window, per side on average (more ahead than behind). Default 2. */
  prefetch?: number;
  /**
   * Fetches running at once for this list. Default 4. Every list and prefetcher on the same
   * QueryClient also shares one budget of 6 (docs/prefetch.md), visible pages first.
   */
  maxConcurrent?: number;
  /**
   * A page request still running after this many ms is aborted and fails with a
   * `PageTimeoutError`, retried like any failure while `retry.attempts` remain. Default 0: no limit.
   */
  timeoutMs?: number;
  /** In-memory budget; the farthest, least recently used pages go first. */
  memory?: { maxBytes?: number; maxPages?: number };
  /** The app's QueryClient, to share cache and devtools; one is created (and mounted) if absent. */
  queryClient?: QueryClient;
  /** Retry policy for failed pages. `attempts` counts the first try. Default { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 }. */
  retry?: RetryOptions;
  /**
   * Above this window speed (units/second, |velocity| from setWindow) the window is a fling:
   * nothing new is requested (not even visible pages: they show placeholders) and in-flight pages
   * that left the window are aborted; the window loads once a setWindow comes below this speed.
   * Default 20 pages/second.
   */
  flingVelocity?: number;
  /**
   * Changes that do not touch the visible window (a prefetched page landing, stats) are folded
   * into a snapshot at most this often, in ms. 0 = only with the next visible change. Default 1000.
   */
  statsIntervalMs?: number;
  /** @deprecated Use `statsIntervalMs` (kept one release). */
  statsInterval?: number;
  /** Window to start with, instead of calling `setWindow` right away. */
  initialWindow?: ListWindowInput;
  /**
   * An item's own key (an id). Given, a loaded row's `key` is the item's key, and a saved scroll
   * position remembers the item, so a restore whose item moved lands on the item. Default: none
   * (rows are keyed by index).
   */
  getItemKey?: (item: T) => string | number;
  /** Byte estimate of a page's items; default `estimateBytes` (sampled structural estimate). */
  estimateBytes?: (items: readonly unknown[]) => number;
  /**
   * Persistent tier, e.g. `idbCache({ name: 'users' })`, or your own `PageCache` passed through
   * `pageCache(yours)` (decision 0019). Pages found there show at once with `stale: true`,
   * visible ones are revalidated; fresh pages are written behind.
   */
  cache?: PageCache;
  /**
   * Memory monitor whose pressure levels shed pages; default the one set with
   * `setDefaultMemoryMonitor` (looked up at the first subscriber); `null` opts out.
   */
  memoryMonitor?: MemoryMonitor | null;
  /**
   * The write engine behind `update`, `insert` and `remove`: `listWrites` from
   * `@lazyflow/core/writes`. Without it every write returns `{ ok: false }` (reason `disabled`)
   * and the list does not bundle the engine (decision 0011).
   */
  writes?: ListWrites;
  /**
   * The dataset-move watch: `watchMoves` from `@lazyflow/core/moves` (decision 0023). With it an
   * offset list sees rows inserted or deleted on the server under the pages it holds (a page's
   * `version` or `total` changed, or keys overlapping a neighbour page's with `getItemKey`),
   * refetches the pages around the window and lands them together, and counts the moves in
   * `snapshot.moves` (decision 0012). With `getItemKey` and a fixed `pageSize` each page after
   * the first is asked with the row before it (`offset − 1`, `limit + 1`, decision 0074), so a
   * skipped row is seen without a `version`. Without it pages land as they come
   * (`snapshot.moves` stays at count 0) and the list does not bundle the watch. Offset sources only.
   */
  moves?: WatchMoves;

  // Environment (browser defaults)
  timers?: Timers;
  now?: () => number;
  /** Randomness for retry jitter, in [0, 1). */
  random?: () => number;
}

/**
 * What a running list takes with `setOptions`: a newer source of the same shape (its `fetchPage`
 * closing over a new token), budgets and tuning. The other options are the list's identity.
 *
 * @example
 * list.setOptions({ source: offsetSource({ pageSize: 100, fetchPage: withToken(token) }), prefetch: 3 });
 */
export type LazyListUpdate<T> = Partial<
  Pick<
    LazyListOptions<T>,
    | 'source'
    | 'enabled'
    | 'prefetch'
    | 'maxConcurrent'
    | 'timeoutMs'
    | 'memory'
    | 'retry'
    | 'flingVelocity'
    | 'statsIntervalMs'
    | 'statsInterval'
    | 'estimateBytes'
    | 'getItemKey'
  >
>;

/** Options fixed at creation: another value is another list (`setOptions` refuses them). */
export const FIXED_LIST_OPTIONS = [
  'key',
  'queryClient',
  'cache',
  'memoryMonitor',
  'initialWindow',
  'timers',
  'now',
  'random',
  'writes',
  'moves',
] as const;

/** Options with every default filled in. */
export interface ResolvedLazyListOptions<T> {
  readonly key: QueryKey;
  readonly source: LazyListSource<T>;
  readonly enabled: boolean;
  readonly prefetch: number;
  readonly maxConcurrent: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxPages: number;
  readonly queryClient: QueryClient | undefined;
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly flingVelocity: number;
  readonly statsIntervalMs: number;
  readonly initialWindow: ListWindowInput | undefined;
  readonly estimateBytes: (items: readonly unknown[]) => number;
  readonly getItemKey: ((item: T) => string | number) | undefined;
  readonly cache: PageCache | undefined;
  readonly memoryMonitor: MemoryMonitor | null | undefined;
  readonly writes: ListWrites | undefined;
  readonly moves: WatchMoves | undefined;
  readonly timers: Timers;
  readonly now: () => number;
  readonly random: () => number;
}

const OWNER = 'createLazyList';

/**
 * Fills `createLazyList`'s defaults; in development builds (decision 0054: not when the app's
 * bundler sets `process.env.NODE_ENV` to `'production'`) first throws a TypeError naming a bad option.
 *
 * @example
 * resolveLazyListOptions({ key: ['users'], source }).prefetch; // 2
 */
export function resolveLazyListOptions<T>(options: LazyListOptions<T>): ResolvedLazyListOptions<T> {
  if (process.env.NODE_ENV !== 'production') checkLazyListOptions(options);
  const { prefetch = 2, maxConcurrent = 4, memory = {}, retry = {}, enabled = true, timeoutMs = 0 } = options;
  const { maxBytes = 50_000_000, maxPages = 1_000 } = memory;
  const unit = options.source.kind === 'range' ? options.source.bucket : options.source.pageSize;
  return {
    key: options.key,
    source: options.source,
    enabled,
    prefetch,
    maxConcurrent,
    timeoutMs,
    maxBytes,
    maxPages,
    queryClient: options.queryClient,
    attempts: retry.attempts ?? 4,
    baseDelayMs: retry.baseDelayMs ?? retry.baseDelay ?? 500,
    maxDelayMs: retry.maxDelayMs ?? retry.maxDelay ?? 30_000,
    flingVelocity: options.flingVelocity ?? 20 * unit,
    statsIntervalMs: options.statsIntervalMs ?? options.statsInterval ?? 1000,
    initialWindow: options.initialWindow,
    estimateBytes: options.estimateBytes ?? ((items) => estimateBytes(items)),
    getItemKey: options.getItemKey,
    cache: options.cache,
    memoryMonitor: options.memoryMonitor,
    writes: options.writes,
    moves: options.moves,
    timers: options.timers ?? defaultTimers,
    now: options.now ?? defaultNow,
    random: options.random ?? Math.random,
  };
}

/**
 * Throws a TypeError naming the first bad option of `createLazyList` (an option left out is
 * checked as its default, which is valid). Development builds only (decision 0054).
 */
function checkLazyListOptions<T>(options: LazyListOptions<T>): void {
  assertObject(OWNER, 'options', options);
  if (!Array.isArray(options.key)) throw optionError(OWNER, 'key', 'an array (a query key)', options.key);
  const source: unknown = options.source;
  if (
    typeof source !== 'object' ||
    source === null ||
    !('kind' in source) ||
    !['offset', 'cursor', 'range', 'auto'].includes(String(source.kind))
  ) {
    throw optionError(
      OWNER,
      'source',
      'a source from offsetSource/cursorSource/rangeSource/eagerSource/autoSource',
      source,
    );
  }
  const { prefetch = 2, maxConcurrent = 4, memory = {}, retry = {}, enabled = true, timeoutMs = 0 } = options;
  if (typeof enabled !== 'boolean') throw optionError(OWNER, 'enabled', 'true or false', enabled);
  assertNonNegativeInteger(OWNER, 'prefetch', prefetch);
  assertPositiveInteger(OWNER, 'maxConcurrent', maxConcurrent);
  assertNonNegativeInteger(OWNER, 'timeoutMs', timeoutMs);
  assertObject(OWNER, 'memory', memory);
  assertPositiveNumber(OWNER, 'memory.maxBytes', memory.maxBytes ?? 1);
  assertPositiveNumber(OWNER, 'memory.maxPages', memory.maxPages ?? 1);
  assertObject(OWNER, 'retry', retry);
  assertPositiveInteger(OWNER, 'retry.attempts', retry.attempts ?? 1);
  assertNonNegativeInteger(OWNER, 'retry.baseDelayMs', retry.baseDelayMs ?? retry.baseDelay ?? 0);
  assertNonNegativeInteger(OWNER, 'retry.maxDelayMs', retry.maxDelayMs ?? retry.maxDelay ?? 0);
  assertPositiveNumber(OWNER, 'flingVelocity', options.flingVelocity ?? 1);
  assertNonNegativeInteger(OWNER, 'statsIntervalMs', options.statsIntervalMs ?? options.statsInterval ?? 0);
  if (options.queryClient !== undefined) assertQueryClient(OWNER, 'queryClient', options.queryClient);
  for (const name of ['estimateBytes', 'getItemKey', 'now', 'random'] as const) {
    if (options[name] !== undefined) assertFunction(OWNER, name, options[name]);
  }
  const { cache, memoryMonitor } = options;
  if (
    cache !== undefined &&
    (!hasMethods(cache, ['read', 'write', 'remove', 'subscribe', 'getSnapshot']) ||
      typeof (cache as Partial<CarriesTier>)[LIST_TIER] !== 'function')
  ) {
    // The list's side of the cache comes with it (decision 0019): a bare PageCache lacks it.
    throw optionError(
      OWNER,
      'cache',
      'a page cache: idbCache({ name }), or yours through pageCache(cache)',
      cache,
    );
  }
  if (cache !== undefined && options.source.kind === 'auto') {
    // The pages' shape depends on the strategy the probe picks, which a cache key cannot know yet.
    throw optionError(OWNER, 'cache', 'no cache with autoSource (not supported yet)', cache);
  }
  // The list follows a monitor through the monitor's own FOLLOW_LIST (decision 0023).
  if (memoryMonitor != null && typeof (memoryMonitor as Partial<MemoryMonitor>)[FOLLOW_LIST] !== 'function') {
    throw optionError(OWNER, 'memoryMonitor', 'a monitor from createMemoryMonitor(), or null', memoryMonitor);
  }
  const { writes } = options;
  if (writes !== undefined && !hasMethods(writes, ['update', 'insert', 'remove'])) {
    throw optionError(OWNER, 'writes', "listWrites from '@lazyflow/core/writes'", writes);
  }
  const { moves } = options;
  if (moves !== undefined) {
    const watch = moves as Partial<WatchMoves> | null;
    if (
      typeof watch !== 'object' ||
      watch === null ||
      watch.kind !== 'moves' ||
      typeof watch.create !== 'function'
    )
      throw optionError(OWNER, 'moves', "watchMoves from '@lazyflow/core/moves'", moves);
    // Only offset pages say where they sit in the server's dataset (decision 0012).
    if (options.source.kind !== 'offset')
      throw optionError(
        OWNER,
        'moves',
        'left out with a cursor, range or auto source (it reads offset pages only)',
        moves,
      );
  }
}

function hasMethods(value: unknown, methods: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return methods.every((method) => typeof record[method] === 'function');
}
