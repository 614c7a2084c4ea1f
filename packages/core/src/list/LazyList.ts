import { assertUnchanged, optionError } from '../options.ts';
import type { ListLayout } from '../paging/layout.ts';
import { type ListWindowInput, normalizeWindow, sameWindow } from '../planner/listWindow.ts';
import { describeShape } from '../sources/adopt.ts';
import { Subscribable } from '../subscribable.ts';
import {
  FIXED_LIST_OPTIONS,
  type LazyListOptions,
  type LazyListUpdate,
  type ResolvedLazyListOptions,
  resolveLazyListOptions,
} from './lazyListOptions.ts';
import type { LazyListSnapshot } from './listSnapshot.ts';
import { PageFlow } from './pageFlow.ts';
import type { RangeFollower } from './rangeFollower.ts';
import { type ListWriteResult, writesDisabled } from './writeResult.ts';

export type { LazyListSnapshot, LazyListStatus } from './listSnapshot.ts';

/**
 * The public face of `createLazyList`: options, the window, and the commands (`prefetch`,
 * `append`, `retry`, `refresh`, `invalidate`, `destroy`). The load loop behind it (planner,
 * scheduler, page queries, store, cache and memory tiers) is `PageFlow` (`pageFlow.ts`).
 * Snapshot rule (`snapshotPublisher.ts`): a change that touches the visible window (its pages,
 * the count, the window itself, status) publishes a new snapshot and notifies at once; changes
 * outside it (prefetched pages, evictions, stats) are folded into a snapshot at most every
 * `statsIntervalMs`.
 *
 * @example
 * const list: LazyList<User> = createLazyList({ key: ['users'], source });
 * const stop = list.subscribe(() => render(list.getSnapshot()));
 * list.setWindow({ start: 0, end: 40 });
 */
export class LazyList<T> extends Subscribable {
  #input: LazyListOptions<T>;
  readonly #flow: PageFlow<T>;
  #follower: RangeFollower | null = null;
  /** `followRange`'s follower is a lazy chunk (decision 0027): loading from the first call. */
  #following = false;
  /**
   * Leaves the waiting writes of the key (the write engine's, decision 0045), joined with the
   * first subscriber: a list never subscribed (a discarded render) is held by nothing.
   */
  #leave: (() => void) | undefined;

  constructor(options: ResolvedLazyListOptions<T>, layout: ListLayout<T>, input: LazyListOptions<T>) {
    super();
    this.#input = input;
    this.#flow = new PageFlow(options, { layout, notify: () => this.notify() });
  }

