import { pageQueryKey } from '../scheduler/pageQuery.ts';
import type { OffsetPage } from '../sources/source.ts';
import {
  type EditRope,
  isServerOnly,
  ropeAt,
  ropeFind,
  ropeServerPosition,
  ropeSlice,
} from '../store/editRope.ts';
import { type ItemWrite, rewritePages, ropeAfter } from '../store/itemWrites.ts';
import {
  EDITED,
  insertedBefore,
  type KnownTotal,
  loadThroughRope,
  roleOf,
  STANDS_IN,
  type StoredCopies,
  serverTotalOf,
  standsFor,
} from './loadThroughRope.ts';
import type { PageFlow } from './pageFlow.ts';

/** Where the loaded item with `key` is: its page, its offset in the page and the item; or undefined. */
export function findKey<T>(
  flow: PageFlow<T>,
  key: string | number,
): { page: number; offset: number; item: T } | undefined {
  const { getItemKey, source } = flow.o;
  if (getItemKey === undefined) {
    // Without getItemKey an item's key is its index (offset pages only: cursor indexes move).
    if (source.kind !== 'offset' || typeof key !== 'number' || !Number.isInteger(key) || key < 0)
      return undefined;
    const page = Math.floor(key / source.pageSize);
    const offset = key % source.pageSize;
    const items = flow.store.get(page)?.items;
    return items !== undefined && offset < items.length
      ? { page, offset, item: items[offset] as T }
      : undefined;
  }
  // A fresh item first: a page kept stale (refresh(), a move) may still show the key at its old index.
  let found: { page: number; offset: number; item: T } | undefined;
  for (const state of flow.store.values()) {
    const offset = state.items?.findIndex((item) => getItemKey(item) === key) ?? -1;
    if (offset >= 0) {
      found = { page: state.index, offset, item: state.items?.[offset] as T };
      if (!state.stale) break;
    }
  }
  return found;
}

/**
 * Whether the list's count is the server's: a fresh page holds a server row (a page of local
 * items only asked the server nothing; after `refresh()` the count is the one from before).
 */
export function serverCounted<T>(flow: PageFlow<T>): boolean {
  const size = flow.o.source.kind === 'offset' ? flow.o.source.pageSize : 0;
  return [...flow.store.values()].some(
    (p) =>
      p.items !== undefined &&
      !p.stale &&
      ropeSlice(flow.channel.rope, p.index * size, p.index * size + size).some((s) => s.kind === 'server'),
  );
}

/**
 * Swaps one item of a page that is not an offset page (cursor, range, auto): the page's query
 * data gets the new item, which every list holding the page shows. False when the query is gone.
 */
export function replaceInPage<T>(flow: PageFlow<T>, page: number, offset: number, item: T): boolean {
  const queryKey = pageQueryKey(flow.o.key, page);
  const data: unknown = flow.queries.client.getQueryData(queryKey);
  if (!hasItems<T>(data) || offset >= data.items.length) return false;
  const items = data.items.slice();
  items[offset] = item;
  flow.queries.client.setQueryData(queryKey, { ...data, items });
  if (!flow.writes.watching) flow.written(page, flow.queries.client.getQueryData(queryKey));
  return true;
}

/**
 * Applies a write to every list on the dataset: rewrites the pages held in the QueryClient and in
 * this list (each list hears `setQueryData` and shows its pages), drops held pages that moved and
 * cannot be recomputed, updates the rope (offset sources) so pages not loaded are fetched by
 * the server's offsets, and persists rewritten pages in the cache.
 */
