import type { CacheTier } from '../cache/cacheTier.ts';
import type { ListLayout } from '../paging/layout.ts';
import type { ListWindow } from '../planner/listWindow.ts';
import type { FetchScheduler } from '../scheduler/fetchScheduler.ts';
import type { PageQueries } from '../scheduler/pageQuery.ts';
import type { PageAction } from '../store/pageReducer.ts';
import type { PageStore } from '../store/pageStore.ts';
import type { MovesWatch } from './datasetMoves.ts';
import type { ResolvedLazyListOptions } from './lazyListOptions.ts';
import type { StatsCounter } from './listStats.ts';
import type { RefreshLanding } from './refreshLanding.ts';
import type { SnapshotPublisher } from './snapshotPublisher.ts';
import type { WriteChannel } from './writeChannel.ts';

/** Where a list is in its life: no subscriber yet (or any more), working, or destroyed for good. */
export type ListPhase = 'idle' | 'running' | 'destroyed';

/** A page's answer as the scheduler hands it on: its data, where it came from, when it was asked. */
export interface PageResult {
  readonly data: unknown;
  readonly fromCache: boolean;
  readonly generation: number;
  readonly latency: number;
}

/**
 * What the steps of a list's load loop (`pageFetch.ts`, `pageLanding.ts`, `pageInvalidation.ts`)
 * read and call on it: the state of one `PageFlow` (`pageFlow.ts`, which implements it and
 * documents each member) and its plan step. A type of its own so that those modules do not import
 * the class that wires them (no import cycle, type-only ones included).
 *
 * @internal
 * @example
 * function onError<T>(flow: FlowState<T>, page: number, error: unknown): void {
 *   flow.dispatch({ type: 'failed', page, generation: flow.generation, error });
 * }
 */
export interface FlowState<T> {
  readonly o: ResolvedLazyListOptions<T>;
  generation: number;
  window: ListWindow | null;
  readonly layout: ListLayout<T>;
  readonly store: PageStore<T>;
  readonly stats: StatsCounter;
  readonly queries: PageQueries;
  readonly scheduler: FetchScheduler<PageResult>;
  readonly cache: CacheTier | undefined;
  readonly snapshots: SnapshotPublisher<T>;
  readonly moves: MovesWatch | undefined;
  readonly landing: RefreshLanding;
  readonly destroyed: boolean;
  readonly channel: WriteChannel<T>;
  dispatch(action: PageAction<T>): void;
  replan(): void;
  evict(): void;
  dropLoading(page: number): void;
  request(page: number, priority: 'background'): void;
  inZone(page: number): boolean;
  isVisible(page: number): boolean;
}
