import type { CacheTier } from '../cache/cacheTier.ts';
import { type CarriesTier, LIST_TIER } from '../cache/listTier.ts';
import type { PageCache } from '../cache/pageCache.ts';
import type { ListLayout } from '../paging/layout.ts';
import { evictsNothing } from '../planner/evictionPolicy.ts';
import { type ListWindow, normalizeWindow } from '../planner/listWindow.ts';
import type { WindowPlan } from '../planner/planWindow.ts';
import type { FetchScheduler } from '../scheduler/fetchScheduler.ts';
import { PageQueries } from '../scheduler/pageQuery.ts';
import { pageShape } from '../sources/adopt.ts';
import type { OffsetSource } from '../sources/source.ts';
import type { PageAction } from '../store/pageReducer.ts';
import { PageStore } from '../store/pageStore.ts';
import { cachedPages } from './cachedPages.ts';
import type { MovesWatch } from './datasetMoves.ts';
import type { FlowState, ListPhase, PageResult } from './flowState.ts';
import type { ResolvedLazyListOptions } from './lazyListOptions.ts';
import { StatsCounter } from './listStats.ts';
import { createPageScheduler } from './pageFetch.ts';
import { onInvalidated } from './pageInvalidation.ts';
import { commitPages, dropPages, land, onCached, onChecked } from './pageLanding.ts';
import { PressureTier } from './pressureTier.ts';
import { RefreshLanding } from './refreshLanding.ts';
import { SnapshotPublisher } from './snapshotPublisher.ts';
import type { WriteChannel, WriteEvent } from './writeChannel.ts';
import { WriteWatcher } from './writeWatcher.ts';
import { warnWrittenLength } from './writtenLengthWarning.ts';

/** What a {@link PageFlow} calls back into its list. */
export interface PageFlowHost<T> {
  /** Calls the list's listeners. */
  notify(): void;
  readonly layout: ListLayout<T>;
}

/** How long after `grow` changed the count the list counts as growing. */
const GROWING_MS = 200;

/**
 * The load loop of one lazy list: plans the window (planner through the layout), queues fetches
 * (scheduler, page queries in the QueryClient, the persistent cache first), and lands what comes
 * back in the store. Every page state change is an action dispatched to the store's pure
 * reducer (`store/pageReducer.ts`); here are only the decisions of when. `LazyList` is the
 * public face over it. This file wires the tiers and holds the plan step and the commands;
 * fetching is `pageFetch.ts`, landing an answer `pageLanding.ts`, invalidations and dataset
 * moves `pageInvalidation.ts`, each over the state named by {@link FlowState}.
 *
 * @internal
 * @example
 * const flow = new PageFlow(resolveLazyListOptions({ key, source }), { notify, layout });
 * flow.window = normalizeWindow({ start: 0, end: 40 });
 * flow.replan();
 */
export class PageFlow<T> implements FlowState<T> {
  o: ResolvedLazyListOptions<T>;
  phase: ListPhase = 'idle';
  /** Bumped by refresh/invalidate: responses of an older generation are dropped. */
  generation = 0;
  window: ListWindow | null = null;
  plan: WindowPlan | null = null;
  readonly layout: ListLayout<T>;
  readonly store = new PageStore<T>();
  readonly stats: StatsCounter;
  readonly queries: PageQueries;
  readonly scheduler: FetchScheduler<PageResult>;
  readonly cache: CacheTier | undefined;
  readonly pressure: PressureTier;
  readonly snapshots: SnapshotPublisher<T>;
  /** Hears writes (the app's setQueryData, other lists') while the list has subscribers. */
  readonly writes: WriteWatcher<T>;
  /**
   * Sees rows inserted or deleted on the server under the pages held (decision 0012); only with
   * the `moves` option (`watchMoves`, its own import: decision 0023).
   */
  readonly moves: MovesWatch | undefined;
  /** Without the watch, a `refresh()`'s answers land together all the same (decision 0037). */
  readonly landing: RefreshLanding;

