import type { CacheTier } from '../cache/cacheTier.ts';
import type { ListLayout } from '../paging/layout.ts';
import type { ListWindow } from '../planner/listWindow.ts';
import type { PageRange } from '../planner/planWindow.ts';
import type { PageStore } from '../store/pageStore.ts';
import type { DatasetMoves } from './datasetMoves.ts';
import type { ResolvedLazyListOptions } from './lazyListOptions.ts';
import {
  buildSnapshot,
  type DuplicateKey,
  type LazyListSnapshot,
  type SnapshotLayout,
} from './listSnapshot.ts';
import { NO_GAUGES, type StatsCounter } from './listStats.ts';
import type { PressureTier } from './pressureTier.ts';

/**
 * What a {@link SnapshotPublisher} reads of its list: the list's load loop itself (`PageFlow`
 * passes `this`), read at each change, so the options, window and plan are always the current ones.
 */
export interface SnapshotPublisherHost<T> {
  /** `statsIntervalMs`: background changes are folded in at most this often (0 = with the next visible change). */
  readonly o: Pick<ResolvedLazyListOptions<T>, 'timers' | 'statsIntervalMs' | 'getItemKey'>;
  readonly store: PageStore<T>;
  readonly layout: ListLayout<T>;
  readonly stats: StatsCounter;
  readonly cache: CacheTier | undefined;
  readonly pressure: PressureTier;
  /** The window the view asked for. */
  readonly window: ListWindow | null;
  /** The current plan: its visible pages. */
  readonly plan: { readonly visible: PageRange | null } | null;
  /** What the list saw of its dataset moving (decision 0012). */
  readonly moves?: { readonly moves: DatasetMoves } | undefined;
}

/**
 * Holds a lazy list's current snapshot and decides when a new one is due. A change that touches
 * the visible window publishes and notifies at once; changes outside it (prefetched pages,
 * evictions, stats) are folded into a snapshot at most every `statsInterval` ms, so background
 * loading never re-renders visible rows on its own.
 *
 * @example
 * const snapshots = new SnapshotPublisher(flow, () => list.notify()); // flow: the list's PageFlow
 * snapshots.publish(false); // a prefetched page landed: folded in within statsInterval
 * snapshots.publish(true); // a visible page landed: new snapshot, listeners called now
 */
export class SnapshotPublisher<T> {
  readonly #host: SnapshotPublisherHost<T>;
  readonly #notify: () => void;
  #snapshot: LazyListSnapshot<T>;
  #backgroundTimer: unknown;
  #stopped = false;
  /** Duplicate keys reported already (each once per list). */
  readonly #reported = new Set<string | number>();

  /** `notify` calls the list's listeners. */
  constructor(host: SnapshotPublisherHost<T>, notify: () => void) {
    this.#host = host;
    this.#notify = notify;
    this.#snapshot = this.#build();
  }

  /**
   * Run before each publish: the write engine puts the local writes it keeps through a refetch
   * on the pages (decision 0040), so no snapshot shows the refetched pages without them. False
   * holds this publish: a replay is under way, and the engine publishes again once it is done.
   */
  beforePublish: (() => boolean) | undefined;

  /** The write engine shows its waiting inserts through this view of the layout (decision 0048). */
  shown: ((layout: SnapshotLayout<T>) => SnapshotLayout<T>) | undefined;

  /** The current snapshot; the same reference until a new one is published. */
  get current(): LazyListSnapshot<T> {
    return this.#snapshot;
  }

  /** Something changed: publish now if it touches the visible window, else within `statsInterval`. */
  publish(visibleChanged: boolean): void {
    if (this.#stopped) return;
    if (this.beforePublish?.() === false) return; // local writes kept through a refetch go on the pages first
    const { timers, statsIntervalMs: statsInterval } = this.#host.o;
    // The memory monitor hears the list's bytes with every change, shown now or folded in later.
    this.#host.pressure.report(this.#host.store.bytes);
    if (visibleChanged) {
      // Each scroll frame publishes here: clear a folded-in publish only when one is due.
      if (this.#backgroundTimer !== undefined) timers.clearTimeout(this.#backgroundTimer);
      this.#backgroundTimer = undefined;
      this.#snapshot = this.#build();
      this.#notify();
    } else if (statsInterval > 0 && this.#backgroundTimer === undefined) {
      this.#backgroundTimer = timers.setTimeout(() => {
        this.#backgroundTimer = undefined;
        this.publish(true);
      }, statsInterval);
    }
  }

  /** Publishes nothing any more (the list was destroyed); the last snapshot stays current. */
  stop(): void {
    this.#stopped = true;
    this.#host.o.timers.clearTimeout(this.#backgroundTimer);
  }

  #build(): LazyListSnapshot<T> {
    const host = this.#host;
    const { store, layout, cache } = host;
    const snapshot = buildSnapshot({
      pages: store.freeze(),
      layout: this.shown?.(layout) ?? layout,
      window: host.window,
      visible: host.plan?.visible,
      stats: host.stats.read({
        ...NO_GAUGES,
        ...cache?.gauges(),
        bytesInMemory: store.bytes,
        pagesInMemory: store.loadedCount,
        memoryLevel: host.pressure.level,
        ...layout.loading(),
      }),
      getItemKey: host.o.getItemKey,
      moves: host.moves?.moves,
    });
    // The warning is a diagnostic (decision 0056); the rows shadowed and `duplicateKeys` are in every build.
    if (process.env.NODE_ENV !== 'production') warnDuplicateKeys(this.#reported, snapshot.duplicateKeys);
    return snapshot;
  }
}

/** Warns once per key (`reported` holds the keys warned about); development builds only (decision 0056). */
function warnDuplicateKeys(reported: Set<string | number>, found: readonly DuplicateKey[]): void {
  for (const { key, indexes } of found) {
    if (reported.has(key)) continue;
    reported.add(key);
    console.warn(
      `lazyflow: getItemKey returned ${JSON.stringify(key)} for the items at ${indexes[0]} and ${indexes[1]}; keys must be unique (the row at ${indexes[1]} is keyed by its position)`,
    );
  }
}
