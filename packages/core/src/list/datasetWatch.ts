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
import { overlapLoads, type PageEdge, sameEdgePage } from './pageOverlap.ts';

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
  /** The version known when the last move began: late answers of it are of the pages replaced. */
  #before: unknown;
  /** The row before each page as its last response gave it (the overlap row, decision 0074). */
  readonly #edges = new Map<number, PageEdge>();

  constructor(host: DatasetWatchHost<T>) {
    this.#host = host;
  }

  get moves(): DatasetMoves {
    return this.#moves;
  }

  /**
   * Whether a response asked in `generation` (older than the list's) is used: of the version now
   * known, or of one neither known nor the version before the last move (the server changed again
   * while the refetch was on its way: received() sees it as a move and starts over). A late
   * answer of the version before the move is dropped and asked again.
   */
  current(data: unknown, generation: number): boolean {
    if (!this.since(generation) || !hasItemsArray(data)) return false;
    const { version } = data;
    return version !== undefined && (version === this.#known.version || version !== this.#before);
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
    const getItemKey = host.getItemKey();
    const detected = detectMove({
      known: this.#known,
      count: host.count(),
      landed,
      before: fresh(page - 1),
      after: fresh(page + 1),
      getItemKey,
    });
    const edge =
      (detected === null || detected === 'keys') && getItemKey !== undefined
        ? this.#edgeMove(page, landed.items, fresh, getItemKey)
        : null;
    // Pages refetched together that overlap still are duplicate keys in the data (reported as
    // `snapshot.duplicateKeys`), not a move: refetching again would never end. A row before a
    // page that is not the row held there is no duplicate: that move is always followed, even
    // when the keys overlap too (decision 0080: the server moved again during the refetch).
    const keyed = (detected === 'keys' && edge !== 'boundary') || edge === 'elsewhere';
    const reason =
      keyed && this.#keysRefetched === host.generation()
        ? null
        : (detected ?? (edge === null ? null : 'keys'));
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
    if (forget) {
      this.#known = {};
      this.#edges.clear();
    }
    this.#resetGeneration = this.#host.generation();
  }

  /** A local write: the held responses would land the items from before it (their pages are asked again). */
  dropHeld(): void {
    this.#pending.clear();
    if (this.#moves.refetching) this.#moves = { ...this.#moves, refetching: false };
  }

  /** Records the row before `page` from its response (pageOverlap.ts): compared when the page lands. */
  edge(page: number, edge: PageEdge): void {
    this.#edges.set(page, edge);
  }

  /**
   * With the overlap rows (decision 0074): 'boundary' when the row before the landed page, or the
   * row before the held page after it, is not the row the list holds there (a row was skipped or
   * inserted between the two requests); 'elsewhere' when, with no row held just before it, the
   * row before the page is held at another index; null otherwise.
   */
  #edgeMove(
    page: number,
    items: readonly T[],
    fresh: (index: number) => readonly T[] | undefined,
    key: (item: T) => string | number,
  ): 'boundary' | 'elsewhere' | null {
    const host = this.#host;
    // Edges of pages no longer held are of no use (and the map stays the size of the store).
    for (const index of this.#edges.keys()) if (host.page(index) === undefined) this.#edges.delete(index);
    const own = this.#edges.get(page);
    const mine = own !== undefined && sameEdgePage(own, items, key) ? own : undefined;
    const next = this.#edges.get(page + 1);
    const after = fresh(page + 1);
    if (next !== undefined && after !== undefined && sameEdgePage(next, after, key)) {
      const last = items[items.length - 1];
      if (page * next.size + items.length - 1 === next.at && last !== undefined && key(last) !== next.key)
        return 'boundary';
    }
    if (mine === undefined) return null;
    const before = fresh(page - 1);
    if (before !== undefined) {
      const last = before[before.length - 1];
      return (page - 1) * mine.size + before.length - 1 === mine.at &&
        last !== undefined &&
        key(last) !== mine.key
        ? 'boundary'
        : null;
    }
    const indexes = new Set<number>(this.#pending.keys());
    for (const state of host.pages()) indexes.add(state.index);
    for (const index of indexes) {
      const held = index === page ? undefined : fresh(index);
      if (held === undefined) continue;
      for (let i = 0; i < held.length; i++)
        if (key(held[i] as T) === mine.key && index * mine.size + i !== mine.at) return 'elsewhere';
    }
    return null;
  }

  #begin(reason: MoveReason, page: number, data: unknown, landed: DatasetMark): void {
    const before = this.#known.total;
    const totalDelta = landed.total !== undefined && before !== undefined ? landed.total - before : 0;
    this.#before = this.#known.version;
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
 * a neighbour's, or the row before it is not the row held there), refetches the pages around the
 * window and lands them together, and counts it in `snapshot.moves`. Its own import, so a list
 * that does not need it does not bundle it.
 *
 * With `getItemKey` and a fixed `pageSize` it asks each page after the first with the row before
 * it (decision 0074): `fetchPage` gets `offset: page × pageSize − 1`, `limit: pageSize + 1`
 * (and `page`, the page of that offset), so it must honour `offset` and `limit`. The list strips
 * that row before the page lands: the QueryClient, the caches, counts and bytes see pages of
 * `pageSize`; an answer one row short is asked again without that row. So a delete above and an
 * insert below that keep the `total` are seen without a `version`. Page 0, and every page with `pageSize: autoPageSize`, is asked as without the watch.
 *
 * @example
 * import { watchMoves } from '@lazyflow/core/moves';
 * const list = createLazyList({ key: ['rows'], source: offsetSource({ pageSize: 100, fetchPage }), moves: watchMoves });
 */
export const watchMoves: WatchMoves = Object.freeze({
  kind: 'moves',
  create: (flow: object): MovesWatch => {
    const watch = new DatasetWatch(watchHost(flow as FlowState<unknown>));
    overlapLoads(flow as FlowState<unknown>, (page, edge) => watch.edge(page, edge));
    return watch;
  },
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
