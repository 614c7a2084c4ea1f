import type { CacheTier } from '../cache/cacheTier.ts';
import { type CarriesTier, LIST_TIER } from '../cache/listTier.ts';
import type { PageCache } from '../cache/pageCache.ts';
import type { ListLayout } from '../paging/layout.ts';
import { type ListWindow, normalizeWindow } from '../planner/listWindow.ts';
import type { PagePriority, WindowPlan } from '../planner/planWindow.ts';
import { fetchBudgetFor } from '../scheduler/fetchBudget.ts';
import { FetchScheduler, type RunningFetch } from '../scheduler/fetchScheduler.ts';
import { PageQueries, shouldRetryPage } from '../scheduler/pageQuery.ts';
import { isPageData } from '../sources/pageData.ts';
import { isServerOnly } from '../store/editRope.ts';
import type { PageAction } from '../store/pageReducer.ts';
import { PageStore } from '../store/pageStore.ts';
import { cachedPages } from './cachedPages.ts';
import type { MovesWatch } from './datasetMoves.ts';
import type { ResolvedLazyListOptions } from './lazyListOptions.ts';
import { StatsCounter } from './listStats.ts';
import { PressureTier } from './pressureTier.ts';
import { RefreshLanding } from './refreshLanding.ts';
import { SnapshotPublisher } from './snapshotPublisher.ts';
import type { WriteChannel, WriteEvent } from './writeChannel.ts';
import { WriteWatcher } from './writeWatcher.ts';

interface PageResult {
  readonly data: unknown;
  readonly fromCache: boolean;
  readonly generation: number;
  readonly latency: number;
}

/** Where a list is in its life: no subscriber yet (or any more), working, or destroyed for good. */
export type ListPhase = 'idle' | 'running' | 'destroyed';

/** What a {@link PageFlow} calls back into its list. */
export interface PageFlowHost<T> {
  /** Calls the list's listeners. */
  notify(): void;
  /** The browser is back online: failed pages retry. */
  retry(): void;
  readonly layout: ListLayout<T>;
}

/**
 * The load loop of one lazy list: plans the window (planner through the layout), queues fetches
 * (scheduler, page queries in the QueryClient, the persistent cache first), and lands what comes
 * back in the store. Every page state change is an action dispatched to the store's pure
 * reducer (`store/pageReducer.ts`); here are only the decisions of when. `LazyList` is the
 * public face over it.
 *
 * @internal
 * @example
 * const flow = new PageFlow(resolveLazyListOptions({ key, source }), { notify, retry, layout });
 * flow.window = normalizeWindow({ start: 0, end: 40 });
 * flow.replan();
 */
