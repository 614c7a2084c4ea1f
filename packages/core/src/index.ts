// @lazyflow/core — public API. This file only re-exports.

// The class pages live in (one query per page), re-exported so apps need no second install.
export { QueryClient } from '@tanstack/query-core';
export type { CacheVersion } from './cache/cacheIndex.ts';
export { type ClearCacheOptions, type ClearCacheResult, clearCache } from './cache/clearCache.ts';
export { type IdbCache, type IdbCacheOptions, idbCache } from './cache/idbCache.ts';
export type { CacheStatus, PageCache, PageCacheSnapshot } from './cache/pageCache.ts';
export type { SavedScroll } from './cache/savedScroll.ts';
export type { IdleSchedule } from './env/idleSchedule.ts';
export {
  elementScrollTarget,
  type ScrollTarget,
  type ScrollTargetHandlers,
  windowScrollTarget,
} from './env/scrollTarget.ts';
export { defaultTimers, type Timers } from './env/timers.ts';
export { isAbortError, PageShapeError } from './errors.ts';
export { createLazyList } from './list/createLazyList.ts';
export type { LazyList, LazyListSnapshot, LazyListStatus } from './list/LazyList.ts';
export type { LazyListOptions, LazyListUpdate } from './list/lazyListOptions.ts';
export type { LazyListStats } from './list/listStats.ts';
export { sharedQueryClient } from './list/sharedQueryClient.ts';
export {
  createMemoryMonitor,
  type MemoryMonitor,
  type MemoryMonitorOptions,
  type MemoryPerformance,
  type MemoryRegistration,
  type MemorySnapshot,
  type MemorySource,
} from './memory/createMemoryMonitor.ts';
export {
  getDefaultMemoryMonitor,
  getHealth,
  setDefaultMemoryMonitor,
} from './memory/defaultMemoryMonitor.ts';
export type { HealthCounts, HealthReport, HealthStatus, HealthThresholds } from './memory/health.ts';
export type { MemoryLevel } from './memory/memoryLevel.ts';
export {
  type ChooseEvictionsInput,
  chooseEvictions,
  type EvictionCandidate,
} from './planner/chooseEvictions.ts';
export type { ListWindow, ListWindowInput, ScrollDirection } from './planner/listWindow.ts';
export {
  type PagePriority,
  type PageRange,
  type PageRequest,
  type PlanWindowInput,
  planWindow,
  prefetchSplit,
  type WindowPlan,
} from './planner/planWindow.ts';
export { createPrefetcher } from './prefetch/createPrefetcher.ts';
export type { Prefetcher, PrefetcherSnapshot, PrefetchOptions } from './prefetch/Prefetcher.ts';
export type { PrefetcherOptions } from './prefetch/prefetcherOptions.ts';
export type { PrefetchListOptions } from './prefetch/prefetchList.ts';
export type { PrefetchPriority } from './prefetch/prefetchPriority.ts';
export type { PrefetchCancelReason, PrefetchResult, PrefetchStatus } from './prefetch/prefetchResult.ts';
export { type BackoffOptions, backoffDelay } from './scheduler/backoffDelay.ts';
export { pageQueryKey } from './scheduler/pageQuery.ts';
export {
  type AutoProbe,
  type AutoSource,
  type AutoSourceOptions,
  autoSource,
  type ResolvedAutoSourceOptions,
} from './sources/autoSource.ts';
export {
  chooseStrategy,
  formatBytes,
  type LoadStrategy,
  type ProbeFacts,
  type StrategyChoice,
  type StrategyThresholds,
} from './sources/chooseStrategy.ts';
export type { Cursor } from './sources/cursor.ts';
export { type CursorFetchParams, type CursorSourceOptions, cursorSource } from './sources/cursorSource.ts';
export { type EagerSourceOptions, eagerSource } from './sources/eagerSource.ts';
export { type OffsetFetchParams, type OffsetSourceOptions, offsetSource } from './sources/offsetSource.ts';
export { adaptedPageSize, type PageSizingOptions } from './sources/pageSizing.ts';
export { type RangeFetchParams, type RangeSourceOptions, rangeSource } from './sources/rangeSource.ts';
export type {
  CursorPage,
  CursorSource,
  LazyListSource,
  OffsetPage,
  OffsetSource,
  RangeSource,
} from './sources/source.ts';
export { type EstimateBytesOptions, estimateBytes, estimateValueBytes } from './store/estimateBytes.ts';
export type { CountKind, ItemState, RangeState } from './store/itemState.ts';
export type { PageState, PageStatus } from './store/pageStore.ts';
export * from './stream/index.ts';
export { createVirtualList } from './virtual/createVirtualList.ts';
export {
  type KeyboardTargetInput,
  keyboardTarget,
  type NavigationKeyEvent,
  navigationTarget,
} from './virtual/keyboardTarget.ts';
export {
  MAX_PHYSICAL_SIZE,
  physicalFor,
  type ScalePosition,
  type ScrollScale,
  scrollScale,
  virtualForJump,
} from './virtual/scrollScale.ts';
export { SizeIndex, type SizeIndexOptions } from './virtual/sizeIndex.ts';
export type { VirtualList } from './virtual/VirtualList.ts';
export type {
  ScrollPersistence,
  VirtualListOptions,
  VirtualListUpdate,
} from './virtual/virtualListOptions.ts';
export {
  listDataAttributes,
  type ScrollAlign,
  type VirtualListSnapshot,
  type VirtualRow,
} from './virtual/virtualSnapshot.ts';
