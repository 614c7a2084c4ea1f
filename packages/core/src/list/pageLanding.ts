import type { PagePriority } from '../planner/planWindow.ts';
import type { FlowState, PageResult } from './flowState.ts';

/**
 * Stores a page's items as the layout reads them from `data`; replans when the structure moved.
 *
 * @example
 * const { bytes } = land(flow, page, data, 'landed');
 * flow.cache?.landed(page, data, bytes, true);
 */
export function land<T>(flow: FlowState<T>, page: number, data: unknown, type: 'landed' | 'cached') {
  const count = flow.layout.count;
  const countKind = flow.layout.countKind;
  const { items, shift, stale } = flow.layout.accept(page, data);
  const bytes = flow.o.estimateBytes(items);
  flow.dispatch({ type, page, generation: flow.generation, items, bytes });
  // Pages the layout no longer holds (past a smaller total, walked from a cursor no longer given).
  if (type === 'landed' && stale) dropPages(flow, [...flow.store.values()].map((s) => s.index).filter(stale));
  if (shift !== 0 && flow.window !== null) {
    flow.window = { ...flow.window, start: flow.window.start + shift, end: flow.window.end + shift };
  }
  const structural = shift !== 0 || count !== flow.layout.count || countKind !== flow.layout.countKind;
  // Cached pages show first; onChecked replans once for the whole lookup (then revalidation starts).
  const kind = flow.o.source.kind;
  if (type === 'landed' && (structural || kind === 'cursor' || kind === 'auto')) flow.replan();
  flow.evict();
  return { items, bytes, visibleChanged: structural || flow.isVisible(page) };
}

/**
 * Forgets pages with their fetches and queries (evictions, pages past a smaller total).
 *
 * @example
 * dropPages(flow, [7, 8]); // counted in stats.evictions
 */
export function dropPages<T>(flow: FlowState<T>, pages: readonly number[]): void {
  for (const page of pages) {
    flow.scheduler.cancel(page);
    flow.dispatch({ type: 'evicted', page });
    flow.queries.drop(page);
  }
  flow.stats.add('evictions', pages.length);
}

/**
 * A fetched page's answer (the scheduler's `onSuccess`): dropped when of an older generation,
 * held for a joint landing (a refresh's, a dataset move's), or landed and published.
 *
 * @example
 * onSuccess: (page, result) => onPage(flow, page, result),
 */
export function onPage<T>(flow: FlowState<T>, page: number, result: PageResult): void {
  if (flow.destroyed) return;
  if (result.generation !== flow.generation && !flow.moves?.current(result.data, result.generation)) {
    // Asked before the dataset moved and of another version: ask again (its query holds it).
    if (flow.moves?.since(result.generation)) {
      flow.queries.remove(page);
      flow.dropLoading(page);
      flow.replan();
    }
    return; // or a late response from before a reset
  }
  const taken = !result.fromCache && flow.landing.received(page, result.data, result.generation);
  if (taken || (!result.fromCache && flow.moves?.received(page, result.data) === 'held')) {
    flow.stats.fetched(result.latency, (result.data as { items: readonly unknown[] }).items.length);
    flow.snapshots.publish(false);
    return;
  }
  const { items, bytes, visibleChanged } = land(flow, page, result.data, 'landed');
  if (!result.fromCache) flow.stats.fetched(result.latency, items.length);
  flow.cache?.landed(page, result.data, bytes, !result.fromCache);
  flow.snapshots.publish(visibleChanged);
}

/**
 * A page read from the cache: shown stale until the network revalidates it.
 *
 * @example
 * onCached: (page, data) => onCached(flow, page, data),
 */
export function onCached<T>(flow: FlowState<T>, page: number, data: unknown): boolean | 'outdated' {
  const entry = flow.store.get(page);
  if (flow.destroyed || (entry?.items !== undefined && !entry.stale)) return false; // fresher data won
  if (flow.moves?.outdated(data)) return 'outdated'; // of the dataset before it moved
  flow.stats.add('cacheHits');
  flow.snapshots.publish(land(flow, page, data, 'cached').visibleChanged);
  return true;
}

/**
 * Cache lookups finished: replan (revalidation, misses to the network) and forget unwanted misses.
 *
 * @example
 * onChecked: (missed) => onChecked(flow, missed),
 */
export function onChecked<T>(
  flow: FlowState<T>,
  missed: readonly { page: number; priority: PagePriority }[],
): void {
  if (flow.destroyed) return;
  flow.replan();
  for (const { page, priority } of missed) {
    if (priority === 'background') flow.request(page, 'background');
    else flow.dropLoading(page); // no-op when the plan still wants it (then it is queued)
  }
  flow.snapshots.publish(false);
}

/**
 * The refetched pages of the moved dataset land together: no old page sits between new ones.
 *
 * @example
 * commit: (pages) => commitPages(flow, pages),
 */
export function commitPages<T>(flow: FlowState<T>, pages: ReadonlyMap<number, unknown>): void {
  for (const [page, data] of pages) {
    const { bytes } = land(flow, page, data, 'landed');
    flow.cache?.landed(page, data, bytes, true);
  }
  // Old pages the window left meanwhile would show next to the new ones when scrolled back to.
  flow.store.dispatchEach((state) =>
    state.stale && state.items !== undefined && !pages.has(state.index) && !flow.inZone(state.index)
      ? { type: 'evicted', page: state.index }
      : undefined,
  );
  flow.replan();
  flow.snapshots.publish(true);
}
