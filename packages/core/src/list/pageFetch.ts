import { PageShapeError, pageRejection } from '../errors.ts';
import type { PagePriority } from '../planner/planWindow.ts';
import { fetchBudgetFor } from '../scheduler/fetchBudget.ts';
import { FetchScheduler, type RunningFetch } from '../scheduler/fetchScheduler.ts';
import { pageQueryKey, shouldRetryPage } from '../scheduler/pageQuery.ts';
import { isServerOnly } from '../store/editRope.ts';
import type { FlowState, PageResult } from './flowState.ts';
import { onPage } from './pageLanding.ts';

/**
 * The list's fetch queue: each page a query in the QueryClient (by the server's offsets while
 * local inserts or removes are pending), retried with backoff; answers land through `onPage`,
 * failures and retries are page state changes. Paused: work starts with the first subscriber.
 *
 * @example
 * this.scheduler = createPageScheduler(this); // once flow.o and flow.queries are set
 */
export function createPageScheduler<T>(flow: FlowState<T>): FetchScheduler<PageResult, FlowState<T>> {
  // The scheduler reads the limits (flow.o), the window's velocity and stats.setInFlight of the
  // flow itself, and calls these functions with it.
  const scheduler = new FetchScheduler<PageResult, FlowState<T>>(
    flow,
    { execute, onSuccess: onPage, onError, shouldRetry: shouldRetryPage, onRetry },
    fetchBudgetFor(flow.queries.client),
  );
  scheduler.pause(); // work starts with the first subscriber
  return scheduler;
}

/**
 * A try failed, another is due: the page's loading rows show that attempt (decision 0025); a
 * stale page, which shows its items meanwhile, does not change, and no snapshot is made for it.
 */
function onRetry<T>(flow: FlowState<T>, page: number, attempt: number, _delay: number, error: unknown): void {
  flow.stats.add('retries');
  const before = flow.store.get(page);
  const action = { type: 'retrying', page, attempt: attempt + 1, attempts: flow.o.attempts, error } as const;
  if (flow.store.dispatch(action) !== before) flow.snapshots.publish(flow.isVisible(page));
}

function execute<T>(
  flow: FlowState<T>,
  page: number,
  attempt: number,
  priority: PagePriority,
): RunningFetch<PageResult> {
  const generation = flow.generation;
  const started = flow.o.now();
  const running = flow.queries.fetch(page, (signal) => {
    flow.stats.add('requests');
    if (attempt === 1) flow.stats.add('cacheMisses');
    const source = flow.o.source;
    const { rope, load } = flow.channel;
    // Local inserts or removes are pending: ask the server by the offsets it knows (the write
    // engine put its loader in the channel with the first write).
    if (source.kind === 'offset' && load !== undefined && !isServerOnly(rope))
      return load(source, rope, page, signal);
    // Pages on screen go first on the network too: the source passes the hint on to `fetch`.
    const hint = priority === 'visible' ? 'high' : 'low';
    const isLoaded = (p: number) => {
      const entry = flow.store.get(p);
      return entry?.items !== undefined && !entry.stale;
    };
    return flow.layout.load(page, signal, isLoaded, hint);
  });
  const promise = running.promise.then(
    ({ data, fromCache, otherShape }) => {
      // The QueryClient's page is of another shape: another list on the key with another source
      // or another pageSize (the query's meta says the shape it was fetched for).
      if (fromCache && (otherShape || flow.layout.isPageData?.(data) === false)) {
        const where = `data in the QueryClient under ${JSON.stringify(pageQueryKey(flow.o.key, page))}`;
        const expected = `a page of this list's ${flow.o.source.kind} source (give lists of other sources or page sizes other keys)`;
        throw new PageShapeError(`${flow.o.source.kind}Source`, page, where, expected, data);
      }
      if (fromCache) flow.stats.add('cacheHits');
      return { data, fromCache, generation, latency: flow.o.now() - started };
    },
    (error: unknown) => {
      throw pageRejection(page, error); // `reject()`: the page's error would be undefined
    },
  );
  return { promise, abort: running.abort };
}

function onError<T>(flow: FlowState<T>, page: number, error: unknown): void {
  if (flow.destroyed) return;
  flow.stats.add('errors');
  flow.dispatch({ type: 'failed', page, generation: flow.generation, error });
  flow.moves?.settle(); // held responses no longer wait for this page's (it failed)
  flow.landing.settle();
  flow.snapshots.publish(flow.isVisible(page));
}
