import { isCancelledError, QueryClient } from '@tanstack/query-core';
import { isAbortError, PageShapeError } from '../errors.ts';
import { chooseEvictions } from '../planner/chooseEvictions.ts';
import { type ListWindow, type ListWindowInput, normalizeWindow, sameWindow } from '../planner/listWindow.ts';
import type { WindowPlan } from '../planner/planWindow.ts';
import { FetchScheduler, type RunningFetch } from '../scheduler/fetchScheduler.ts';
import { fetchPageQuery, removePageQuery, watchPageInvalidations } from '../scheduler/pageQuery.ts';
import { type PageState, PageStore } from '../store/pageStore.ts';
import { Subscribable } from '../subscribable.ts';
import type { CountKind, SnapshotReader } from './itemState.ts';
import type { ListLayout } from './layout.ts';
import type { ResolvedLazyListOptions } from './lazyListOptions.ts';
import { type LazyListStats, StatsCounter } from './listStats.ts';

/** Overall state of what the window shows. */
export type LazyListStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * An immutable view of a lazy list; the same object is returned until something changed.
 * `getItem(i)` answers for any index in O(1) (O(log pages) for cursor sources).
 */
export interface LazyListSnapshot<T> extends SnapshotReader<T> {
  readonly count: number;
  readonly countKind: CountKind;
  /** 'idle' before a window is set; otherwise the worst state among the visible pages. */
  readonly status: LazyListStatus;
  /** The first visible page's error when `status` is 'error'. */
  readonly error: unknown;
  readonly window: ListWindow | null;
  readonly pages: ReadonlyMap<number, PageState<T>>;
  readonly stats: LazyListStats;
  /** Cursor sources: items prepended before the first page fetched (display index of key 0). */
  readonly prependedCount: number;
  readonly reachedStart: boolean;
  readonly reachedEnd: boolean;
}

interface PageResult {
  readonly data: unknown;
  readonly fromCache: boolean;
  readonly generation: number;
  readonly latency: number;
}

/**
 * The engine behind `createLazyList`: wires the planner, the scheduler, the store and the
 * QueryClient. Snapshot rule: a change that touches the visible window (its pages, the count,
 * the window itself, status) publishes a new snapshot and notifies at once; changes outside it
 * (prefetched pages, evictions, stats) are folded into a snapshot at most every `statsInterval`
 * ms, so background loading never re-renders visible rows on its own.
 */
export class LazyList<T> extends Subscribable {
  readonly #o: ResolvedLazyListOptions<T>;
  readonly #layout: ListLayout<T>;
  readonly #store = new PageStore<T>();
  readonly #scheduler: FetchScheduler<PageResult>;
  readonly #stats: StatsCounter;
  readonly #client: QueryClient;
  readonly #ownsClient: boolean;
  readonly #unwatch: () => void;
  #generation = 0;
  #window: ListWindow | null = null;
  #plan: WindowPlan | null = null;
  #snapshot: LazyListSnapshot<T>;
  #backgroundTimer: unknown;
  #destroyed = false;