  /** Returns the current snapshot; the same reference until something changed. */
  readonly getSnapshot = (): LazyListSnapshot<T> => this.#flow.snapshots.current;

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
    const flow = this.#flow;
    if (flow.destroyed) return;
    const OWNER = 'LazyList.setOptions';
    if (process.env.NODE_ENV !== 'production')
      assertUnchanged(OWNER, FIXED_LIST_OPTIONS, this.#input, partial);
    const next: LazyListOptions<T> = { ...this.#input, ...partial, source: flow.o.source };
    const resolved = resolveLazyListOptions(next); // throws, changing nothing, on a bad value
    let reload = false;
    if (partial.source !== undefined && partial.source !== this.#input.source) {
      const adopted = flow.o.source.adopt?.(partial.source) ?? 'shape';
      if (adopted === 'shape') {
        // The error in every build; what the list's shape is and what to do in development (decision 0059).
        const expected =
          process.env.NODE_ENV !== 'production'
            ? `a source of the list’s shape (${describeShape(flow.o.source)}); another kind or page size is other pages: create a new list`
            : 'a source of the list’s shape';
        throw optionError(OWNER, 'source', expected, describeShape(partial.source));
      }
      reload = adopted === 'data';
    }
    const before = flow.o;
    this.#input = { ...next, source: partial.source ?? this.#input.source };
    flow.o = resolved;
    flow.scheduler.limitsChanged(); // it reads them from flow.o
    if (reload) {
      // As a refresh: the rows shown stay until the new ones land, so the view follows its item.
      this.refresh();
      return;
    }
    // Hooks push options after every commit: only a change of what is planned or kept does work.
    const replan = (['enabled', 'prefetch', 'maxBytes', 'maxPages', 'flingVelocity'] as const).some(
      (name) => resolved[name] !== before[name],
    );
    if (!replan) return;
    flow.replan();
    flow.evict();
    flow.snapshots.publish(true);
  }

  /** Sets the range the view needs now (half-open `[start, end)`). Throws on bad input. */
  setWindow(input: ListWindowInput): void {
    const flow = this.#flow;
    if (flow.destroyed) return;
    const window = normalizeWindow(input);
    const before = flow.window;
    if (sameWindow(window, before)) return;
    // Speed and direction alone change the plan, not what is visible: no new snapshot for them…
    const moved = before === null || window.start !== before.start || window.end !== before.end;
    const flung = flow.plan?.fling;
    flow.window = window;
    if (this.#growing) flow.planSoon();
    else flow.replan();
    if (moved) flow.evict(); // a list grown by append fetches nothing: its budget is kept here
    // …except a fling starting or ending in place (the planner's threshold): it drops the
    // visible pages still queued, or asks for them (found by the model test, seed 10).
    flow.snapshots.publish(moved || flow.plan?.fling !== flung);
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
    const flow = this.#flow;
    if (flow.destroyed) return;
    if (this.#follower !== null) {
      this.#follower.follow(start, end);
      return;
    }
    // Until the follower's chunk is there the range is the window, at rest (no speed yet).
    this.setWindow({ start, end });
    if (this.#following) return;
    this.#following = true;
    const load = import('./rangeFollower.ts');
    load.then(
      ({ followList }) => {
        if (!flow.destroyed) this.#follower = followList(this, flow);
      },
      () => {
        this.#following = false; // offline: the next range loads it again
      },
    );
  }

  /** Fetches the pages covering `[start, end)` at background priority (after visible and prefetch). */
  prefetch(range: { start: number; end: number }): void {
    const flow = this.#flow;
    if (flow.destroyed) return;
    const { start, end } = normalizeWindow(range, 'prefetch');
    const pages = flow.layout.pagesFor(start, end);
    if (pages === null) return;
    for (let page = pages.first; page <= pages.last; page++) flow.request(page, 'background');
  }

  /**
   * Adds items after the last one (a chat message, a stream batch): the count grows, loaded pages
   * take the items at once (in the QueryClient and the cache too), and a view following the end
   * moves with them. Returns false when they cannot be placed: range sources, or a cursor list
   * whose newest page is not loaded yet (they arrive with that page).
   */
  append(items: readonly T[]): boolean {
    const flow = this.#flow;
    if (flow.destroyed) return false;
    const placed = flow.layout.append(items, (page) => {
      const entry = flow.store.get(page);
      return entry === undefined ? undefined : (entry.items ?? null);
    });
    if (placed === null) return false;
    for (const { page, items: pageItems, data } of placed) {
      const bytes = flow.o.estimateBytes(pageItems);
      flow.dispatch({ type: 'landed', page, generation: flow.generation, items: pageItems, bytes });
      flow.putOwn(page, data); // other lists on the key that hold the page show it too
      flow.cache?.landed(page, data, bytes, true);
    }
    // No eviction here: the view moves its window onto new items only after this publish, and
    // evicting against the old window would drop the items just appended (local-only for a chat).
    flow.replan();
    flow.snapshots.publish(true);
    return true;
  }

  /**
   * Tells an offset list that its source has `count` items now (a log that grew: decision 0084,
   * `createStreamLog` from `@lazyflow/core/log`): the count becomes `count`, rows past the old
   * end load when they come into view, the page that held the old end is fetched again (its items
   * stay shown until then), and a view following the end moves with it. A smaller count than the
   * list has changes nothing (rows go only by `refresh()` or `invalidate()`). Returns false for
   * cursor and range sources, which have no count to grow. In development builds, throws a
   * RangeError for a count that is not an integer >= 0.
   *
   * @example
   * const log = createStreamLog<LogLine>({ url: '/api/logs', onCount: (count) => list.grow(count) });
   */
  grow(count: number): boolean {
    if (process.env.NODE_ENV !== 'production' && !(Number.isSafeInteger(count) && count >= 0))
      throw new RangeError(`lazyflow: grow(count) takes an integer >= 0, got ${String(count)}`);
    const flow = this.#flow;
    if (flow.destroyed || flow.layout.grow === undefined) return false;
    const before = flow.layout.count;
    const size = flow.layout.grow(count);
    this.#growing = true;
    try {
      const total = flow.layout.count;
      // A page that holds fewer items than its share of the count (the old end, or one that landed
      // from a read made before the count grew) is fetched again; its items stay shown until then.
      const short = flow.store.dispatchEach((page) =>
        page.items !== undefined &&
        !page.stale &&
        !flow.scheduler.has(page.index) &&
        page.items.length < Math.min(size, total - page.index * size)
          ? { type: 'invalidated', page: page.index }
          : undefined,
      );
      for (const page of short) flow.queries.remove(page); // else fetchQuery answers the short data
      if (total !== before) flow.grown = { at: flow.o.now(), from: before };
      if (total !== before || short.length > 0) {
        // Published first: a view following the end moves its window there (and plans) before the
        // list plans, so the old end's page is not read again for a window that just left it.
        flow.snapshots.publish(true);
        flow.planSoon();
      }
    } finally {
      this.#growing = false;
    }
    return true;
  }

  /**
   * True while `grow` runs (also when the list's source called it: a stream log's `watchCount`)
   * and, while the window reaches the end, for 200 ms after a grow changed the count: the React
   * hooks render the snapshots published then, the grow's and those of the pages it read, in a
   * transition, as they do `append`'s. A log followed as it pours in thus never renders its rows
   * inside the task that took them in.
   *
   * @example
   * const deferring = () => list.growing;
   */
  get growing(): boolean {
    return this.#growing || this.#flow.followsGrowth;
  }

  /** True while `grow` runs: the plan it owes runs in a task of its own (`PageFlow.planSoon`). */
  #growing = false;

  /**
   * Replaces the loaded item with `key` (its `getItemKey`; without it, its index) by
   * `change(item)`, at once in every list and snapshot on this key (through the QueryClient's
   * page queries) and in the cache. Returns `{ ok, rollback }`: `rollback()` puts the old item
   * back. An item that is not loaded is `{ ok: false, error }` naming the key, never a throw. An
   * item shown only stale (kept through `refresh()` or an invalidation until its page answers) is
   * written on the stale row at once (of every list on the key) and again, by key, on the fresh
   * item when its page lands; `rollback()` works before and after that, and `settled` says how it
   * ended: an error value when the refetch no longer holds the key, or when the key's last list
   * was destroyed first (decisions 0040, 0041, 0045; without `getItemKey` it is
   * refused, reason `stale`: its index is the one from before). Needs the `writes` option
   * (`listWrites` from `@lazyflow/core/writes`); without it every write is `{ ok: false }` with
   * reason `disabled`.
   *
   * @example
   * const { rollback } = list.update('u-7', (user) => ({ ...user, liked: true }));
   * api.like('u-7').catch(rollback);
   */
  update(key: string | number, change: (item: T) => T): ListWriteResult {
    return this.#flow.o.writes?.update(this.#flow, key, change) ?? writesDisabled('update');
  }

  /**
   * Puts `items` in before `index` (`index === count` adds them at the end), in every list on this
   * key: the count grows, the loaded pages after it shift, and pages not loaded are still asked
   * from the server by the offsets it knows until a refresh or an invalidation. Offset sources
   * only. `{ ok: false, error }` names the index when it is beyond the count or not loaded.
   * After a row shown stale (kept through a refresh: its index is the one from before) it waits,
   * shown there at once (the count with it), and goes next to that row by its key once the
   * refetch lands; `settled` says how it ended (decisions 0041, 0048; without `getItemKey`
   * refused, reason `stale`). `index` counts the rows shown, waiting inserts' items included.
   * A waiting insert moves with the writes made after it, as any row; one waiting for a page
   * that is not loaded again ends at the next refresh or invalidation (reason `not-loaded`,
   * decision 0052).
   *
   * @example
   * const { rollback } = list.insert(0, [draftOrder]);
   */
  insert(index: number, items: readonly T[]): ListWriteResult {
    return this.#flow.o.writes?.insert(this.#flow, index, items) ?? writesDisabled('insert');
  }

  /**
   * Takes the loaded item with `key` out of every list on this key: the count shrinks and the
   * pages after it shift. Offset sources only. `rollback()` puts it back where it was. An item
   * shown only stale is hidden at once and removed by key once the refetch lands; `settled` says
   * how it ended (decision 0041; without `getItemKey` refused, reason `stale`).
   *
   * @example
   * const { ok, rollback } = list.remove('u-7');
   */
  remove(key: string | number): ListWriteResult {
    return this.#flow.o.writes?.remove(this.#flow, key) ?? writesDisabled('remove');
  }

  /**
   * Retries the failed page `pageIndex`, or without a number (no argument, or the click event of
   * `onClick={list.retry}`) every failed page the list holds: those in the window first, the
   * others at background priority. Each starts again at attempt 1 of `retry.attempts`.
   *
   * @example
   * list.retry(75); // rows 7,500–7,599 with pageSize 100
   * list.retry(); // every failed page
   */
  retry(pageIndex?: number): void {
    this.#flow.retry(pageIndex);
  }

  /** Refetches the window, showing current items until fresh ones land; responses from before are dropped. */
  refresh(): void {
    this.#flow.reset();
  }

  /** Drops every page (in memory and in the cache) and the count, then loads the window from scratch. */
  invalidate(): void {
    this.#flow.reset(true);
  }

  /**
   * Aborts everything and releases the QueryClient; later calls are no-ops. With a shared
   * `queryClient`, the loaded pages of the window and its prefetch zone stay in the client so a
   * list created again with the same key (a remount, a route change back) shows them at once;
   * every other page of this list is removed.
   */
  destroy(): void {
    const flow = this.#flow;
    if (flow.destroyed) return;
    flow.phase = 'destroyed';
    this.#follower?.stop();
    flow.snapshots.stop();
    const cancelled = flow.scheduler.cancelAll();
    this.#detach();
    const pages = [...cancelled, ...[...flow.store.values()].map((page) => page.index)];
    flow.queries.release(pages, (page) => flow.store.get(page)?.items !== undefined && flow.inZone(page));
    this.#leave?.(); // writes waiting for a refetch end with 'destroyed' when no list on the key is left
    this.clearListeners();
  }

  protected override onSubscribe(): void {
    const flow = this.#flow;
    if (flow.destroyed) return;
    flow.phase = 'running';
    this.#leave ??= flow.o.writes?.attach?.(flow);
    flow.cache?.attach();
    flow.pressure.attach();
    flow.layout.attach?.({
      append: (items) => this.append(items),
      grow: (count) => this.grow(count),
      changed: () => flow.snapshots.publish(true),
    });
    for (const [page, data] of flow.inHand.splice(0)) if (!flow.queries.has(page)) flow.putOwn(page, data);
    flow.writes.watch();
    flow.queries.watch();
    flow.scheduler.resume();
    flow.replan();
    flow.snapshots.publish(true);
  }

  protected override onUnsubscribe(): void {
    const flow = this.#flow;
    if (!flow.destroyed) flow.phase = 'idle';
    flow.scheduler.pause();
    for (const page of flow.scheduler.cancelAll()) flow.dropLoading(page);
    this.#detach();
  }

  #detach(): void {
    const flow = this.#flow;
    flow.writes.stop();
    flow.queries.stop();
    flow.layout.detach?.();
    flow.cache?.detach();
    flow.pressure.detach();
  }
}
