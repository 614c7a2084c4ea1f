import {
  hashKey,
  isCancelledError,
  partialMatchKey,
  type QueryClient,
  type QueryKey,
  type QueryMeta,
} from '@tanstack/query-core';
import { isAbortError } from '../errors.ts';
import { sharedQueryClient } from '../list/sharedQueryClient.ts';
import { assertFunction, assertObject, optionError } from '../options.ts';
import { type BudgetMember, fetchBudgetFor } from '../scheduler/fetchBudget.ts';
import { Subscribable } from '../subscribable.ts';
import type { ResolvedPrefetcherOptions } from './prefetcherOptions.ts';
import { type PrefetchListOptions, prefetchListPages } from './prefetchList.ts';
import { type PrefetchPriority, priorityRank } from './prefetchPriority.ts';
import { PrefetchQueue } from './prefetchQueue.ts';
import type { PrefetchCancelReason, PrefetchResult } from './prefetchResult.ts';
import { PressureGate } from './pressureGate.ts';

/**
 * What a prefetcher is doing, for a status line; the same object until a figure changes.
 *
 * @example
 * const { queued, running, loaded, halted } = prefetcher.getSnapshot();
 * status.textContent = halted ? 'prefetch paused (memory)' : `prefetch ${running} running · ${queued} queued · ${loaded} loaded`;
 */
export interface PrefetcherSnapshot {
  /** Prefetches waiting for a slot. */
  readonly queued: number;
  /** Loads running now (at most `concurrency`). */
  readonly running: number;
  /** Prefetches whose loader ran and stored its data. */
  readonly loaded: number;
  /** Prefetches answered without a load: the data was there, or another fetch of the key served it. */
  readonly cached: number;
  readonly cancelled: number;
  readonly errors: number;
  /**
   * Memory pressure is at or above `cancelAt`: new prefetches are refused until it falls. Kept
   * up to date while the prefetcher has work or subscribers; an idle one reads the level again
   * at its next prefetch.
   */
  readonly halted: boolean;
}

/**
 * Options of one `prefetch` call.
 *
 * @example
 * prefetcher.prefetch(['report', id], (signal) => api.report(id, signal), { priority: 'low' });
 */
export interface PrefetchOptions {
  /** Default `'normal'`. A key asked for again at a higher priority moves up while it waits. */
  priority?: PrefetchPriority;
}

interface Entry {
  readonly key: QueryKey;
  readonly hash: string;
  readonly load: (signal: AbortSignal) => Promise<unknown>;
  /** A list page's shape (`prefetchList`), stored with its query as a list's own fetch does. */
  readonly meta: QueryMeta | undefined;
  readonly promise: Promise<PrefetchResult>;
  readonly resolve: (result: PrefetchResult) => void;
  state: 'queued' | 'running';
  abort?: () => void;
}

const COUNTER = { loaded: 'loaded', cached: 'cached', cancelled: 'cancelled', error: 'errors' } as const;

/**
 * The engine behind `createPrefetcher`. Results and in-flight loads live in the QueryClient
 * under the key given (staleTime and gcTime Infinity, as lazy-list pages do), so whoever asks
 * for that key later, a list included, gets the data or joins the load instead of fetching
 * again. The waiting line is a pure {@link PrefetchQueue}; a memory monitor is followed while
 * the prefetcher has work or subscribers.
 *
 * @example
 * const prefetcher: Prefetcher = createPrefetcher();
 * const stop = prefetcher.subscribe(() => render(prefetcher.getSnapshot()));
 * await prefetcher.prefetchList({ key: ['users'], source: usersSource });
 * prefetcher.destroy();
 */
export class Prefetcher extends Subscribable {
  readonly #o: ResolvedPrefetcherOptions;
  readonly #queue = new PrefetchQueue<Entry>();
  readonly #entries = new Map<string, Entry>();
  readonly #counts = { loaded: 0, cached: 0, cancelled: 0, errors: 0 };
  readonly #pressure: PressureGate;
  #running = 0;
  #destroyed = false;
  #client: QueryClient | undefined;
  #snapshot: PrefetcherSnapshot;
  /**
   * Its part in the QueryClient's fetch budget: prefetches are background work, so every
   * list's visible and prefetched pages on the same client start before them.
   */
  readonly #member: BudgetMember = {
    nextRank: () => (this.#startable() ? 2 : undefined),
    startNext: () => {
      const entry = this.#startable() ? this.#queue.shift() : undefined;
      if (entry === undefined) this.#budget().release();
      else this.#start(entry);
    },
  };

