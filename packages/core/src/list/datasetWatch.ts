import type { OffsetPage } from '../sources/source.ts';
import type { PageState } from '../store/pageState.ts';
import { type DatasetMark, detectMove, type MoveReason } from './datasetMoves.ts';

/**
 * What a list knows about its dataset moving under it (decision 0012), in `snapshot.moves`.
 *
 * @example
 * const { count, reason, totalDelta } = list.getSnapshot().moves;
 * if (count > seen && totalDelta > 0) showPill(`${totalDelta} new`);
 */
export interface DatasetMoves {
  /** How many times a response showed that the dataset changed (0: never). */
  readonly count: number;
  /** Why the last change was seen; null before the first. */
  readonly reason: MoveReason | null;
  /** The server's `total` after the last change minus before it (0 when unknown). */
  readonly totalDelta: number;
  /** True while the pages held around the window are refetched (the old ones stay on screen). */
  readonly refetching: boolean;
}

/** The moves of a list that never saw one. */
export const NO_MOVES: DatasetMoves = Object.freeze({
  count: 0,
  reason: null,
  totalDelta: 0,
  refetching: false,
});

/** What a {@link DatasetWatch} reads of its list and asks it to do. */
export interface DatasetWatchHost<T> {
  /** Offset source with no local insert/remove pending: only then are server offsets comparable. */
  watching(): boolean;
  readonly count: () => number;
  readonly getItemKey: () => ((item: T) => string | number) | undefined;
  /** The generation responses are compared in. */
  readonly generation: () => number;
  pages(): Iterable<PageState<T>>;
  page(index: number): PageState<T> | undefined;
  inZone(page: number): boolean;
  /** A move was seen: drop responses on their way, keep zone pages stale (refetched), drop the rest. */
  restart(except: number): void;
  /** Lands the held responses of the new dataset, all in one step, and shows them. */
  commit(pages: ReadonlyMap<number, unknown>): void;
}

/**
 * Watches the offset pages a list receives for signs that rows were inserted or deleted on the
 * server since its other pages were fetched ({@link detectMove}). On a sign, the list refetches
 * the pages it holds around the window; the responses are held back and land together once
 * every held page of the window and its prefetch zone has one, so the view never shows a page of
 * the new dataset next to one of the old (an item twice, or one skipped). Until then the old
 * pages stay on screen, stale.
 *
 * @internal
 * @example
 * if (watch.received(page, data) === 'held') return; // landed later, with its neighbours
 */
export class DatasetWatch<T> {
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
    if (!this.since(generation) || !isOffsetPage(data)) return false;
    return data.version !== undefined && data.version === this.#known.version;
  }

  /** Whether `generation` is not older than the last `refresh()`/`invalidate()` (only moves came since). */
  since(generation: number): boolean {
    return generation >= this.#resetGeneration;
  }

  /** Whether a response for `page` is held back until its neighbours' arrive. */
  isHeld(page: number): boolean {
    return this.#pending.has(page);
  }

  /** A fresh network response for `page`: 'land' it now, or it was 'held' for a joint landing. */
  received(page: number, data: unknown): 'land' | 'held' {
    const host = this.#host;
    if (!host.watching() || !isOffsetPage(data)) return 'land';
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

function isOffsetPage(data: unknown): data is OffsetPage<unknown> {
  return typeof data === 'object' && data !== null && Array.isArray((data as { items?: unknown }).items);
}
