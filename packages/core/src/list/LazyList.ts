import { assertUnchanged, optionError } from '../options.ts';
import type { ListLayout } from '../paging/layout.ts';
import { type ListWindow, type ListWindowInput, normalizeWindow, sameWindow } from '../planner/listWindow.ts';
import type { PagePriority, WindowPlan } from '../planner/planWindow.ts';
import { FetchScheduler, type RunningFetch } from '../scheduler/fetchScheduler.ts';
import { PageQueries, shouldRetryPage } from '../scheduler/pageQuery.ts';
import { describeShape } from '../sources/adopt.ts';
import { type PageState, PageStore } from '../store/pageStore.ts';
import { Subscribable } from '../subscribable.ts';
import { cachedPages } from './cachedPages.ts';
import { CacheTier, cacheDatasetKey } from './cacheTier.ts';
import {
  FIXED_LIST_OPTIONS,
  type LazyListOptions,
  type LazyListUpdate,
  type ResolvedLazyListOptions,
  resolveLazyListOptions,
} from './lazyListOptions.ts';
import type { LazyListSnapshot } from './listSnapshot.ts';
import { StatsCounter } from './listStats.ts';
import { PressureTier } from './pressureTier.ts';
import { RangeFollower } from './rangeFollower.ts';
import { SnapshotPublisher } from './snapshotPublisher.ts';

export type { LazyListSnapshot, LazyListStatus } from './listSnapshot.ts';

interface PageResult {
  readonly data: unknown;
  readonly fromCache: boolean;
  readonly generation: number;
  readonly latency: number;
}

/**
 * The engine behind `createLazyList`: wires the planner, the scheduler, the store and the
 * QueryClient (`PageQueries`). Snapshot rule (`snapshotPublisher.ts`): a change that touches the
 * visible window (its pages, the count, the window itself, status) publishes a new snapshot and
 * notifies at once; changes outside it (prefetched pages, evictions, stats) are folded into a
 * snapshot at most every `statsIntervalMs`. The persistent cache (`cacheTier.ts`) and the memory
 * monitor (`pressureTier.ts`) are wired in beside them.
 */
export class LazyList<T> extends Subscribable {
  #o: ResolvedLazyListOptions<T>;
  #input: LazyListOptions<T>;
  readonly #layout: ListLayout<T>;
  readonly #store = new PageStore<T>();
  readonly #scheduler: FetchScheduler<PageResult>;
  readonly #stats: StatsCounter;
  readonly #queries: PageQueries;
  readonly #cache: CacheTier | undefined;
  readonly #pressure: PressureTier;
  readonly #snapshots: SnapshotPublisher<T>;
  #generation = 0;
  #window: ListWindow | null = null;
  #plan: WindowPlan | null = null;
  #destroyed = false;
  #follower: RangeFollower | null = null;