  constructor(options: ResolvedLazyListOptions<T>, host: PageFlowHost<T>) {
    this.o = options;
    const { layout } = host;
    this.layout = layout;
    this.stats = new StatsCounter(options.now);
    this.queries = new PageQueries(
      options.key,
      options.queryClient,
      (page) => onInvalidated(this, page),
      pageShape(options.source),
    );
    this.writes = new WriteWatcher(this); // reads queries, o.key and store when it listens
    this.scheduler = createPageScheduler(this);
    this.landing = new RefreshLanding(this, (pages) => commitPages(this, pages));
    // The watch builds its host from this flow (datasetWatch.ts): the wiring comes with its import.
    this.moves = options.moves?.create(this);
    // The tier comes with the cache (idbCache, pageCache; checked by resolveLazyListOptions).
    const { cache } = options;
    // The tier reads this flow and calls the landing's functions with it (cacheTier.ts).
    this.cache =
      cache &&
      (cache as PageCache & CarriesTier)[LIST_TIER](cache, options.key, options.source, this, {
        onCached,
        onChecked,
        retry: () => this.retry(), // the browser is back online
      });
    this.pressure = new PressureTier(this); // reads o.memoryMonitor when the list attaches
    if (options.initialWindow !== undefined)
      this.window = normalizeWindow(options.initialWindow, 'initialWindow');
    // Pages the client holds already (hydrated, prefetched, left by a list of the same key) are in the first snapshot.
    for (const c of cachedPages(options.queryClient, options.key, options.source, layout))
      land(this, c.page, c.data, c.stale ? 'cached' : 'landed');
    // So are pages the source holds already (an eagerSource array): no request, and the first
    // render has the data. They go into the QueryClient when the list starts (not in a render).
    const range = layout.pagesFor(this.window?.start ?? 0, this.window?.end ?? 1);
    for (let page = range?.first ?? 0; range && page <= range.last; page++) {
      const data = (options.source as OffsetSource<T>).initialPage?.(page);
      if (data === undefined || this.store.get(page)?.items) continue;
      land(this, page, data, 'landed');
      this.inHand.push([page, data]);
    }
    this.snapshots = new SnapshotPublisher(this, () => host.notify()); // reads this flow at each change
  }

  /** When `grow` last changed the count (`o.now()`), and the count the list had before. */
  grown = { at: Number.NEGATIVE_INFINITY, from: 0 };

  /**
   * The count grew within the last 200 ms and the window reaches where its end was before (a log
   * pouring in, followed; its window catches up with the end a step after the count, and a page's
   * answer may grow the count further first): the window moves on before a prefetched page would
   * be looked at, so the plan asks for visible pages only. A window elsewhere (history read while
   * a chat grows) prefetches.
   */
  get followsGrowth(): boolean {
    const { window, grown } = this;
    return window !== null && window.end >= grown.from && this.o.now() - grown.at < GROWING_MS;
  }

  /** A plan owed by `grow`, run in a task of its own; a later grow before it joins it. */
  #planTimer: unknown;

