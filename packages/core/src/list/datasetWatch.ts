import type { OffsetPage } from '../sources/source.ts';
import { isServerOnly } from '../store/editRope.ts';
import {
  type DatasetMark,
  type DatasetMoves,
  type DatasetWatchHost,
  detectMove,
  type MoveReason,
  type MovesWatch,
  NO_MOVES,
  type WatchMoves,
} from './datasetMoves.ts';
import type { FlowState } from './flowState.ts';
import { restart } from './pageInvalidation.ts';
import { commitPages } from './pageLanding.ts';

/**
 * Watches the offset pages a list receives for signs that rows were inserted or deleted on the
 * server since its other pages were fetched ({@link detectMove}). On a sign, the list refetches
 * the pages it holds around the window; the responses are held back and land together once
 * every held page of the window and its prefetch zone has one, so the view never shows a page of
 * the new dataset next to one of the old (an item twice, or one skipped). Until then the old
 * pages stay on screen, stale.
 *
 * @example
 * const watch = new DatasetWatch(host);
 * if (watch.received(page, data) === 'held') return; // landed later, with its neighbours
 */
class DatasetWatch<T> implements MovesWatch {
  readonly #host: DatasetWatchHost<T>;
  #known: DatasetMark = {};
  readonly #pending = new Map<number, unknown>();
  #moves: DatasetMoves = NO_MOVES;
  #committing = false;
  /** The generation a refetch for overlapping keys started: overlaps found again in it are the data's own duplicates. */
  #keysRefetched = -1;
  /** The generation of the last `refresh()`/`invalidate()`. */
  #resetGeneration = 0;

  constructor(host: DatasetWatchHost<T>) {
    this.#host = host;
  }

  get moves(): DatasetMoves {
    return this.#moves;
  }

  /** Whether a response asked in `generation` (older than the list's) is of the version now known: it is used. */
  current(data: unknown, generation: number): boolean {
    if (!this.since(generation) || !hasItemsArray(data)) return false;
    return data.version !== undefined && data.version === this.#known.version;
  }

  /** Whether `generation` is not older than the last `refresh()`/`invalidate()` (only moves came since). */
  since(generation: number): boolean {
    return generation >= this.#resetGeneration;
  }

  outdated(data: unknown): boolean {
    const known = this.#known.version;
    return known !== undefined && hasItemsArray(data) && data.version !== undefined && data.version !== known;
  }

  /** Whether a response for `page` is held back until its neighbours' arrive. */
  isHeld(page: number): boolean {
    return this.#pending.has(page);
  }

  /** A fresh network response for `page`: 'land' it now, or it was 'held' for a joint landing. */
  received(page: number, data: unknown): 'land' | 'held' {
    const host = this.#host;
    if (!host.watching() || !hasItemsArray(data)) return 'land';
    const landed = { items: data.items as readonly T[], total: data.total, version: data.version };
    const fresh = (index: number) => {
      if (this.#pending.has(index)) return (this.#pending.get(index) as OffsetPage<T>).items;
      const state = host.page(index);
      return state?.items !== undefined && !state.stale && state.generation === host.generation()
        ? state.items
        : undefined;
    };
    const detected = detectMove({
      known: this.#known,
      count: host.count(),
      landed,
      before: fresh(page - 1),
      after: fresh(page + 1),
      getItemKey: host.getItemKey(),
    });
    // Pages refetched together that overlap still are duplicate keys in the data (reported as
    // `snapshot.duplicateKeys`), not a move: refetching again would never end.
    const reason = detected === 'keys' && this.#keysRefetched === host.generation() ? null : detected;
    if (reason !== null) {
      this.#begin(reason, page, data, landed);
      return 'held';
    }
    this.#known = {
      total: landed.total ?? this.#known.total,
      version: landed.version ?? this.#known.version,
    };
    if (this.#pending.size === 0) return 'land';
    this.#pending.set(page, data);
    this.settle();
    return 'held';
  }

  /** Lands the held responses once no held page of the zone waits for its own. Called after each replan. */
  settle(): void {
    if (this.#pending.size === 0 || this.#committing) return;
    const host = this.#host;
    for (const state of host.pages()) {
      const waiting =
        state.items !== undefined &&
        state.stale &&
        state.status !== 'error' &&
        !this.#pending.has(state.index) &&
        host.inZone(state.index);
      if (waiting) return;
    }
    const pages = new Map(this.#pending);
    this.#pending.clear();
    this.#moves = { ...this.#moves, refetching: false };
    this.#committing = true;
    try {
      host.commit(pages);
    } finally {
      this.#committing = false;
    }
  }

  /** `refresh()`/`invalidate()`: held responses are of a dropped generation; what is known is forgotten. */
  reset(forget: boolean): void {
    this.#pending.clear();
    if (this.#moves.refetching) this.#moves = { ...this.#moves, refetching: false };
    if (forget) this.#known = {};
    this.#resetGeneration = this.#host.generation();
  }

  /** A local write: the held responses would land the items from before it (their pages are asked again). */
  dropHeld(): void {
    this.#pending.clear();
    if (this.#moves.refetching) this.#moves = { ...this.#moves, refetching: false };
  }

  #begin(reason: MoveReason, page: number, data: unknown, landed: DatasetMark): void {
    const before = this.#known.total;
    const totalDelta = landed.total !== undefined && before !== undefined ? landed.total - before : 0;
    this.#known = { total: landed.total ?? before, version: landed.version ?? this.#known.version };
    this.#moves = { count: this.#moves.count + 1, reason, totalDelta, refetching: true };
    this.#pending.clear();
    this.#pending.set(page, data);
    this.#host.restart(page);
    if (reason === 'keys') this.#keysRefetched = this.#host.generation();
    this.settle();
  }
}

// A shape guard only (pages the list already parsed); `isOffsetPage` (sources/pageData.ts) parses in full.
function hasItemsArray(data: unknown): data is OffsetPage<unknown> {
  return typeof data === 'object' && data !== null && Array.isArray((data as { items?: unknown }).items);
}

/**
 * The dataset-move watch (decision 0012), given as the `moves` option of `createLazyList`,
 * `useLazyList` or `<LazyList>` (decision 0023): the list then sees rows inserted or deleted on
 * the server under the pages it holds (a page's `version` or `total` changed, or its keys overlap
 * a neighbour's), refetches the pages around the window and lands them together, and counts it
 * in `snapshot.moves`. Its own import, so a list that does not need it does not bundle it.
 *
 * @example
 * import { watchMoves } from '@lazyflow/core/moves';
 * const list = createLazyList({ key: ['rows'], source: offsetSource({ pageSize: 100, fetchPage }), moves: watchMoves });
 */
export const watchMoves: WatchMoves = Object.freeze({
  kind: 'moves',
  create: (flow: object): MovesWatch => new DatasetWatch(watchHost(flow as FlowState<unknown>)),
});

/** What the watch reads of the list's load loop and asks it to do (here, so it comes with this import). */
function watchHost<T>(flow: FlowState<T>): DatasetWatchHost<T> {
  return {
    watching: () => flow.o.source.kind === 'offset' && isServerOnly(flow.channel.rope),
    count: () => flow.layout.count,
    getItemKey: () => flow.o.getItemKey,
    generation: () => flow.generation,
    pages: () => flow.store.values(),
    page: (index) => flow.store.get(index),
    inZone: (page) => flow.inZone(page),
    restart: (except) => restart(flow, except),
    commit: (pages) => commitPages(flow, pages),
  };
}
