import { hashKey, replaceEqualDeep } from '@tanstack/query-core';
import { pageOfQueryKey, pageQueryKey } from '../scheduler/pageQuery.ts';
import type { OffsetSource } from '../sources/source.ts';
import type { ItemWrite } from '../store/itemWrites.ts';
import { hasItems, isEnginePut } from './listWrites.ts';
import type { PageFlow } from './pageFlow.ts';
import { heldAppData } from './writeWatcher.ts';

type Write<T> = (flow: PageFlow<T>, change: ItemWrite<T>) => void;

/** A page the app wrote with another number of items, held until its writes are applied. */
interface HeldPage<T> {
  readonly page: number;
  /** The page as the list held it when the app first wrote it, and as it goes back. */
  readonly before: readonly T[];
  readonly restored: unknown;
  /** The app's latest data for the page (its updaters read it). */
  data: { readonly items: readonly T[] };
}

/** The function that applies the app's page writes a list holds, while it holds some. */
const held = new WeakMap<object, () => void>();

/**
 * Applies now the app's page writes this list holds (see `watchPageData`): a write of the list's
 * own (`update`, `insert`, `remove`) calls it first, so its index is read after them.
 *
 * @example
 * applyHeldPages(flow); // then find the item's index
 */
export function applyHeldPages<T>(flow: PageFlow<T>): void {
  held.get(flow)?.();
}

/**
 * Hears the app's `setQueryData` on the list's page queries while the list has subscribers, and
 * takes each page written with another number of items as the writes it stands for (below).
 * Registered when the list first subscribes, before the list's own ears (`WriteWatcher`), which
 * leave such data alone (`heldAppData`). The writes are applied a microtask later, together: a
 * `setQueriesData` taking rows out of two pages calls the app's updater on each page in turn, and
 * the first page's writes would drop the second (its next page not held) before the updater
 * reads it; meanwhile the QueryClient holds what the app wrote, so its next updater of a page
 * reads it. Returns the function that stops.
 *
 * @example
 * const stop = watchPageData(flow, write); // on attach; stop() on destroy
 */
export function watchPageData<T>(flow: PageFlow<T>, write: Write<T>): () => void {
  const key = flow.o.key;
  const client = flow.queries.client;
  const pages = new Map<number, HeldPage<T>>();
  const apply = (): void => {
    held.delete(flow);
    const taken = [...pages.values()].sort((a, b) => a.page - b.page);
    pages.clear();
    // A page whose data changed since (a fetch landed, the app wrote the page back) is left as is.
    const due = taken.filter((p) => client.getQueryData(pageQueryKey(key, p.page)) === p.data);
    if (flow.destroyed || !flow.writes.watching) return;
    // The engine works from the QueryClient's pages: the written pages go back as the list held them.
    for (const p of due) flow.writes.quietly(() => flow.queries.set(p.page, p.restored));
    // Lower pages first: each page's writes move the rows after it by the items it gained or lost.
    let shift = 0;
    const { pageSize } = flow.o.source as OffsetSource<unknown>;
    for (const p of due) {
      pageWrites(flow, p.page * pageSize + shift, p.before, p.data.items, write);
      shift += p.data.items.length - p.before.length;
    }
  };
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual !== true) return;
    const { query } = event;
    const page = pageOfQueryKey(key, query.queryKey);
    const data: unknown = query.state.data;
    if (page === undefined || !flow.writes.watching || isEnginePut() || heldAppData.has(data as object))
      return;
    const again = pages.get(page);
    const before = heldBefore(flow, page, data, again?.before);
    if (before === undefined || !hasItems<T>(data)) {
      pages.delete(page); // written again in a way not taken as writes: shown as written
      return;
    }
    heldAppData.add(data);
    if (again !== undefined) again.data = data;
    else {
      const exact = flow.layout.countKind === 'exact';
      const restored = { ...data, items: before, ...(exact ? { total: flow.layout.count } : {}) };
      pages.set(page, { page, before, restored, data });
    }
    if (held.has(flow)) return;
    held.set(flow, apply);
    queueMicrotask(apply);
  });
}

/** How the page's items are matched: by `getItemKey`, else by content (the list holds its own copies). */
function idOf<T>(flow: PageFlow<T>): (item: T) => unknown {
  const getItemKey = flow.o.getItemKey;
  return (item) => (getItemKey === undefined ? hashKey([item]) : getItemKey(item));
}

/**
 * The items the list holds at `page` when the app's `data` for it is to be taken as writes
 * (decision 0072): an offset page held, fresh, with another number of items (`setQueriesData`
 * filtering a row out, `setQueryData` putting one in), items matched by `getItemKey`, else by
 * content. Undefined (shown as written, as before) when the number of items is the same, the page
 * is not held or stale, keys come twice, the items kept are in another order, or items only came
 * at the end of the list's last page (an `append` of a list on the key, or the app's). `prior`:
 * the items held when the app first wrote the page, its writes not applied yet.
 *
 * @example
 * const before = heldBefore(flow, 0, data, undefined); // then pageWrites(flow, 0, before, data.items, write)
 */
function heldBefore<T>(
  flow: PageFlow<T>,
  page: number,
  data: unknown,
  prior: readonly T[] | undefined,
): readonly T[] | undefined {
  const source = flow.o.source;
  if (flow.destroyed || source.kind !== 'offset' || !hasItems<T>(data)) return undefined;
  const state = flow.store.get(page);
  const before = prior ?? state?.items;
  const after = data.items;
  if (before === undefined) return undefined;
  if (prior === undefined && (state?.stale === true || before.length === after.length)) return undefined;
  const id = idOf(flow);
  const beforeIds = new Set(before.map(id));
  const afterIds = new Set(after.map(id));
  if (beforeIds.size !== before.length || afterIds.size !== after.length) return undefined; // keys twice
  // Kept items in the same order in both, so removes then inserts give exactly `after`.
  const kept = before.filter((item) => afterIds.has(id(item)));
  const keptAfter = after.filter((item) => beforeIds.has(id(item)));
  if (kept.some((item, k) => id(item) !== id(keptAfter[k] as T))) return undefined;
  const grown =
    kept.length === before.length && id(keptAfter.at(-1) as T) === id(after[before.length - 1] as T);
  const atEnd = page * source.pageSize + before.length >= flow.layout.count;
  return grown && atEnd && after.length <= source.pageSize ? undefined : before;
}

/**
 * Applies the change from `before` to `after` of the page whose first row is at `base` now, by
 * index, not by key: a write may drop a page it cannot recompute (the next one is not held), and
 * the page comes back through the rope with the later writes in place. Removes from the last,
 * inserts from the first, then an update for each kept item whose content changed.
 *
 * @example
 * pageWrites(flow, 10, before, after, write); // page 1 of 10, nothing moved before it
 */
function pageWrites<T>(
  flow: PageFlow<T>,
  base: number,
  before: readonly T[],
  after: readonly T[],
  write: Write<T>,
): void {
  const id = idOf(flow);
  const beforeIds = new Map(before.map((item, at) => [id(item), at]));
  const afterIds = new Set(after.map(id));
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
}