  constructor(options: ResolvedLazyListOptions<T>, layout: ListLayout<T>) {
    super();
    this.#o = options;
    this.#layout = layout;
    this.#stats = new StatsCounter(options.now);
    this.#ownsClient = options.queryClient === undefined;
    this.#client = options.queryClient ?? new QueryClient();
    if (this.#ownsClient) this.#client.mount();
    this.#scheduler = new FetchScheduler<PageResult>({
      maxConcurrent: options.maxConcurrent,
      attempts: options.attempts,
      backoff: { baseDelay: options.baseDelay, maxDelay: options.maxDelay, random: options.random },
      timers: options.timers,
      execute: (page, attempt) => this.#execute(page, attempt),
      onSuccess: (page, result) => this.#onPage(page, result),
      onError: (page, error) => this.#onError(page, error),
      shouldRetry: (error) =>
        !(error instanceof PageShapeError) && !isAbortError(error) && !isCancelledError(error),
      onRetry: () => this.#stats.add('retries'),
      onActivity: (running) => this.#stats.setInFlight(running),
    });
    this.#scheduler.pause(); // work starts with the first subscriber
    this.#unwatch = watchPageInvalidations(this.#client, options.key, (page) => this.#onInvalidated(page));
    if (options.initialWindow !== undefined)
      this.#window = normalizeWindow(options.initialWindow, 'initialWindow');
    this.#snapshot = this.#build();
  }

  /** Returns the current snapshot; the same reference until something changed. */
  readonly getSnapshot = (): LazyListSnapshot<T> => this.#snapshot;

  /** Sets the range the view needs now (half-open `[start, end)`). Throws on bad input. */
  setWindow(input: ListWindowInput): void {
    if (this.#destroyed) return;
    const window = normalizeWindow(input);
    if (sameWindow(window, this.#window)) return;
    // Speed and direction alone change the plan, not what is visible: no new snapshot for them.
    const moved = this.#window === null || window.start !== this.#window.start || window.end !== this.#window.end;
    this.#window = window;
    this.#replan();
    this.#publish(moved);
  }

  /** Fetches the pages covering `[start, end)` at background priority (after visible and prefetch). */
  prefetch(range: { start: number; end: number }): void {
    if (this.#destroyed) return;
    const { start, end } = normalizeWindow(range, 'prefetch');
    const pages = this.#layout.pagesFor(start, end);
    if (pages === null) return;
    for (let page = pages.first; page <= pages.last; page++) this.#request(page, 'background');
  }

  /** Retries one failed page, or every failed page. */
  retry(pageIndex?: number): void {
    if (this.#destroyed) return;
    const failed = [...this.#store.values()].filter(
      (page) => page.status === 'error' && (pageIndex === undefined || page.index === pageIndex),
    );
    for (const page of failed) {
      if (page.items === undefined) this.#store.delete(page.index);
      else this.#store.set({ ...page, status: 'loaded', error: undefined, stale: true });
    }
    this.#replan();
    // A failed page outside the window + prefetch zone is retried at background priority.
    for (const page of failed) if (!this.#scheduler.has(page.index)) this.#request(page.index, 'background');
    this.#publish(true);
  }

  /** Refetches the window, showing current items until fresh ones land; responses from before are dropped. */
  refresh(): void {
    if (this.#destroyed) return;
    this.#reset();
    const zone = this.#plan?.zone;
    for (const page of [...this.#store.values()]) {
      const keep =
        page.items !== undefined && zone != null && page.index >= zone.first && page.index <= zone.last;
      if (keep) this.#store.set({ ...page, status: 'loaded', error: undefined, stale: true });
      else this.#store.delete(page.index);
    }
    this.#replan();
    this.#publish(true);
  }

  /** Drops every page and the count, then loads the window from scratch. */
  invalidate(): void {
    if (this.#destroyed) return;
    this.#reset();
    this.#store.clear();
    this.#layout.reset();
    this.#replan();
    this.#publish(true);
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
    const cancelled = this.#scheduler.cancelAll();
    this.#unwatch();
    this.#o.timers.clearTimeout(this.#backgroundTimer);
    if (this.#ownsClient) {
      this.#client.removeQueries({ queryKey: [...this.#o.key, 'page'] });
      this.#client.unmount();
    } else {
      const zone = this.#plan?.zone;
      for (const page of this.#store.values()) {
        const keep =
          page.items !== undefined && zone != null && page.index >= zone.first && page.index <= zone.last;
        if (!keep) removePageQuery(this.#client, this.#o.key, page.index);
      }
      for (const page of cancelled)
        if (this.#store.get(page)?.items === undefined) removePageQuery(this.#client, this.#o.key, page);
    }
    this.clearListeners();
  }

  protected override onSubscribe(): void {
    if (this.#destroyed) return;
    this.#scheduler.resume();
    this.#replan();
    this.#publish(true);
  }

  protected override onUnsubscribe(): void {
    this.#scheduler.pause();
    for (const page of this.#scheduler.cancelAll()) this.#dropLoading(page);
  }

  #reset(): void {
    if ('reset' in this.#o.source) this.#o.source.reset?.();
    this.#generation += 1;
    for (const page of this.#scheduler.cancelAll()) this.#dropLoading(page);
    this.#client.removeQueries({ queryKey: [...this.#o.key, 'page'] });
  }

  #execute(page: number, attempt: number): RunningFetch<PageResult> {
    const generation = this.#generation;
    const started = this.#o.now();
    const running = fetchPageQuery(this.#client, this.#o.key, page, (signal) => {
      this.#stats.add('requests');
      if (attempt === 1) this.#stats.add('cacheMisses');
      return this.#layout.load(page, signal);
    });
    const promise = running.promise.then(({ data, fromCache }) => {
      if (fromCache) this.#stats.add('cacheHits');
      return { data, fromCache, generation, latency: this.#o.now() - started };
    });
    return { promise, abort: running.abort };
  }

  #onPage(page: number, result: PageResult): void {
    if (this.#destroyed || result.generation !== this.#generation) return; // late response from before a reset
    const count = this.#layout.count;
    const countKind = this.#layout.countKind;
    const { items, shift } = this.#layout.accept(page, result.data);
    if (!result.fromCache) this.#stats.fetched(result.latency, items.length);
    const bytes = this.#o.estimateBytes(items);
    this.#store.set({
      index: page,
      status: 'loaded',
      items,
      error: undefined,
      bytes,
      generation: result.generation,
      stale: false,
    });
    if (shift !== 0 && this.#window !== null) {
      this.#window = { ...this.#window, start: this.#window.start + shift, end: this.#window.end + shift };
    }
    const structural = shift !== 0 || count !== this.#layout.count || countKind !== this.#layout.countKind;
    if (structural || this.#o.source.kind === 'cursor') this.#replan();
    this.#evict();
    this.#publish(structural || this.#isVisible(page));
  }

  #onError(page: number, error: unknown): void {
    if (this.#destroyed) return;
    const previous = this.#store.get(page);
    this.#stats.add('errors');
    this.#store.set({
      index: page,
      status: 'error',
      items: previous?.items,
      error,
      bytes: previous?.bytes ?? 0,
      generation: this.#generation,
      stale: previous?.items !== undefined,
    });
    this.#publish(this.#isVisible(page));
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
    this.#publish(this.#isVisible(page));
  }

  /** Queues one page outside the window plan (prefetch() and retry()). */
  #request(page: number, priority: 'background'): void {
    if (this.#store.isSettled(page) || this.#scheduler.has(page)) return;
    if (this.#store.get(page) === undefined) this.#setLoading(page);
    this.#scheduler.enqueue(page, priority);
  }

  #replan(): void {
    const window = this.#window;
    if (this.#destroyed || window === null || !this.hasListeners()) return;
    const previous = this.#plan?.zone;
    const plan = this.#layout.plan(window, {
      prefetch: this.#o.prefetch,
      flingVelocity: this.#o.flingVelocity,
      loaded: { has: (page) => this.#store.isSettled(page) },
      inFlight: this.#scheduler.active(),
    });
    this.#plan = plan;
    for (const page of plan.cancel) if (this.#scheduler.cancel(page)) this.#dropLoading(page);
    for (const request of plan.requests)
      if (this.#store.get(request.page) === undefined) this.#setLoading(request.page);
    if (plan.zone !== null) {
      for (let page = plan.zone.first; page <= plan.zone.last; page++) {
        const entering = previous == null || page < previous.first || page > previous.last;
        if (entering && this.#store.get(page)?.status === 'loaded') this.#stats.add('cacheHits');
      }
    }
    if (plan.visible !== null) this.#store.touch(plan.visible.first, plan.visible.last);
    for (const page of this.#scheduler.replaceQueue(plan.requests)) this.#dropLoading(page);
  }

  #setLoading(page: number): void {
    this.#store.set({
      index: page,
      status: 'loading',
      items: undefined,
      error: undefined,
      bytes: 0,
      generation: this.#generation,
      stale: false,
    });
  }

  /** Forgets a page whose fetch was cancelled before it had data, including its empty query. */
  #dropLoading(page: number): void {
    if (this.#scheduler.has(page)) return;
    const entry = this.#store.get(page);
    if (entry?.status === 'loading') this.#store.delete(page);
    if (entry?.items === undefined) removePageQuery(this.#client, this.#o.key, page);
  }

  #evict(): void {
    const victims = chooseEvictions({
      pages: this.#store.evictionCandidates(),
      protect: this.#plan?.visible ?? null,
      maxBytes: this.#o.maxBytes,
      maxPages: this.#o.maxPages,
    });
    for (const page of victims) {
      this.#scheduler.cancel(page);
      this.#store.delete(page);
      removePageQuery(this.#client, this.#o.key, page);
    }
    this.#stats.add('evictions', victims.length);
  }

  #isVisible(page: number): boolean {
    const visible = this.#plan?.visible;
    return visible != null && page >= visible.first && page <= visible.last;
  }

  #publish(visibleChanged: boolean): void {
    if (this.#destroyed) return;
    if (visibleChanged) {
      this.#o.timers.clearTimeout(this.#backgroundTimer);
      this.#backgroundTimer = undefined;
      this.#snapshot = this.#build();
      this.notify();
    } else if (this.#o.statsInterval > 0 && this.#backgroundTimer === undefined) {
      this.#backgroundTimer = this.#o.timers.setTimeout(() => {
        this.#backgroundTimer = undefined;
        this.#publish(true);
      }, this.#o.statsInterval);
    }
  }

  #build(): LazyListSnapshot<T> {
    const pages = this.#store.freeze();
    const layout = this.#layout;
    let status: LazyListStatus = this.#window === null ? 'idle' : 'ready';
    let error: unknown;
    const visible = this.#plan?.visible;
    if (visible != null) {
      for (let index = visible.first; index <= visible.last; index++) {
        const page = pages.get(index);
        if (page?.status === 'error' && page.items === undefined) {
          status = 'error';
          error ??= page.error;
        } else if (page?.items === undefined && status !== 'error') status = 'loading';
      }
    }
    const stats = this.#stats.read({
      bytesInMemory: this.#store.bytes,
      pagesInMemory: this.#store.loadedCount,
    });
    return Object.freeze({
      ...layout.reader(pages),
      count: layout.count,
      countKind: layout.countKind,
      status,
      error,
      window: this.#window,
      pages,
      stats,
      prependedCount: layout.prependedCount,
      reachedStart: layout.reachedStart,
      reachedEnd: layout.reachedEnd,
    });
  }
}