  /**
   * Plans in the next task: what a grow moved (the count, the rows, a view following the end) is
   * one task, the reads it starts and cancels another (decision 0085, which says what that bought a
   * log growing every 50 ms by thousands of lines).
   */
  planSoon(): void {
    // After destroy() the plan is a no-op (`replan` plans only a running list): no timer to clear.
    this.#planTimer ??= this.o.timers.setTimeout(() => {
      this.#planTimer = undefined;
      this.replan();
    }, 0);
  }

  get destroyed(): boolean {
    return this.phase === 'destroyed';
  }

  /** The local writes of this list's dataset, shared by every list on its QueryClient and key. */
  get channel(): WriteChannel<T> {
    return this.writes.channel;
  }

  /** Pages landed from the source's hand at creation; the list's first start puts them into the QueryClient. */
  readonly inHand: [page: number, data: unknown][] = [];

  /** Puts pages the list stored itself (appended) into the QueryClient, for the other lists on the key. */
  putOwn(page: number, data: unknown): void {
    this.writes.quietly(() => this.queries.set(page, data));
  }

  /** Stores one page state change (the generation of `requested`/`landed`/`failed` is the current one). */
  dispatch(action: PageAction<T>): void {
    this.store.dispatch(action);
  }

  /**
   * `refresh()`, or with `dropCached` `invalidate()`: forgets lookups and aborts fetches (a new
   * generation drops every response still on its way), keeps the zone's items shown, stale, until
   * fresh ones land (`invalidate()` drops every page, in memory and in the cache, and the count),
   * and loads the window again.
   */
  reset(dropCached = false): void {
    if (this.destroyed) return;
    this.layout.refreshSource();
    this.generation += 1;
    this.moves?.reset(dropCached);
    // refresh() of offset pages (cursor pages land in their order, as they come).
    const held = !dropCached && this.moves === undefined && this.o.source.kind === 'offset';
    this.landing.reset(held ? this.generation : -1);
    this.channel.forget(); // the server's data is wanted again: local writes are done or undone
    this.cache?.reset(dropCached);
    for (const page of this.scheduler.cancelAll()) this.dropLoading(page);
    this.queries.removeAll();
    this.store.dispatchEach((page) => ({
      type: 'reset',
      page: page.index,
      keep: !dropCached && this.inZone(page.index),
    }));
    if (dropCached) this.layout.reset();
    this.replan();
    this.snapshots.publish(true);
  }

  /**
   * `retry(pageIndex)` of the list (and every failed page when the browser is back online): the
   * failed page, or without a number every one, starts again at attempt 1; those outside the window
   * and its prefetch zone at background priority.
   */
  retry(pageIndex?: number): void {
    if (this.destroyed) return;
    const all = typeof pageIndex !== 'number';
    const failed = this.store.dispatchEach((page) =>
      page.status === 'error' && (all || page.index === pageIndex)
        ? { type: 'retried', page: page.index }
        : undefined,
    );
    if (all) this.layout.retry?.();
    this.replan();
    // A failed page outside the window + prefetch zone is retried at background priority.
    for (const page of failed) if (!this.scheduler.has(page)) this.request(page, 'background');
    this.snapshots.publish(true);
  }

  /** Queues one page outside the window plan (prefetch() and retry()), after a cache lookup. */
  request(page: number, priority: 'background'): void {
    if (
      !this.o.enabled ||
      // Under memory pressure a page outside the zone is shed as it lands: without a cache to
      // keep it, its request would be thrown away.
      (this.pressure.level !== 'ok' && !this.cache) ||
      this.store.isSettled(page) ||
      this.moves?.isHeld(page) ||
      this.landing.isHeld(page) ||
      this.scheduler.has(page) ||
      this.cache?.isPending(page)
    )
      return;
    this.dispatch({ type: 'requested', page, generation: this.generation });
    const request = { page, priority, distance: 0 };
    if ((this.cache?.route([request]) ?? [request]).length > 0) this.scheduler.enqueue(page, priority);
  }

  replan(): void {
    const window = this.window;
    if (this.phase !== 'running' || window === null) return;
    const previous = this.plan?.zone;
    const plan = this.layout.plan(window, {
      prefetch: this.followsGrowth ? 0 : this.pressure.prefetch(this.o.prefetch),
      flingVelocity: this.o.flingVelocity,
      loaded: {
        has: (page) =>
          this.store.isSettled(page) || this.moves?.isHeld(page) === true || this.landing.isHeld(page),
      },
      inFlight: this.scheduler.active(),
    });
    this.plan = plan;
    // `enabled: false` plans (the window, what to protect) but requests nothing.
    const wanted = this.o.enabled ? plan.requests : [];
    for (const { page } of wanted) this.dispatch({ type: 'requested', page, generation: this.generation });
    if (plan.zone !== null) {
      for (let page = plan.zone.first; page <= plan.zone.last; page++) {
        const entering = previous == null || page < previous.first || page > previous.last;
        if (entering && this.store.get(page)?.status === 'loaded') this.stats.add('cacheHits');
      }
    }
    if (plan.visible !== null) this.store.touch(plan.visible.first, plan.visible.last);
    const requests = this.cache?.route(wanted) ?? wanted; // cache lookups go first
    for (const page of this.scheduler.replaceQueue(requests)) this.dropLoading(page);
    // Cancelled after the queue is the plan's: a cancel frees a slot and starts the next queued
    // job at once, which must not be one that left the window (found by the model test).
    for (const page of plan.cancel) if (this.scheduler.cancel(page)) this.dropLoading(page);
    this.moves?.settle(); // the zone moved: held responses may have all they wait for
    this.landing.settle();
  }

  /** Forgets a page whose fetch was cancelled before it had data, including its empty query. */
  dropLoading(page: number): void {
    if (this.scheduler.has(page)) return;
    const entry = this.store.get(page);
    this.dispatch({ type: 'cancelled', page });
    if (entry?.items === undefined) this.queries.drop(page); // kept while another list's fetch waits on it
  }

  /** Evicts over-budget pages, and under memory pressure every page far from the window. */
  evict(): void {
    // Every scroll frame comes here: the candidates are listed only when some can go.
    if (evictsNothing(this.pressure.level, this.store.bytes, this.store.loadedCount, this.o)) return;
    const ranges = { visible: this.plan?.visible ?? null, zone: this.plan?.zone ?? null };
    dropPages(this, this.pressure.victims(this.store.evictionCandidates(), ranges, this.o));
  }

  inZone(page: number): boolean {
    const zone = this.plan?.zone;
    return zone != null && page >= zone.first && page <= zone.last;
  }

  isVisible(page: number): boolean {
    const visible = this.plan?.visible;
    return visible != null && page >= visible.first && page <= visible.last;
  }

  /** Page data written into the QueryClient (`setQueryData`, a write of any list on the key): shown. */
  written(page: number, data: unknown): void {
    const kind = this.o.source.kind;
    if (this.destroyed || data === undefined || this.layout.isPageData?.(data) === false) return;
    // A page not held: offset and range pages stand alone (and may carry a new count);
    // cursor pages only fit next to their neighbours.
    const alone = kind === 'offset' || kind === 'range';
    if (this.store.get(page)?.items === undefined && !(alone || this.inZone(page))) return;
    if (process.env.NODE_ENV !== 'production') warnWrittenLength(this, page, data);
    this.scheduler.cancel(page); // a fetch still running carries the data from before
    const { bytes } = land(this, page, data, 'landed');
    this.cache?.landed(page, data, bytes, true);
    this.snapshots.publish(true); // a write shows at once, in the window or not (snapshot.pages)
  }

  /** A write moved items: held pages it could not recompute are dropped and fetched again when needed. */
  moved(event: WriteEvent): void {
    if (this.destroyed) return;
    this.moves?.dropHeld(); // answers held for a joint landing were asked before the write
    this.landing.dropHeld();
    for (const state of [...this.store.values()]) {
      const page = state.index;
      // An insert or a remove (`last` Infinity) changed the count: a fetch still running for a
      // page before it would land the count from before the write, so it is asked again too.
      if (page > event.last || (page < event.first && event.last < Number.POSITIVE_INFINITY)) continue;
      // A fetch still running was asked by the offsets from before the write.
      const cancelled = this.scheduler.cancel(page);
      if ((page < event.first || event.rewritten.has(page)) && state.items !== undefined) continue;
      if (state.items !== undefined) this.dispatch({ type: 'evicted', page });
      else if (cancelled) this.dropLoading(page);
    }
    this.replan();
    this.snapshots.publish(true);
  }
}