export function applyWrite<T>(flow: PageFlow<T>, write: ItemWrite<T>): void {
  const source = flow.o.source;
  if (source.kind !== 'offset') return;
  const client = flow.queries.client;
  const key = flow.o.key;
  const channel = flow.channel;
  const held = new Map<number, readonly T[]>();
  const data = new Map<number, unknown>();
  for (const [queryKey, value] of client.getQueriesData({ queryKey: [...key, 'page'] })) {
    const page = queryKey[key.length + 1];
    if (queryKey.length !== key.length + 2 || typeof page !== 'number' || !hasItems<T>(value)) continue;
    held.set(page, value.items);
    data.set(page, value);
  }
  // Items kept stale through refresh() are the data from before: a page rewritten from them
  // would pass for the server's answer and never be fetched again. Not held: they go and come
  // back through the rope.
  for (const state of flow.store.values())
    if (state.items !== undefined && !state.stale && !held.has(state.index))
      held.set(state.index, state.items);
  const exact = flow.layout.countKind === 'exact';
  const count = exact ? flow.layout.count : undefined;
  const rewritten = rewritePages(held, source.pageSize, write, count);
  // The server total the count implies: a page refetched with only local items carries the
  // count through it, even when the write dropped every page that held the count (decision 0046).
  // Local writes do not move it: taken once (the count lags while dropped pages come back).
  const totals = totalsOf(channel);
  if (count !== undefined && (totals.total === undefined || isServerOnly(channel.rope)))
    totals.total = serverTotalOf(channel.rope, count);
  // An update's item stands for the server row it replaces, or is what the item it replaces
  // was; an inserted item updated is an edited insert (decision 0060).
  const was = write.kind === 'replace' ? ropeAt(channel.rope, write.index) : undefined;
  if (was !== undefined && write.kind === 'replace') {
    roleOf(write.item, was.kind === 'server' ? STANDS_IN : (roleOf(was.item) ?? EDITED));
    const offset = was.kind === 'server' ? was.offset : standsFor(was.item);
    if (offset !== undefined) standsFor(write.item, offset);
    if (was.kind === 'local') insertedBefore(write.item, insertedBefore(was.item));
    totals.kept?.add(write.item);
  }
  // An insert is put in just after the server row before it (decision 0078).
  if (write.kind === 'insert') {
    const anchor = anchorAt(channel.rope, write.index);
    for (const item of write.items) {
      insertedBefore(item, anchor);
      totals.kept?.add(item);
    }
  }
  channel.rope = ropeAfter(channel.rope, write);
  // Lists on the key without the write engine fetch through it too.
  // With keys, local items the server stored where they are become its rows (decision 0055).
  const keyOf = flow.o.getItemKey;
  const stored: StoredCopies<T> | undefined = keyOf && {
    rope: () => channel.rope,
    set: (rope, from) => {
      channel.rope = rope;
      if (from === undefined) return;
      // A row shown twice left one place: every list drops and asks again the pages from there.
      const first = Math.floor(from / source.pageSize);
      const pages: number[] = [];
      for (const [queryKey] of client.getQueriesData({ queryKey: [...key, 'page'] })) {
        const page = queryKey[key.length + 1];
        if (typeof page === 'number' && page >= first) pages.push(page);
      }
      dropMovedPages(flow, pages, first);
      const event = { first, last: Number.POSITIVE_INFINITY, rewritten: new Set<number>() };
      channel.emit(event);
      if (!flow.writes.watching) flow.moved(event);
    },
    keyOf,
  };
  channel.load = (from, rope, page, signal) =>
    loadThroughRope(from, rope, page, signal, totals, stored as StoredCopies<never> | undefined);
  const total = count === undefined ? undefined : count + countDelta(write);
  // Pages that cannot be recomputed go first, then the rewritten ones in the order that never
  // shows an item twice in between (an insert moves items up: lowest page first; a remove moves
  // them down: highest first). A list shows each step, so a gap is fine, a duplicate is not.
  dropMovedPages(flow, rewritten.dropped, write.kind === 'replace' ? undefined : rewritten.first);
  // A saved index anchor at or after the write moves with its row (an item key needs no move).
  if (write.kind !== 'replace') flow.cache?.moveScroll(write.index, countDelta(write));
  const event = { first: rewritten.first, last: rewritten.last, rewritten: new Set(rewritten.pages.keys()) };
  channel.emit(event);
  if (!flow.writes.watching) flow.moved(event);
  // Every other page the client holds carries the new count too: a write whose pages are all
  // evicted still moves the count of every list.
  const untouched = [...data.keys()].filter(
    (page) => !rewritten.pages.has(page) && !rewritten.dropped.includes(page),
  );
  const order = [...rewritten.pages.keys()].sort((a, b) => (write.kind === 'remove' ? b - a : a - b));
  for (const page of total === undefined || write.kind === 'replace' ? order : [...untouched, ...order]) {
    const before = data.get(page);
    const items = rewritten.pages.get(page) ?? (hasItems<T>(before) ? before.items : []);
    const next = { ...(hasItems<T>(before) ? before : {}), items, ...(total === undefined ? {} : { total }) };
    enginePuts += 1;
    try {
      client.setQueryData(pageQueryKey(key, page), next);
    } finally {
      enginePuts -= 1;
    }
    if (!flow.writes.watching) flow.written(page, client.getQueryData(pageQueryKey(key, page)));
  }
}