  constructor(options: ResolvedLazyListOptions<T>, layout: ListLayout<T>, input?: LazyListOptions<T>) {
    super();
    this.#o = options;
    this.#input = input ?? { key: options.key, source: options.source };
    this.#layout = layout;
    this.#stats = new StatsCounter(options.now);
    this.#queries = new PageQueries(options.key, options.queryClient, (page) => this.#onInvalidated(page));
    this.#scheduler = new FetchScheduler<PageResult>({
      maxConcurrent: options.maxConcurrent,
      attempts: options.attempts,
      backoff: { baseDelayMs: options.baseDelayMs, maxDelayMs: options.maxDelayMs, random: options.random },
      timers: options.timers,
      execute: (page, attempt) => this.#execute(page, attempt),
      onSuccess: (page, result) => this.#onPage(page, result),
      onError: (page, error) => this.#onError(page, error),
      shouldRetry: shouldRetryPage,
      onRetry: () => this.#stats.add('retries'),
      onActivity: (running) => this.#stats.setInFlight(running),
    });
    this.#scheduler.pause(); // work starts with the first subscriber
    this.#cache =
      options.cache &&
      new CacheTier(options.cache, cacheDatasetKey(options.key, options.source), options.source.kind, {
        generation: () => this.#generation,
        hasItems: (page) => this.#store.get(page)?.items !== undefined,
        inQueryCache: (page) => this.#queries.has(page),
        onCached: (page, data) => this.#onCached(page, data),
        onChecked: (missed) => this.#onChecked(missed),
        onChange: () => this.#snapshots.publish(false),
        onOnline: () => this.retry(),
        count: (counter) => this.#stats.add(counter),
      });
    this.#pressure = new PressureTier(
      options.memoryMonitor,
      () => this.#snapshots.current.stats,
      () => this.#relieve(),
    );
    if (options.initialWindow !== undefined)
      this.#window = normalizeWindow(options.initialWindow, 'initialWindow');
    const live = {
      timers: options.timers,
      statsInterval: () => this.#o.statsIntervalMs,
      getItemKey: () => this.#o.getItemKey,
    };
    // Pages the client holds already (hydrated, prefetched, left by a list of the same key) are in the first snapshot.
    for (const c of cachedPages(options.queryClient, options.key, options.source))
      this.#land(c.page, c.data, c.stale);
    this.#snapshots = new SnapshotPublisher(live, {
      store: this.#store,
      layout,
      stats: this.#stats,
      cache: this.#cache,
      pressure: this.#pressure,
      view: () => ({ window: this.#window, visible: this.#plan?.visible }),
      notify: () => this.notify(),
    });
  }

  /** Returns the current snapshot; the same reference until something changed. */
  readonly getSnapshot = (): LazyListSnapshot<T> => this.#snapshots.current;

  /**
   * Takes new options while running, keeping loaded pages and the window: a newer source of the
   * same shape (its `fetchPage` is used from the next request on), budgets (`memory`,
   * `maxConcurrent`, `prefetch`), `retry`, `flingVelocity`, `statsIntervalMs`, `estimateBytes`.
   * An `eagerSource` with another array reloads (it is other data). Throws a TypeError, changing
   * nothing, for invalid values, for a source of another kind or page size and for options that
   * are the list's identity (`key`, `queryClient`, `cache`…): those need a new list.
   *
   * @example
   * list.setOptions({ source: offsetSource({ pageSize: 100, fetchPage: withToken(newToken) }) });
   */
  setOptions(partial: LazyListUpdate<T>): void {
    if (this.#destroyed) return;
    const OWNER = 'LazyList.setOptions';
    assertUnchanged(OWNER, FIXED_LIST_OPTIONS, this.#input, partial);
    const next: LazyListOptions<T> = { ...this.#input, ...partial, source: this.#o.source };
    const resolved = resolveLazyListOptions(next); // throws, changing nothing, on a bad value
    let reload = false;
    if (partial.source !== undefined && partial.source !== this.#input.source) {
      const adopted = this.#o.source.adopt?.(partial.source) ?? 'shape';
      if (adopted === 'shape') {
        const expected = `a source of the list’s shape (${describeShape(this.#o.source)}); another kind or page size is other pages: create a new list`;
        throw optionError(OWNER, 'source', expected, describeShape(partial.source));
      }
      reload = adopted === 'data';
    }
    const before = this.#o;
    this.#input = { ...next, source: partial.source ?? this.#input.source };
    this.#o = resolved;
    this.#scheduler.setLimits({
      maxConcurrent: resolved.maxConcurrent,
      attempts: resolved.attempts,
      backoff: {
        baseDelayMs: resolved.baseDelayMs,
        maxDelayMs: resolved.maxDelayMs,
        random: resolved.random,
      },
    });
    if (reload) {
      this.invalidate();
      return;
    }
    // Hooks push options after every commit: only a change of what is planned or kept does work.
    const replan = (['enabled', 'prefetch', 'maxBytes', 'maxPages', 'flingVelocity'] as const).some(
      (name) => resolved[name] !== before[name],
    );
    if (!replan) return;
    this.#replan();
    this.#evict();
    this.#snapshots.publish(true);
  }

  /** Sets the range the view needs now (half-open `[start, end)`). Throws on bad input. */
  setWindow(input: ListWindowInput): void {
    if (this.#destroyed) return;
    const window = normalizeWindow(input);
    if (sameWindow(window, this.#window)) return;
    // Speed and direction alone change the plan, not what is visible: no new snapshot for them.
    const moved =
      this.#window === null || window.start !== this.#window.start || window.end !== this.#window.end;
    // …except a fling ending in place: its visible pages start loading now (found by the model test).
    const fling = (w: ListWindow | null) => w !== null && Math.abs(w.velocity) >= this.#o.flingVelocity;
    const landed = fling(this.#window) && !fling(window);
    this.#window = window;
    this.#replan();
    if (moved) this.#evict(); // a list grown by append fetches nothing: its budget is kept here
    this.#snapshots.publish(moved || landed);
  }

  /**
   * Sets the window from another virtualizer's visible range (TanStack Virtual, a grid): direction
   * and speed come from successive calls, so prefetch leans ahead and a fling requests nothing;
   * 150 ms after the last call the list loads where the range settled.
   *
   * @example
   * list.followRange(virtualizer.range.startIndex, virtualizer.range.endIndex + 1);
   */
  followRange(start: number, end: number): void {
    if (this.#destroyed) return;
    this.#follower ??= new RangeFollower({
      setWindow: (window) => this.setWindow(window),
      now: this.#o.now,
      timers: this.#o.timers,
      settleMs: 150,
    });
    this.#follower.follow(start, end);
  }

  /** Fetches the pages covering `[start, end)` at background priority (after visible and prefetch). */
  prefetch(range: { start: number; end: number }): void {
    if (this.#destroyed) return;
    const { start, end } = normalizeWindow(range, 'prefetch');
    const pages = this.#layout.pagesFor(start, end);
    if (pages === null) return;
    for (let page = pages.first; page <= pages.last; page++) this.#request(page, 'background');
  }

  /**
   * Adds items after the last one (a chat message, a stream batch): the count grows, loaded pages
   * take the items at once (in the QueryClient and the cache too), and a view following the end
   * moves with them. Returns false when they cannot be placed: range sources, or a cursor list
   * whose newest page is not loaded yet (they arrive with that page).
   */
  append(items: readonly T[]): boolean {
    if (this.#destroyed) return false;
    const placed = this.#layout.append(items, (page) => {
      const entry = this.#store.get(page);
      return entry === undefined ? undefined : (entry.items ?? null);
    });
    if (placed === null) return false;
    for (const { page, items: pageItems, data } of placed) {
      const bytes = this.#o.estimateBytes(pageItems);
      this.#put(page, { status: 'loaded', items: pageItems, error: undefined, bytes, stale: false });
      this.#queries.set(page, data);
      this.#cache?.landed(page, data, bytes, true);
    }
    // No eviction here: the view moves its window onto new items only after this publish, and
    // evicting against the old window would drop the items just appended (local-only for a chat).
    this.#replan();
    this.#snapshots.publish(true);
    return true;
  }

  /** Retries one failed page, or every failed page. */
  retry(pageIndex?: number): void {
    if (this.#destroyed) return;
    const failed = this.#store.resetFailed(pageIndex);
    if (pageIndex === undefined) this.#layout.retry?.();
    this.#replan();
    // A failed page outside the window + prefetch zone is retried at background priority.
    for (const page of failed) if (!this.#scheduler.has(page)) this.#request(page, 'background');
    this.#snapshots.publish(true);
  }

  /** Refetches the window, showing current items until fresh ones land; responses from before are dropped. */
  refresh(): void {
    if (this.#destroyed) return;
    this.#reset();
    this.#store.keepStale((page) => this.#inZone(page.index));
    this.#replan();
    this.#snapshots.publish(true);
  }

  /** Drops every page (in memory and in the cache) and the count, then loads the window from scratch. */
  invalidate(): void {
    if (this.#destroyed) return;
    this.#reset(true);
    this.#store.clear();
    this.#layout.reset();
    this.#replan();
    this.#snapshots.publish(true);
  }

  /**
   * Aborts everything and releases the QueryClient; later calls are no-ops. With a shared
   * `queryClient`, the loaded pages of the window and its prefetch zone stay in the client so a
   * list created again with the same key (a remount, a route change back) shows them at once;
   * every other page of this list is removed.
   */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#follower?.stop();
    this.#snapshots.stop();
    const cancelled = this.#scheduler.cancelAll();
    this.#detach();
    const pages = [...cancelled, ...[...this.#store.values()].map((page) => page.index)];
    this.#queries.release(pages, (page) => this.#store.get(page)?.items !== undefined && this.#inZone(page));
    this.clearListeners();
  }

  protected override onSubscribe(): void {
    if (this.#destroyed) return;
    this.#cache?.attach();
    this.#pressure.attach();
    this.#layout.attach?.({
      append: (items) => this.append(items),
      changed: () => this.#snapshots.publish(true),
    });
    this.#scheduler.resume();
    this.#replan();
    this.#snapshots.publish(true);
  }

  protected override onUnsubscribe(): void {
    this.#scheduler.pause();
    for (const page of this.#scheduler.cancelAll()) this.#dropLoading(page);
    this.#detach();
  }

  #detach(): void {
    this.#layout.detach?.();
    this.#cache?.detach();
    this.#pressure.detach();
  }

  #reset(dropCached = false): void {
    this.#layout.refreshSource();
    this.#generation += 1;
    this.#cache?.reset(dropCached);
    for (const page of this.#scheduler.cancelAll()) this.#dropLoading(page);
    this.#queries.removeAll();
  }

  #execute(page: number, attempt: number): RunningFetch<PageResult> {
    const generation = this.#generation;
    const started = this.#o.now();
    const running = this.#queries.fetch(page, (signal) => {
      this.#stats.add('requests');
      if (attempt === 1) this.#stats.add('cacheMisses');
      return this.#layout.load(page, signal, (p) => {
        const entry = this.#store.get(p);
        return entry?.items !== undefined && !entry.stale;
      });
    });
    const promise = running.promise.then(({ data, fromCache }) => {
      if (fromCache) this.#stats.add('cacheHits');
      return { data, fromCache, generation, latency: this.#o.now() - started };
    });
    return { promise, abort: running.abort };
  }

  #onPage(page: number, result: PageResult): void {
    if (this.#destroyed || result.generation !== this.#generation) return; // late response from before a reset
    const { items, bytes, visibleChanged } = this.#land(page, result.data, false);
    if (!result.fromCache) this.#stats.fetched(result.latency, items.length);
    this.#cache?.landed(page, result.data, bytes, !result.fromCache);
    this.#snapshots.publish(visibleChanged);
  }

  /** A page read from the cache: shown stale until the network revalidates it. */
  #onCached(page: number, data: unknown): boolean {
    const entry = this.#store.get(page);
    if (this.#destroyed || (entry?.items !== undefined && !entry.stale)) return false; // fresher data won
    this.#stats.add('cacheHits');
    this.#snapshots.publish(this.#land(page, data, true).visibleChanged);
    return true;
  }

  /** Cache lookups finished: replan (revalidation, misses to the network) and forget unwanted misses. */
  #onChecked(missed: readonly { page: number; priority: PagePriority }[]): void {
    if (this.#destroyed) return;
    this.#replan();
    for (const { page, priority } of missed) {
      if (priority === 'background') this.#request(page, 'background');
      else this.#dropLoading(page); // no-op when the plan still wants it (then it is queued)
    }
    this.#snapshots.publish(false);
  }

  #land(page: number, data: unknown, stale: boolean) {
    const count = this.#layout.count;
    const countKind = this.#layout.countKind;
    const { items, shift } = this.#layout.accept(page, data);
    const bytes = this.#o.estimateBytes(items);
    this.#put(page, { status: 'loaded', items, error: undefined, bytes, stale });
    if (shift !== 0 && this.#window !== null) {
      this.#window = { ...this.#window, start: this.#window.start + shift, end: this.#window.end + shift };
    }
    const structural = shift !== 0 || count !== this.#layout.count || countKind !== this.#layout.countKind;
    // Cached pages show first; #onChecked replans once for the whole lookup (then revalidation starts).
    const kind = this.#o.source.kind;
    if (!stale && (structural || kind === 'cursor' || kind === 'auto')) this.#replan();
    this.#evict();
    return { items, bytes, visibleChanged: structural || this.#isVisible(page) };
  }

  #onError(page: number, error: unknown): void {
    if (this.#destroyed) return;
    const previous = this.#store.get(page);
    this.#stats.add('errors');
    const [items, bytes] = [previous?.items, previous?.bytes ?? 0]; // a failed revalidation keeps its items
    this.#put(page, { status: 'error', items, error, bytes, stale: items !== undefined });
    this.#snapshots.publish(this.#isVisible(page));
  }

  #onInvalidated(page: number): void {
    if (this.#destroyed) return;
    const entry = this.#store.get(page);
    if (entry?.items !== undefined)
      this.#store.set({ ...entry, status: 'loaded', error: undefined, stale: true });
    else if (entry?.status === 'error') this.#store.delete(page);
    // A fetch already running may carry pre-invalidation data: restart it.
    if (this.#scheduler.cancel(page) && entry?.items === undefined) this.#dropLoading(page);
    this.#replan();
    this.#snapshots.publish(this.#isVisible(page));
  }

  /** Queues one page outside the window plan (prefetch() and retry()), after a cache lookup. */
  #request(page: number, priority: 'background'): void {
    if (
      !this.#o.enabled ||
      this.#store.isSettled(page) ||
      this.#scheduler.has(page) ||
      this.#cache?.isPending(page)
    )
      return;
    if (this.#store.get(page) === undefined) this.#setLoading(page);
    const request = { page, priority, distance: 0 };
    if ((this.#cache?.route([request]) ?? [request]).length > 0) this.#scheduler.enqueue(page, priority);
  }

  #replan(): void {
    const window = this.#window;
    if (this.#destroyed || window === null || !this.hasListeners()) return;
    const previous = this.#plan?.zone;
    const plan = this.#layout.plan(window, {
      prefetch: this.#pressure.prefetch(this.#o.prefetch),
      flingVelocity: this.#o.flingVelocity,
      loaded: { has: (page) => this.#store.isSettled(page) },
      inFlight: this.#scheduler.active(),
    });
    this.#plan = plan;
    // `enabled: false` plans (the window, what to protect) but requests nothing.
    const wanted = this.#o.enabled ? plan.requests : [];
    for (const request of wanted)
      if (this.#store.get(request.page) === undefined) this.#setLoading(request.page);
    if (plan.zone !== null) {
      for (let page = plan.zone.first; page <= plan.zone.last; page++) {
        const entering = previous == null || page < previous.first || page > previous.last;
        if (entering && this.#store.get(page)?.status === 'loaded') this.#stats.add('cacheHits');
      }
    }
    if (plan.visible !== null) this.#store.touch(plan.visible.first, plan.visible.last);
    const requests = this.#cache?.route(wanted) ?? wanted; // cache lookups go first
    for (const page of this.#scheduler.replaceQueue(requests)) this.#dropLoading(page);
    // Cancelled after the queue is the plan's: a cancel frees a slot and starts the next queued
    // job at once, which must not be one that left the window (found by the model test).
    for (const page of plan.cancel) if (this.#scheduler.cancel(page)) this.#dropLoading(page);
  }

  #setLoading(page: number): void {
    this.#put(page, { status: 'loading', items: undefined, error: undefined, bytes: 0, stale: false });
  }

  #put(page: number, state: Omit<PageState<T>, 'index' | 'generation'>): void {
    this.#store.set({ ...state, index: page, generation: this.#generation });
  }

  /** Forgets a page whose fetch was cancelled before it had data, including its empty query. */
  #dropLoading(page: number): void {
    if (this.#scheduler.has(page)) return;
    const entry = this.#store.get(page);
    if (entry?.status === 'loading') this.#store.delete(page);
    if (entry?.items === undefined) this.#queries.remove(page);
  }

  /** Evicts over-budget pages, and under memory pressure every page far from the window. */
  #evict(): void {
    const ranges = { visible: this.#plan?.visible ?? null, zone: this.#plan?.zone ?? null };
    const victims = this.#pressure.victims(this.#store.evictionCandidates(), ranges, this.#o);
    for (const page of victims) {
      this.#scheduler.cancel(page);
      this.#store.delete(page);
      this.#queries.remove(page);
    }
    this.#stats.add('evictions', victims.length);
  }

  /** Memory pressure changed: plan with its prefetch distance and shed what it says. */
  #relieve(): void {
    this.#replan();
    this.#evict();
    this.#snapshots.publish(true);
  }

  #inZone(page: number): boolean {
    const zone = this.#plan?.zone;
    return zone != null && page >= zone.first && page <= zone.last;
  }

  #isVisible(page: number): boolean {
    const visible = this.#plan?.visible;
    return visible != null && page >= visible.first && page <= visible.last;
  }
}
