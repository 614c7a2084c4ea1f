import type { PageState } from '../store/pageState.ts';

/**
 * Why a list decided that its dataset moved under the pages it holds (decision 0012):
 * - `version`: a page came with another `version` than the one the list knows;
 * - `total`: a page came with another `total` than the server said before (and than the count);
 * - `keys`: a page holds an item key that a neighbouring page of the same dataset holds too
 *   (rows were inserted before it since that neighbour was fetched, so the two overlap), or the
 *   row asked with a page (the one before it, decision 0074) is not the row the list holds there
 *   or is held at another index (a row was skipped or inserted between the two requests).
 *
 * @example
 * const reason: MoveReason = 'version';
 */
export type MoveReason = 'version' | 'total' | 'keys';

/** What a landed page says about its dataset: the `total` and `version` of its response. */
export interface DatasetMark {
  readonly total?: number | undefined;
  readonly version?: string | number | undefined;
}

/** What {@link detectMove} compares. */
export interface MoveInput<T> {
  /** The server's `total` and `version` the list knows (from earlier pages); undefined fields are unknown. */
  readonly known: DatasetMark;
  /** The list's count now (a local `append` may have grown it: a total equal to it is no move). */
  readonly count: number;
  /** The page that just landed. */
  readonly landed: DatasetMark & { readonly items: readonly T[] };
  /** The items of the pages just before and just after it, when held fresh. */
  readonly before?: readonly T[] | undefined;
  readonly after?: readonly T[] | undefined;
  readonly getItemKey?: ((item: T) => string | number) | undefined;
}

/**
 * Says whether a landed offset page shows that the dataset changed since the list's other pages
 * were fetched, and why; null when nothing says so. Pure: the list acts on the answer.
 *
 * @example
 * detectMove({ known: { total: 100 }, count: 100, landed: { items: [], total: 101 } }); // 'total'
 * detectMove({ known: { version: 3 }, count: 9, landed: { items: [], version: 3 } }); // null
 */
export function detectMove<T>(input: MoveInput<T>): MoveReason | null {
  const { known, landed } = input;
  if (landed.version !== undefined && known.version !== undefined && landed.version !== known.version)
    return 'version';
  if (
    landed.total !== undefined &&
    known.total !== undefined &&
    landed.total !== known.total &&
    landed.total !== input.count
  )
    return 'total';
  const { getItemKey } = input;
  if (getItemKey === undefined || landed.items.length === 0) return null;
  const neighbours = [input.before, input.after].filter(
    (items): items is readonly T[] => items !== undefined && items.length > 0,
  );
  if (neighbours.length === 0) return null;
  const keys = new Set<string | number>();
  for (const item of landed.items) keys.add(getItemKey(item));
  for (const items of neighbours) for (const item of items) if (keys.has(getItemKey(item))) return 'keys';
  return null;
}

/**
 * What a list knows about its dataset moving under it (decision 0012), in `snapshot.moves`.
 * Counted only with the watch (`moves: watchMoves` from `@lazyflow/core/moves`); without it
 * this stays {@link NO_MOVES}.
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

/** The moves of a list that never saw one (or has no watch). */
export const NO_MOVES: DatasetMoves = Object.freeze({
  count: 0,
  reason: null,
  totalDelta: 0,
  refetching: false,
});

/** What a dataset-move watch reads of its list and asks it to do. */
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
 * The dataset-move watch of one list, as the list calls it (made by `watchMoves.create`).
 *
 * @example
 * if (watch?.received(page, data) === 'held') return; // lands later, with its neighbours
 */
export interface MovesWatch {
  /** What was seen so far (`snapshot.moves`). */
  readonly moves: DatasetMoves;
  /** Whether a response asked in an older `generation` is of the version now known: it is used. */
  current(data: unknown, generation: number): boolean;
  /** Whether `generation` is not older than the last `refresh()`/`invalidate()` (only moves came since). */
  since(generation: number): boolean;
  /** Whether a response for `page` is held back until its neighbours' arrive. */
  isHeld(page: number): boolean;
  /**
   * Whether a page read from the persistent cache is of another version of the dataset than the
   * one now known (both carry a `version`): it would show next to newer pages (an item twice, or
   * one skipped), so the list fetches it instead.
   */
  outdated(data: unknown): boolean;
  /** A fresh network response for `page`: 'land' it now, or it was 'held' for a joint landing. */
  received(page: number, data: unknown): 'land' | 'held';
  /** Lands the held responses once no held page of the zone waits for its own. Called after each replan. */
  settle(): void;
  /** `refresh()`/`invalidate()`: held responses are of a dropped generation; `forget` drops what is known. */
  reset(forget: boolean): void;
  /** A local insert, remove or update: held responses were asked by the offsets from before it. */
  dropHeld(): void;
}

/**
 * The type of the `moves` option: `watchMoves` from `@lazyflow/core/moves` (decision 0023),
 * the only value made for it. The list checks `kind` and calls `create` once.
 *
 * @example
 * import { watchMoves } from '@lazyflow/core/moves';
 * const watch: WatchMoves = watchMoves;
 */
export interface WatchMoves {
  readonly kind: 'moves';
  /**
   * Makes the watch of one list: `flow` is the list's load loop (`FlowState`, list/flowState.ts;
   * typed apart here, which flowState.ts imports), from which the watch builds its
   * {@link DatasetWatchHost}, so that wiring comes with this import too.
   */
  readonly create: (flow: object) => MovesWatch;
}