  constructor(options: ResolvedPrefetcherOptions) {
    super();
    this.#o = options;
    this.#pressure = new PressureGate(options.memoryMonitor, options.cancelAt, (closed) =>
      this.#onPressure(closed),
    );
    this.#snapshot = this.#build();
  }

  /** The current snapshot; the same reference until a figure changes. */
  readonly getSnapshot = (): PrefetcherSnapshot => this.#snapshot;

  /**
   * Loads `key` in the background with `loader` (pass its `signal` on to `fetch`), at most
   * `concurrency` at once, higher priority first. A key already in the QueryClient, or being
   * fetched by anyone, is not loaded again; a key already waiting or loading here returns the
   * same promise. Resolves with the outcome and never rejects; throws a TypeError on bad input.
   */
  prefetch<T>(
    key: QueryKey,
    loader: (signal: AbortSignal) => Promise<T>,
    options: PrefetchOptions = {},
  ): Promise<PrefetchResult> {
    return this.#prefetch(key, loader, options, undefined);
  }

  #prefetch<T>(
    key: QueryKey,
    loader: (signal: AbortSignal) => Promise<T>,
    options: PrefetchOptions,
    meta: QueryMeta | undefined,
  ): Promise<PrefetchResult> {
    if (!Array.isArray(key)) throw optionError('prefetch', 'key', 'an array (a query key)', key);
    assertFunction('prefetch', 'loader', loader);
    assertObject('prefetch', 'options', options);
    const rank = priorityRank(options.priority ?? 'normal');
    if (this.#destroyed) return this.#settled({ status: 'cancelled', key, reason: 'destroy' });
    const hash = hashKey(key);
    const waiting = this.#entries.get(hash);
    if (waiting !== undefined) {
      if (waiting.state === 'queued' && this.#queue.raise(waiting, rank)) this.#publish();
      return waiting.promise;
    }
    const served = this.#serve(key, hash, loader, meta);
    if (served !== undefined) return served;
    this.#sync(true); // reads the pressure level now, if nothing was following it
    if (this.#pressure.closed) {
      this.#sync();
      return this.#settled({ status: 'cancelled', key, reason: 'pressure' });
    }
    let resolve: (result: PrefetchResult) => void = () => {};
    const promise = new Promise<PrefetchResult>((done) => {
      resolve = done;
    });
    const entry: Entry = { key, hash, load: loader, meta, promise, resolve, state: 'queued' };
    this.#entries.set(hash, entry);
    this.#queue.add(entry, rank);
    // Follows the level while the entry lives: the read above may have stopped following (a
    // level that fell below `cancelAt` while nothing was waiting).
    this.#sync();
    this.#pump();
    this.#publish();
    return promise;
  }

  /** Prefetches a list's first page(s) as the list will ask for them; see `PrefetchListOptions`. */
  prefetchList<T>(options: PrefetchListOptions<T>): Promise<PrefetchResult[]> {
    return prefetchListPages(
      {
        prefetch: (key, loader, { priority, meta }) => this.#prefetch(key, loader, { priority }, meta),
        getData: (key) => this.#queryClient().getQueryData(key),
      },
      options,
    );
  }

  /**
   * Cancels every waiting or running prefetch whose key starts with `key` (TanStack's prefix
   * match: `['users']` cancels `['users', 'page', 0]`); running loads see their signal abort.
   * Returns how many were cancelled.
   */
  cancel(key: QueryKey): number {
    if (!Array.isArray(key)) throw optionError('cancel', 'key', 'an array (a query key)', key);
    return this.#cancelWhere((entry) => partialMatchKey(entry.key, key), 'cancel');
  }

  /** Cancels every waiting and running prefetch; returns how many. */
  cancelAll(): number {
    return this.#cancelWhere(() => true, 'cancel');
  }

  /**
   * Cancels everything, stops following the memory monitor and drops listeners; later
   * prefetches resolve `cancelled` at once. Data already loaded stays in the QueryClient.
   */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#cancelWhere(() => true, 'destroy');
    this.#sync();
    this.clearListeners();
  }

  protected override onSubscribe(): void {
    this.#sync();
  }

  protected override onUnsubscribe(): void {
    this.#sync();
  }

  #queryClient(): QueryClient {
    this.#client ??= this.#o.queryClient ?? sharedQueryClient();
    return this.#client;
  }

  /** Data there already, or a fetch of the key running (a list's): answered without a slot. */
  #serve(
    key: QueryKey,
    hash: string,
    loader: Entry['load'],
    meta: QueryMeta | undefined,
  ): Promise<PrefetchResult> | undefined {
    const client = this.#queryClient();
    const state = client.getQueryCache().get(hash)?.state;
    if (state?.data !== undefined && !state.isInvalidated) return this.#settled({ status: 'cached', key });
    if (state?.fetchStatus !== 'fetching') return undefined;
    // Not ours to abort under pressure: the prefetch only waits for it.
    return this.#fetch(client, key, hash, loader, meta).promise.then((result) => {
      this.#count(result);
      this.#publish();
      return result;
    });
  }

  /**
   * Runs `loader` through `fetchQuery` so the in-flight promise is in the client: a list that
   * asks for the key meanwhile joins it. Never rejects. An empty query left by a failed or
   * cancelled load is removed, so the error is not served as the key's state.
   */
  #fetch(
    client: QueryClient,
    key: QueryKey,
    hash: string,
    loader: Entry['load'],
    meta: QueryMeta | undefined,
  ) {
    let called = false;
    const promise = client
      .fetchQuery({
        queryKey: key,
        queryFn: ({ signal }) => {
          called = true;
          return loader(signal);
        },
        retry: false,
        // The list's own page options (fetchPageQuery, pageQuery.ts), so the list finds the page
        // fresh. Written out, not shared: a shared constant costs every list bundle 10-16 B gzip.
        staleTime: Number.POSITIVE_INFINITY,
        gcTime: Number.POSITIVE_INFINITY,
        meta,
      })
      .then(
        (): PrefetchResult => ({ status: called ? 'loaded' : 'cached', key }),
        (error: unknown): PrefetchResult => {
          const query = client.getQueryCache().get(hash);
          if (query !== undefined && query.state.data === undefined && query.state.fetchStatus === 'idle')
            client.getQueryCache().remove(query);
          return isCancelledError(error) || isAbortError(error)
            ? { status: 'cancelled', key, reason: 'abort' }
            : { status: 'error', key, error };
        },
      );
    const abort = () => {
      // revert: a query cancelled before its first data goes back to empty (removed on settling).
      void client.getQueryCache().get(hash)?.cancel({ revert: true });
    };
    return { promise, abort };
  }

  #budget() {
    return fetchBudgetFor(this.#queryClient());
  }

  #startable(): boolean {
    return !this.#pressure.closed && this.#running < this.#o.concurrency && this.#queue.size > 0;
  }

  /** Starts what the client's budget lets start; `freed` slots go back to it first. */
  #pump(freed = 0): void {
    this.#budget().update(this.#member, this.#startable(), freed);
  }

  #start(entry: Entry): void {
    // While it waited, the key may have been loaded or a list may have started fetching it.
    const served = this.#serve(entry.key, entry.hash, entry.load, entry.meta);
    if (served !== undefined) {
      this.#entries.delete(entry.hash);
      void served.then(entry.resolve);
      this.#sync();
      this.#pump(1); // the slot it was given is not needed
      return;
    }
    entry.state = 'running';
    this.#running += 1;
    const running = this.#fetch(this.#queryClient(), entry.key, entry.hash, entry.load, entry.meta);
    entry.abort = running.abort;
    void running.promise.then((result) => {
      if (this.#entries.get(entry.hash) !== entry) return; // cancelled here: already resolved
      this.#entries.delete(entry.hash);
      this.#running -= 1;
      entry.resolve(this.#count(result));
      this.#pump(1);
      this.#sync();
      this.#publish();
    });
  }

  #cancelWhere(match: (entry: Entry) => boolean, reason: PrefetchCancelReason): number {
    const victims = [...this.#entries.values()].filter(match);
    let freed = 0;
    for (const entry of victims) {
      this.#entries.delete(entry.hash); // first, so the aborted load's settling is ignored
      if (entry.state === 'queued') this.#queue.remove(entry);
      else {
        this.#running -= 1;
        freed += 1;
        entry.abort?.();
      }
      entry.resolve(this.#count({ status: 'cancelled', key: entry.key, reason }));
    }
    if (victims.length > 0) {
      this.#pump(freed);
      this.#sync();
      this.#publish();
    }
    return victims.length;
  }

  /** Counts an outcome (the caller publishes). */
  #count(result: PrefetchResult): PrefetchResult {
    this.#counts[COUNTER[result.status]] += 1;
    return result;
  }

  /** An outcome known at once: counted, published, resolved. */
  #settled(result: PrefetchResult): Promise<PrefetchResult> {
    this.#count(result);
    this.#publish();
    return Promise.resolve(result);
  }

  /**
   * Follows the memory monitor while there is work or a subscriber (`force`: now, to read the
   * level before accepting a prefetch), and stops following it otherwise.
   */
  #sync(force = false): void {
    this.#pressure.follow(!this.#destroyed && (force || this.#entries.size > 0 || this.hasListeners()));
  }

  #onPressure(closed: boolean): void {
    if (closed) this.#cancelWhere(() => true, 'pressure');
    else this.#pump();
    this.#sync();
    this.#publish();
  }

  #build(): PrefetcherSnapshot {
    const { loaded, cached, cancelled, errors } = this.#counts;
    const queued = this.#queue.size;
    return Object.freeze({
      queued,
      running: this.#running,
      loaded,
      cached,
      cancelled,
      errors,
      halted: this.#pressure.closed,
    });
  }

  #publish(): void {
    const next = this.#build();
    const previous = this.#snapshot;
    if ((Object.keys(next) as (keyof PrefetcherSnapshot)[]).every((field) => next[field] === previous[field]))
      return;
    this.#snapshot = next;
    this.notify();
  }
}
