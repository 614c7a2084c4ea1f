// @lazyflow/core — public API: what apps call, and the types of its options, snapshots and
// errors. Building blocks (parsers, chunked fetch, ring buffer, frame schedulers) are in
// `@lazyflow/core/stream`. This file only re-exports.

// The class pages live in (one query per page), re-exported so apps need no second install.
export { QueryClient } from '@tanstack/query-core';
export { type ClearCacheOptions, type ClearCacheResult, clearCache } from './cache/clearCache.ts';
export { type IdbCache, type IdbCacheOptions, idbCache } from './cache/idbCache.ts';
export { pageCache } from './cache/ownPageCache.ts';
export type { CacheStatus, PageCache } from './cache/pageCache.ts';
export type { SavedScroll } from './cache/savedScroll.ts';
export type { FrameScheduler } from './env/frameScheduler.ts';
export type { IdleSchedule } from './env/idleSchedule.ts';
export type { ScrollTarget } from './env/scrollTarget.ts';
export type { Timers } from './env/timers.ts';
export { isAbortError, PageShapeError, PageTimeoutError } from './errors.ts';
export type { GridColumnOptions } from './grid/columnOptions.ts';
export type { ColumnWindow, GridColumn } from './grid/columnWindow.ts';
export { type ColumnAlign, createGridColumns, type GridColumns } from './grid/GridColumns.ts';
export { createLazyList } from './list/createLazyList.ts';
export type { DatasetMoves, MoveReason } from './list/datasetMoves.ts';
export type { LazyList, LazyListSnapshot, LazyListStatus } from './list/LazyList.ts';
export type { LazyListOptions, LazyListUpdate } from './list/lazyListOptions.ts';
export type { LazyListStats } from './list/listStats.ts';
export { sharedQueryClient } from './list/sharedQueryClient.ts';
export { ListWriteError, type ListWriteResult, type ListWrites } from './list/writeResult.ts';
export {
  createMemoryMonitor,
  type MemoryMonitor,
  type MemoryMonitorOptions,
  type MemorySnapshot,
} from './memory/createMemoryMonitor.ts';
export {
  getDefaultMemoryMonitor,
  getHealth,
  setDefaultMemoryMonitor,
} from './memory/defaultMemoryMonitor.ts';
export type { HealthReport, HealthStatus } from './memory/health.ts';
export type { MemoryLevel } from './memory/memoryLevel.ts';
export { autoSource } from './paging/autoPaging.ts';
export { cursorSource } from './paging/cursorPaging.ts';
export { rangeSource } from './paging/rangePaging.ts';
export type { ListWindowInput } from './planner/listWindow.ts';
export { createPrefetcher } from './prefetch/createPrefetcher.ts';
/** @internal useSuspenseLazyList's first pages in the list's persistent cache (decision 0092). */
export { firstPagesCache } from './prefetch/firstPagesCache.ts';
export type { Prefetcher, PrefetcherSnapshot, PrefetchOptions } from './prefetch/Prefetcher.ts';
export type { PrefetcherOptions } from './prefetch/prefetcherOptions.ts';
export { lazyListPageKeys, type PrefetchWindow, prefetchLazyList } from './prefetch/prefetchLazyList.ts';
export type { PrefetchListOptions } from './prefetch/prefetchList.ts';
export type { PrefetchPriority } from './prefetch/prefetchPriority.ts';
export type { PrefetchCancelReason, PrefetchResult, PrefetchStatus } from './prefetch/prefetchResult.ts';
export type { RetryOptions } from './scheduler/backoffDelay.ts';
export { pageQueryKey } from './scheduler/pageQuery.ts';
export type { AutoSource, AutoSourceOptions } from './sources/autoSource.ts';
export type { Cursor } from './sources/cursor.ts';
export type { CursorFetchParams, CursorSourceOptions } from './sources/cursorSource.ts';
export { type EagerSourceOptions, eagerSource } from './sources/eagerSource.ts';
export type { FetchPriority } from './sources/fetchPriority.ts';
export {
  type AutoPageSize,
  type OffsetFetchParams,
  type OffsetSourceOptions,
  offsetSource,
} from './sources/offsetSource.ts';
export type { PageSizingOptions } from './sources/pageSizing.ts';
export type { RangeFetchParams, RangeSourceOptions } from './sources/rangeSource.ts';
export type {
  CursorPage,
  CursorSource,
  LazyListSource,
  OffsetPage,
  OffsetSource,
  RangeSource,
} from './sources/source.ts';
export type { ItemState } from './store/itemState.ts';
export { type ChunkOptions, chunk } from './stream/chunk.ts';
export type { Chunk, ChunkRule } from './stream/chunkRules.ts';
export { type Chunker, type ChunkerSnapshot, createChunker } from './stream/createChunker.ts';
export {
  createStream,
  type ItemStream,
  type StreamSnapshot,
  type StreamStatus,
} from './stream/createStream.ts';
export { StreamHttpError, StreamParseError } from './stream/streamErrors.ts';
export type { CreateStreamOptions, StreamFormat, StreamResumeOptions } from './stream/streamOptions.ts';
export type { StreamResume } from './stream/streamRequest.ts';
export type { StreamStats } from './stream/streamStats.ts';
export { createVirtualList } from './virtual/createVirtualList.ts';
export type { NavigationKeyEvent } from './virtual/keyboardTarget.ts';
export type { ScrollToIndexOptions } from './virtual/smoothScroll.ts';
export type { StickyBox } from './virtual/stickyRows.ts';
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