/**
 * The server offset an item put in at display position `at` is placed before: just past the
 * server row before it, or the row an item before it stands for; an insert before it passes its
 * own on; 0 at the head.
 */
function anchorAt<T>(rope: EditRope<T>, at: number): number {
  let anchor = 0;
  for (const segment of ropeSlice(rope, 0, at)) {
    if (segment.kind === 'server') anchor = segment.start + segment.length;
    else
      for (const item of segment.items) {
        const stands = standsFor(item);
        anchor = stands === undefined ? (insertedBefore(item) ?? anchor) : stands + 1;
      }
  }
  return anchor;
}

/** The server offset a local item is ordered by: the row it stands for, or the one it was put in before. */
const orderOf = (item: unknown): number | undefined => standsFor(item) ?? insertedBefore(item);

/** > 0 while a write puts the pages it computed into the QueryClient (setQueryData is synchronous). */
let enginePuts = 0;

/** Whether page data heard now is a write's own, not the app's (decision 0072). */
export const isEnginePut = (): boolean => enginePuts > 0;

/**
 * Drops pages whose items moved from every place that holds them: `pages` from the QueryClient
 * (every list on the key asks them again), and every page `from` on from the persistent cache,
 * those only it holds included (the list scrolling there, or a warm reload, would read them at
 * their old offsets: a row twice or skipped; decision 0061). Every write path that moves rows
 * goes through it.
 */
function dropMovedPages<T>(flow: PageFlow<T>, pages: readonly number[], from: number | undefined): void {
  for (const page of pages) flow.queries.remove(page);
  if (from !== undefined) flow.cache?.forget(from);
}

/** The server total each dataset's writes know, by channel. */
const knownTotals = new WeakMap<object, KnownTotal>();

/** What `channel`'s writes of its epoch know of the server (a new record at each epoch). */
function totalsOf(channel: { epoch: number }): KnownTotal {
  const kept = knownTotals.get(channel);
  if (kept?.epoch === channel.epoch) return kept;
  const totals: KnownTotal = { epoch: channel.epoch, kept: new Set() };
  knownTotals.set(channel, totals);
  return totals;
}

function countDelta<T>(write: ItemWrite<T>): number {
  return write.kind === 'insert' ? write.items.length : write.kind === 'remove' ? -write.count : 0;
}

/** Page data with an `items` array (every source's pages have one). */
export function hasItems<T>(value: unknown): value is OffsetPage<T> {
  return typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items);
}

/**
 * The rollback of a write, run at most once and only while the writes it belongs to are still
 * pending (`epoch`): `undo` finds where its items are now and writes them back with `apply`
 * (`applyWrite`, and the waiting inserts moved with it).
 */
export function rollbackOf<T>(
  flow: PageFlow<T>,
  undo: (rope: EditRope<T>) => ItemWrite<T>[],
  apply: (flow: PageFlow<T>, write: ItemWrite<T>) => void,
): () => void {
  const channel = flow.channel;
  const epoch = channel.epoch;
  let done = false;
  return () => {
    // The list that wrote was destroyed (its component unmounted before the request failed):
    // another list with the engine on the key (the same screen's other list, or the one
    // mounted again) undoes it. With none, nothing.
    const host = flow.destroyed ? ([...(attached.get(channel) ?? [])][0] as PageFlow<T> | undefined) : flow;
    if (done || host === undefined) return;
    done = true;
    // The server's data came back since (or every list and write of the key went): nothing to undo.
    if (host.channel !== channel || channel.epoch !== epoch) return;
    for (const write of undo(channel.rope)) {
      // An index from before later removes may be past the end now.
      const count = host.layout.count;
      apply(host, write.kind === 'insert' ? { ...write, index: Math.min(write.index, count) } : write);
    }
  };
}

/** The lists with the write engine attached to each channel (a destroyed list's rollback uses one). */
const attached = new WeakMap<object, Set<PageFlow<unknown>>>();

/**
 * Counts `flow` among the lists with the engine on its channel until the function it returns runs.
 *
 * @example
 * const leave = attachWrites(flow); // on the list's first subscriber; leave() on destroy
 */
export function attachWrites<T>(flow: PageFlow<T>): () => void {
  const channel = flow.channel;
  const flows = attached.get(channel) ?? new Set();
  attached.set(channel, flows);
  flows.add(flow as PageFlow<unknown>);
  return () => flows.delete(flow as PageFlow<unknown>);
}