export class PageFlow<T> {
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
    this.queries = new PageQueries(options.key, options.queryClient, (page) => this.#onInvalidated(page));
    this.writes = new WriteWatcher({
      client: this.queries.client,
      key: options.key,
      written: (page, data) => this.written(page, data),
      moved: (event) => this.moved(event),
      // Writes while the list was not listening may have moved what it holds: take the pages
      // again (from the QueryClient, where the writes put them).
      missed: () =>
        this.store.dispatchEach((page) =>
          page.items === undefined ? undefined : { type: 'evicted', page: page.index },
        ),
    });
    this.scheduler = new FetchScheduler<PageResult>({
      maxConcurrent: options.maxConcurrent,
      attempts: options.attempts,
      timeoutMs: options.timeoutMs,
      budget: fetchBudgetFor(this.queries.client),
      backoff: { baseDelayMs: options.baseDelayMs, maxDelayMs: options.maxDelayMs, random: options.random },
      timers: options.timers,
      execute: (page, attempt, priority) => this.#execute(page, attempt, priority),
      onSuccess: (page, result) => this.#onPage(page, result),
      onError: (page, error) => this.#onError(page, error),
      shouldRetry: shouldRetryPage,
      // The page's loading rows show the attempt now due (decision 0025); a stale page, which
      // shows its items meanwhile, does not change, and no snapshot is made for it.
      onRetry: (page, attempt, _delay, error) => {
        this.stats.add('retries');
        const before = this.store.get(page);
        const action = {
          type: 'retrying',
          page,
          attempt: attempt + 1,
          attempts: this.o.attempts,
          error,
        } as const;
        if (this.store.dispatch(action) !== before) this.snapshots.publish(this.isVisible(page));
      },
      onActivity: (running) => this.stats.setInFlight(running),
      // While a scroll moves, its prefetch starts after the frame that planned it (issue #16 item 2).
      startLater: () => (this.window?.velocity ?? 0) > 0,
    });
    this.scheduler.pause(); // work starts with the first subscriber
    this.landing = new RefreshLanding({
      pages: () => this.store.values(),
      inZone: (page) => this.inZone(page),
      fetching: (page) => this.scheduler.has(page),
      commit: (pages) => this.#commit(pages),
    });
    this.moves = options.moves?.create<T>({
      watching: () => this.o.source.kind === 'offset' && isServerOnly(this.channel.rope),
      count: () => this.layout.count,
      getItemKey: () => this.o.getItemKey,
      generation: () => this.generation,
      pages: () => this.store.values(),
      page: (index) => this.store.get(index),
      inZone: (page) => this.inZone(page),
      restart: (except) => this.#restart(except),
      commit: (pages) => this.#commit(pages),
    });
    // The tier comes with the cache (idbCache, pageCache; checked by resolveLazyListOptions).
    const { cache } = options;
    this.cache =
      cache &&
      (cache as PageCache & CarriesTier)[LIST_TIER](cache, options.key, options.source, {
        generation: () => this.generation,
        hasItems: (page) => this.store.get(page)?.items !== undefined,
        inQueryCache: (page) => this.queries.has(page),
        onCached: (page, data) => this.#onCached(page, data),
        onChecked: (missed) => this.#onChecked(missed),
        onChange: () => this.snapshots.publish(false),
        onOnline: () => host.retry(),
        count: (counter) => this.stats.add(counter),
      });
    this.pressure = new PressureTier(
      options.memoryMonitor,
      () => this.snapshots.current.stats,
      () => this.#relieve(),
    );
    if (options.initialWindow !== undefined)
      this.window = normalizeWindow(options.initialWindow, 'initialWindow');
    // Pages the client holds already (hydrated, prefetched, left by a list of the same key) are in the first snapshot.
    for (const c of cachedPages(options.queryClient, options.key, options.source))
      this.land(c.page, c.data, c.stale ? 'cached' : 'landed');
    const live = {
      timers: options.timers,
      statsInterval: () => this.o.statsIntervalMs,
      getItemKey: () => this.o.getItemKey,
    };
    this.snapshots = new SnapshotPublisher(live, {
      store: this.store,
      layout,
      stats: this.stats,
      cache: this.cache,
      pressure: this.pressure,
      view: () => ({ window: this.window, visible: this.plan?.visible }),
      notify: () => host.notify(),
      moves: () => this.moves?.moves,
    });
  }

  get destroyed(): boolean {
    return this.phase === 'destroyed';
  }

  /** The local writes of this list's dataset, shared by every list on its QueryClient and key. */
  get channel(): WriteChannel<T> {
    return this.writes.channel;
  }

  /** Puts pages the list stored itself (appended) into the QueryClient, for the other lists on the key. */
  putOwn(page: number, data: unknown): void {
    this.writes.quietly(() => this.queries.set(page, data));
  }

  /** Stores one page state change (the generation of `requested`/`landed`/`failed` is the current one). */
  dispatch(action: PageAction<T>): void {
    this.store.dispatch(action);
  }

  /** Forgets lookups and aborts fetches; a new generation drops every response still on its way. */
  reset(dropCached = false): void {
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
  }

