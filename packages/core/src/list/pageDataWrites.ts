import { hashKey, replaceEqualDeep } from '@tanstack/query-core';
import { pageOfQueryKey } from '../scheduler/pageQuery.ts';
import type { ItemWrite } from '../store/itemWrites.ts';
import { hasItems, isEnginePut } from './listWrites.ts';
import type { PageFlow } from './pageFlow.ts';

type Write<T> = (flow: PageFlow<T>, change: ItemWrite<T>) => void;

/**
 * Hears the app's `setQueryData` on the list's page queries while the list has subscribers, and
 * hands each to `pageDataWrites` (below). Registered when the list first subscribes, before the
 * list's own ears (`WriteWatcher`), so the list shows the writes, not the page as written first.
 * Returns the function that stops.
 *
 * @example
 * const stop = watchPageData(flow, write); // on attach; stop() on destroy
 */
export function watchPageData<T>(flow: PageFlow<T>, write: Write<T>): () => void {
  const key = flow.o.key;
  return flow.queries.client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual !== true) return;
    const { query } = event;
    const page = pageOfQueryKey(key, query.queryKey);
    if (page === undefined || !flow.writes.watching || isEnginePut()) return;
    if (!pageDataWrites(flow, page, query.state.data, write)) return;
    // A remove can drop the page (the next one is not held): its query left the client holding
    // the page from before, which the ears called after these (every list's WriteWatcher) would
    // land as fresh. Left empty, it lands nowhere.
    if (flow.queries.client.getQueryCache().get(query.queryHash) !== query)
      query.setState({ ...query.state, data: undefined });
  });
}

/**
 * Page data the app wrote into the QueryClient for an offset page the list holds, fresh, with
 * another number of items (`setQueriesData` filtering a row out, `setQueryData` putting one in):
 * the page's old items go back into the QueryClient and the difference is applied as the
 * removes, inserts and updates it stands for, so the rows after it move, the count follows and
 * pages not loaded are fetched by the server's offsets (decision 0072). Items are matched by
 * `getItemKey`, else by content. False (shown as written, as before) when the number of items
 * is the same, the page is not held or stale, the items kept are in another order, or items only
 * came at the end of the list's last page (an `append` of a list on the key, or the app's).
 *
 * @example
 * if (pageDataWrites(flow, 0, data, write)) return; // write(flow, change): one rope write
 */
function pageDataWrites<T>(flow: PageFlow<T>, page: number, data: unknown, write: Write<T>): boolean {
  const source = flow.o.source;
  if (flow.destroyed || source.kind !== 'offset' || !hasItems<T>(data)) return false;
  const held = flow.store.get(page);
  const before = held?.items;
  if (before === undefined || held?.stale === true || before.length === data.items.length) return false;
  const after = data.items;
  const getItemKey = flow.o.getItemKey;
  // The list holds its own copies of the items: without keys, items are matched by content.
  const id = (item: T): unknown => (getItemKey === undefined ? hashKey([item]) : getItemKey(item));
  const beforeIds = new Map(before.map((item, at) => [id(item), at]));
  const afterIds = new Map(after.map((item, at) => [id(item), at]));
  if (beforeIds.size !== before.length || afterIds.size !== after.length) return false; // keys twice
  // Kept items in the same order in both, so removes then inserts give exactly `after`.
  const kept = before.filter((item) => afterIds.has(id(item)));
  const keptAfter = after.filter((item) => beforeIds.has(id(item)));
  if (kept.some((item, k) => id(item) !== id(keptAfter[k] as T))) return false;
  const base = page * source.pageSize;
  const grown =
    kept.length === before.length && id(keptAfter.at(-1) as T) === id(after[before.length - 1] as T);
  if (grown && base + before.length >= flow.layout.count && after.length <= source.pageSize) return false;
  // The engine works from the QueryClient's pages: the written page goes back as the list holds it.
  const exact = flow.layout.countKind === 'exact';
  const restored = { ...data, items: before, ...(exact ? { total: flow.layout.count } : {}) };
  flow.writes.quietly(() => flow.queries.set(page, restored));
  // By index, not by key: a write may drop a page it cannot recompute (the next one is not
  // held), and the page comes back through the rope with the later writes in place.
  for (let at = before.length - 1; at >= 0; at--)
    if (!afterIds.has(id(before[at] as T))) write(flow, { kind: 'remove', index: base + at, count: 1 });
  for (let at = 0; at < after.length; ) {
    let end = at;
    while (end < after.length && !beforeIds.has(id(after[end] as T))) end += 1;
    if (end > at) write(flow, { kind: 'insert', index: base + at, items: after.slice(at, end) });
    at = Math.max(end, at + 1);
  }
  after.forEach((item, at) => {
    const was = before[beforeIds.get(id(item)) ?? -1];
    if (was !== undefined && replaceEqualDeep(was, item) !== was)
      write(flow, { kind: 'replace', index: base + at, item });
  });
  return true;
}