/** Undoes an insert: each inserted item (found by identity in the rope) is removed. */
export function undoInsert<T>(items: readonly T[]): (rope: EditRope<T>) => ItemWrite<T>[] {
  return (rope) => {
    const writes: ItemWrite<T>[] = [];
    let current = rope;
    for (const item of items) {
      const index = ropeFind(current, (local) => local === item);
      if (index === undefined) continue;
      const write: ItemWrite<T> = { kind: 'remove', index, count: 1 };
      writes.push(write);
      current = ropeAfter(current, write);
    }
    return writes;
  };
}

/**
 * One `update` of an item: the item before it, its change and the item it made; `later` is the
 * next update of the same item, made on this one's item (stacked: a like, then a star).
 */
export interface StackedUpdate<T> {
  previous: T;
  next: T;
  readonly change: (item: T) => T;
  later?: StackedUpdate<T>;
  done?: boolean;
}

/** The update that made each item (objects; the list's own item, or its copy in a page). */
const madeBy = new WeakMap<object, StackedUpdate<unknown>>();

/**
 * The update `change` makes of `previous` into `next`, stacked on the update that made
 * `previous` when that one is not rolled back.
 */
export function stackUpdate<T>(previous: T, next: T, change: (item: T) => T): StackedUpdate<T> {
  const update: StackedUpdate<T> = { previous, next, change };
  const earlier = madeByOf(previous);
  if (earlier !== undefined && !earlier.done) earlier.later = update;
  madeAs(next, update);
  return update;
}

const madeByOf = <T>(item: T): StackedUpdate<T> | undefined =>
  typeof item === 'object' && item !== null ? (madeBy.get(item) as StackedUpdate<T> | undefined) : undefined;

/** Remembers that `update` made `item` (an item shown for it: the list's own, or a page's copy). */
export function madeAs<T>(item: T | undefined, update: StackedUpdate<T> | undefined): void {
  if (update !== undefined && typeof item === 'object' && item !== null)
    madeBy.set(item, update as StackedUpdate<unknown>);
}

/**
 * Takes `update` out of its item's stack: the item it was made on gets the later updates not
 * rolled back made again (their items change). `now` is the item shown for the stack, `back`
 * the one to show instead, `last` the update that made it (undefined: none stays).
 */
export function unstack<T>(update: StackedUpdate<T>): { now: T; back: T; last?: StackedUpdate<T> } {
  update.done = true;
  let now = update.next;
  let back = update.previous;
  let last: StackedUpdate<T> | undefined;
  for (let later = update.later; later !== undefined; later = later.later) {
    if (later.done) continue;
    now = later.next;
    try {
      const next = later.change(back);
      later.previous = back;
      later.next = back = next;
      last = later;
    } catch (error) {
      // Made on the item this rollback takes back, it cannot be made without it: dropped, and
      // rollback() still returns (the app calls it from an error handler).
      later.done = true;
      console.warn('lazyflow: rollback() dropped a later update of the item: its change threw', error);
    }
  }
  madeAs(back, last);
  return { now, back, last };
}

/**
 * Undoes an update alone: the item shown for its stack (found by identity) gets the item from
 * before it with the later updates made again (a failed like rolled back keeps the star).
 */
export function undoUpdate<T>(update: StackedUpdate<T>): (rope: EditRope<T>) => ItemWrite<T>[] {
  return (rope) => {
    const { now, back } = unstack(update);
    const index = ropeFind(rope, (local) => local === now);
    return index === undefined ? [] : [{ kind: 'replace', index, item: back }];
  };
}

/** Undoes a remove: the item goes back where its server offset (or its old index) now is. */
export function undoRemove<T>(
  channel: { rope: EditRope<T>; epoch: number },
  index: number,
  item: T,
): (rope: EditRope<T>) => ItemWrite<T>[] {
  const was = ropeAt(channel.rope, index);
  // A local item goes back as itself (the list shows a structurally shared copy), so an
  // insert's rollback still finds it.
  const back = was?.kind === 'local' ? was.item : item;
  // The server row it is or stands for (an updated row): put back before the rows that stand
  // for later offsets and the inserts put in after it (decision 0078), as before the server rows
  // that follow it.
  if (was?.kind === 'server') {
    roleOf(back, STANDS_IN); // the server's row put back: no insert
    standsFor(back, was.offset);
    totalsOf(channel).kept?.add(back);
  }
  return (now) => {
    // Read now: a store found since moved it (decision 0079).
    const offset = standsFor(back);
    const at = offset === undefined ? index : ropeServerPosition(now, offset, orderOf);
    return [{ kind: 'insert', index: at, items: [back] }];
  };
}