  /** Stores a page's items as the layout reads them from `data`; replans when the structure moved. */
  land(page: number, data: unknown, type: 'landed' | 'cached') {
    const count = this.layout.count;
    const countKind = this.layout.countKind;
    const { items, shift } = this.layout.accept(page, data);
    const bytes = this.o.estimateBytes(items);
    this.dispatch({ type, page, generation: this.generation, items, bytes });
    const { source } = this.o;
    // The server deleted rows (a smaller total): pages past its end hold rows from before, and
    // an item kept on one (a sent one, decision 0040) would be held by no row.
    if (type === 'landed' && source.kind === 'offset' && this.layout.count < count) {
      const end = this.layout.count;
      this.#drop([...this.store.values()].map((s) => s.index).filter((p) => p * source.pageSize >= end));
    }
    if (shift !== 0 && this.window !== null) {
      this.window = { ...this.window, start: this.window.start + shift, end: this.window.end + shift };
    }
    const structural = shift !== 0 || count !== this.layout.count || countKind !== this.layout.countKind;
    // Cached pages show first; #onChecked replans once for the whole lookup (then revalidation starts).
    const kind = this.o.source.kind;
    if (type === 'landed' && (structural || kind === 'cursor' || kind === 'auto')) this.replan();
    this.evict();
    return { items, bytes, visibleChanged: structural || this.isVisible(page) };
  }

  /** Queues one page outside the window plan (prefetch() and retry()), after a cache lookup. */
  request(page: number, priority: 'background'): void {
    if (
      !this.o.enabled ||
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
      prefetch: this.pressure.prefetch(this.o.prefetch),
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
    const ranges = { visible: this.plan?.visible ?? null, zone: this.plan?.zone ?? null };
    this.#drop(this.pressure.victims(this.store.evictionCandidates(), ranges, this.o));
  }

  /** Forgets pages with their fetches and queries. */
  #drop(pages: readonly number[]): void {
    for (const page of pages) {
      this.scheduler.cancel(page);
      this.dispatch({ type: 'evicted', page });
      this.queries.drop(page);
    }
    this.stats.add('evictions', pages.length);
  }

  inZone(page: number): boolean {
    const zone = this.plan?.zone;
    return zone != null && page >= zone.first && page <= zone.last;
  }

  isVisible(page: number): boolean {
    const visible = this.plan?.visible;
    return visible != null && page >= visible.first && page <= visible.last;
  }

