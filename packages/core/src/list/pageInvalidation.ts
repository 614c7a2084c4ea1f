import type { FlowState } from './flowState.ts';

/**
 * A page's query was invalidated in the QueryClient (`invalidateQueries`): shown stale and
 * fetched again, a fetch already running restarted.
 *
 * @example
 * new PageQueries(key, client, (page) => onInvalidated(flow, page));
 */
export function onInvalidated<T>(flow: FlowState<T>, page: number): void {
  if (flow.destroyed) return;
  flow.channel.forget(); // refetched by the server's offsets: it has the writes now (or never will)
  const entry = flow.store.get(page);
  flow.dispatch({ type: 'invalidated', page });
  // A fetch already running may carry pre-invalidation data: restart it.
  if (flow.scheduler.cancel(page) && entry?.items === undefined) flow.dropLoading(page);
  flow.replan();
  flow.snapshots.publish(flow.isVisible(page));
}

/**
 * The dataset moved (decision 0012): responses on their way are of the old one, held pages
 * of the zone stay on screen stale until refetched, the others go.
 *
 * @example
 * restart: (except) => restart(flow, except),
 */
export function restart<T>(flow: FlowState<T>, except: number): void {
  flow.generation += 1;
  // Fetches on their way keep running: an answer of the version now known is used (onPage).
  const dropped = flow.store.dispatchEach((page) =>
    page.index === except || flow.scheduler.has(page.index)
      ? undefined
      : { type: 'reset', page: page.index, keep: flow.inZone(page.index) },
  );
  for (const page of dropped) flow.queries.remove(page); // else fetchQuery answers the old data
  flow.replan();
  flow.snapshots.publish(true);
}