  #execute(page: number, attempt: number, priority: PagePriority): RunningFetch<PageResult> {
    const generation = this.generation;
    const started = this.o.now();
    const running = this.queries.fetch(page, (signal) => {
      this.stats.add('requests');
      if (attempt === 1) this.stats.add('cacheMisses');
      const source = this.o.source;
      const { rope, load } = this.channel;
      // Local inserts or removes are pending: ask the server by the offsets it knows (the write
      // engine put its loader in the channel with the first write).
      if (source.kind === 'offset' && load !== undefined && !isServerOnly(rope))
        return load(source, rope, page, signal);
      // Pages on screen go first on the network too: the source passes the hint on to `fetch`.
      const hint = priority === 'visible' ? 'high' : 'low';
      const isLoaded = (p: number) => {
        const entry = this.store.get(p);
        return entry?.items !== undefined && !entry.stale;
      };
      return this.layout.load(page, signal, isLoaded, hint);
    });
    const promise = running.promise.then(({ data, fromCache }) => {
      if (fromCache) this.stats.add('cacheHits');
      return { data, fromCache, generation, latency: this.o.now() - started };
    });
    return { promise, abort: running.abort };
  }

  #onPage(page: number, result: PageResult): void {
    if (this.destroyed) return;
    if (result.generation !== this.generation && !this.moves?.current(result.data, result.generation)) {
      // Asked before the dataset moved and of another version: ask again (its query holds it).
      if (this.moves?.since(result.generation)) {
        this.queries.remove(page);
        this.dropLoading(page);
        this.replan();
      }
      return; // or a late response from before a reset
    }
    const taken = !result.fromCache && this.landing.received(page, result.data, result.generation);
    if (taken || (!result.fromCache && this.moves?.received(page, result.data) === 'held')) {
      this.stats.fetched(result.latency, (result.data as { items: readonly unknown[] }).items.length);
      this.snapshots.publish(false);
      return;
    }
    const { items, bytes, visibleChanged } = this.land(page, result.data, 'landed');
    if (!result.fromCache) this.stats.fetched(result.latency, items.length);
    this.cache?.landed(page, result.data, bytes, !result.fromCache);
    this.snapshots.publish(visibleChanged);
  }

  /** A page read from the cache: shown stale until the network revalidates it. */
  #onCached(page: number, data: unknown): boolean | 'outdated' {
    const entry = this.store.get(page);
    if (this.destroyed || (entry?.items !== undefined && !entry.stale)) return false; // fresher data won
    if (this.moves?.outdated(data)) return 'outdated'; // of the dataset before it moved
    this.stats.add('cacheHits');
    this.snapshots.publish(this.land(page, data, 'cached').visibleChanged);
    return true;
  }

  /** Cache lookups finished: replan (revalidation, misses to the network) and forget unwanted misses. */
  #onChecked(missed: readonly { page: number; priority: PagePriority }[]): void {
    if (this.destroyed) return;
    this.replan();
    for (const { page, priority } of missed) {
      if (priority === 'background') this.request(page, 'background');
      else this.dropLoading(page); // no-op when the plan still wants it (then it is queued)
    }
    this.snapshots.publish(false);
  }

  #onError(page: number, error: unknown): void {
    if (this.destroyed) return;
    this.stats.add('errors');
    this.dispatch({ type: 'failed', page, generation: this.generation, error });
    this.moves?.settle(); // held responses no longer wait for this page's (it failed)
    this.landing.settle();
    this.snapshots.publish(this.isVisible(page));
  }

  #onInvalidated(page: number): void {
    if (this.destroyed) return;
    this.channel.forget(); // refetched by the server's offsets: it has the writes now (or never will)
    const entry = this.store.get(page);
    this.dispatch({ type: 'invalidated', page });
    // A fetch already running may carry pre-invalidation data: restart it.
    if (this.scheduler.cancel(page) && entry?.items === undefined) this.dropLoading(page);
    this.replan();
    this.snapshots.publish(this.isVisible(page));
  }

  /** Page data written into the QueryClient (`setQueryData`, a write of any list on the key): shown. */
  written(page: number, data: unknown): void {
    const kind = this.o.source.kind;
    if (this.destroyed || data === undefined || (kind !== 'auto' && !isPageData(kind, data))) return;
    // A page not held: offset and range pages stand alone (and may carry a new count);
    // cursor pages only fit next to their neighbours.
    const alone = kind === 'offset' || kind === 'range';
    if (this.store.get(page)?.items === undefined && !(alone || this.inZone(page))) return;
    this.scheduler.cancel(page); // a fetch still running carries the data from before
    const { bytes } = this.land(page, data, 'landed');
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

  /**
   * The dataset moved (decision 0012): responses on their way are of the old one, held pages
   * of the zone stay on screen stale until refetched, the others go.
   */
  #restart(except: number): void {
    this.generation += 1;
    // Fetches on their way keep running: an answer of the version now known is used (#onPage).
    const dropped = this.store.dispatchEach((page) =>
      page.index === except || this.scheduler.has(page.index)
        ? undefined
        : { type: 'reset', page: page.index, keep: this.inZone(page.index) },
    );
    for (const page of dropped) this.queries.remove(page); // else fetchQuery answers the old data
    this.replan();
    this.snapshots.publish(true);
  }

  /** The refetched pages of the moved dataset land together: no old page sits between new ones. */
  #commit(pages: ReadonlyMap<number, unknown>): void {
    for (const [page, data] of pages) {
      const { bytes } = this.land(page, data, 'landed');
      this.cache?.landed(page, data, bytes, true);
    }
    // Old pages the window left meanwhile would show next to the new ones when scrolled back to.
    this.store.dispatchEach((state) =>
      state.stale && state.items !== undefined && !pages.has(state.index) && !this.inZone(state.index)
        ? { type: 'evicted', page: state.index }
        : undefined,
    );
    this.replan();
    this.snapshots.publish(true);
  }

  /** Memory pressure changed: plan with its prefetch distance and shed what it says. */
  #relieve(): void {
    this.replan();
    this.evict();
    this.snapshots.publish(true);
  }
}
