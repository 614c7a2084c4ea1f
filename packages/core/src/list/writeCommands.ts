import { ropeAt } from '../store/editRope.ts';
import type { ItemWrite } from '../store/itemWrites.ts';
import { holdingReplays, shiftWaiting } from './keyWrites.ts';
import {
  applyWrite,
  attachWrites,
  findKey,
  madeAs,
  replaceInPage,
  rollbackOf,
  serverCounted,
  stackUpdate,
  undoInsert,
  undoRemove,
  undoUpdate,
  unstack,
} from './listWrites.ts';
import { applyHeldPages, watchPageData } from './pageDataWrites.ts';
import type { PageFlow } from './pageFlow.ts';
import { sendMarks } from './sentPins.ts';
import { staleWritesIf, staleWritesOf } from './staleWrites.ts';
import { insertedAt, type WaitingWrite } from './waitingInserts.ts';
import { ListWriteError, type ListWriteResult, type ListWrites, refused } from './writeResult.ts';

const show = (key: string | number): string => JSON.stringify(key);

function unknownKey(verb: string, key: string | number): ListWriteResult {
  const message = `${verb}: no loaded item has key ${show(key)} (without getItemKey, the key is the index)`;
  return refused(new ListWriteError('unknown-key', message, { key }));
}

/**
 * The refusal of a write whose place is known only from data shown stale (kept through
 * `refresh()`, an invalidation, a dataset move or a failed refetch, or read from the persistent
 * cache): its index is the one from before, so the write would land on the row the server has
 * there now (decision 0030).
 */
function stale(what: string, at: { key?: string | number; index?: number }): ListWriteResult {
  return refused(new ListWriteError('stale', `${what}: shown stale until its page is fetched again`, at));
}

/** A rope write; the waiting inserts' indexes move with it first (decision 0052: no publish between). */
function write<T>(flow: PageFlow<T>, change: ItemWrite<T>): void {
  shiftWaiting(flow, change);
  holdingReplays(flow, () => applyWrite(flow, change));
}

function destroyed(verb: string): ListWriteResult {
  return refused(new ListWriteError('destroyed', `${verb}: the list was destroyed`));
}

/** `update(key, change)` of a list: see `LazyList.update`. */
function updateItem<T>(flow: PageFlow<T>, key: string | number, change: (item: T) => T): ListWriteResult {
  if (flow.destroyed) return destroyed('update');
  applyHeldPages(flow); // the app's page writes of this tick first: indexes are read after them
  if (typeof change !== 'function')
    throw new TypeError(`LazyList.update: change must be a function (item) => item; got ${typeof change}`);
  const found = findKey(flow, key);
  const mark = sendMarks.get(change);
  // An item of a waiting insert, shown (decision 0048): the update waits behind the insert.
  if (found === undefined && mark === undefined && staleWritesIf(flow)?.isShown(key))
    return wait(flow, { kind: 'update', key, change, confirmed: false }, `update(${show(key)})`);
  if (found === undefined) return unknownKey('update', key);
  if (mark === 'probe') return { ok: true, rollback: () => {} };
  if (typeof mark === 'object') {
    const append = mark.append as (items: readonly T[]) => boolean;
    staleWritesOf(flow, replayOf(flow)).pin(key, found.item, append);
    return { ok: true, rollback: () => {} };
  }
  // Shown only on a stale page (decision 0040, replacing 0030's refusal): shown there now and
  // replayed by key on the fresh item when its page lands; after writes still waiting on it.
  // Without getItemKey the key is the index from before: refused, as 0030 decided.
  if (waits(flow, found.page, key))
    return wait(flow, { kind: 'update', key, change, confirmed: mark === 'confirm' }, `update(${show(key)})`);
  // The server's copy may carry another key than the sent item's: the pin learns it is confirmed
  // before this write publishes, or that publish finds no row with the client id and puts the
  // sent item back at the end, beside the server's copy.
  if (mark === 'confirm') staleWritesIf(flow)?.wrote(key, change(found.item), true);
  const { result, next } = writeFresh(flow, key, found, change);
  if (result.ok) staleWritesIf(flow)?.wrote(key, next, mark === 'confirm');
  return result;
}

/** `update` of an item found on a fresh page. */
function writeFresh<T>(
  flow: PageFlow<T>,
  key: string | number,
  found: { page: number; offset: number; item: T },
  change: (item: T) => T,
): { result: ListWriteResult; next: T } {
  const source = flow.o.source;
  const index = source.kind === 'offset' ? found.page * source.pageSize + found.offset : -1;
  // A locally written item is kept as itself (the list shows a structurally shared copy), so
  // the rollback of its insert still finds it after this update is rolled back.
  const local = index >= 0 ? ropeAt(flow.channel.rope, index) : undefined;
  const previous = local?.kind === 'local' ? local.item : found.item;
  const next = change(previous);
  // Stacked on an earlier update of the item: a rollback undoes its own change only.
  const update = stackUpdate(previous, next, change);
  if (source.kind !== 'offset') {
    if (!replaceInPage(flow, found.page, found.offset, next))
      return { result: unknownKey('update', key), next };
    // Found by key: the QueryClient keeps a structurally shared copy of `next`, not `next`.
    const { getItemKey } = flow.o;
    const shown = () => (getItemKey === undefined ? undefined : findKey(flow, getItemKey(next)));
    madeAs(shown()?.item, update);
    let done = false;
    const rollback = () => {
      if (done || flow.destroyed) return;
      done = true;
      const now = shown();
      if (now === undefined) return;
      const { back, last } = unstack(update);
      if (replaceInPage(flow, now.page, now.offset, back)) madeAs(shown()?.item, last);
    };
    return { result: { ok: true, rollback }, next };
  }
  applyWrite(flow, { kind: 'replace', index, item: next });
  return { result: { ok: true, rollback: rollbackOf(flow, undoUpdate(update), write) }, next };
}

/** `insert(index, items)` of a list: see `LazyList.insert`. */
function insertItems<T>(flow: PageFlow<T>, index: number, items: readonly T[]): ListWriteResult {
  if (flow.destroyed) return destroyed('insert');
  applyHeldPages(flow);
  if (!Array.isArray(items))
    throw new TypeError(
      `LazyList.insert: items must be an array; got ${items === null ? 'null' : typeof items}`,
    );
  const source = flow.o.source;
  if (source.kind !== 'offset') {
    const message = `insert(${index}): needs an offset source, not ${source.kind}`;
    return refused(new ListWriteError('unsupported', message, { index }));
  }
  // The waiting inserts are shown (decision 0048): `index` is among the rows the user sees.
  const shown = staleWritesIf(flow)?.place(index);
  const count = shown?.count ?? flow.layout.count;
  if (!Number.isInteger(index) || index < 0 || index > count) {
    const message = `insert(${index}): the index must be an integer from 0 to the count, ${count}`;
    return refused(new ListWriteError('out-of-range', message, { index }));
  }
  const at = shown?.at ?? { index };
  // Just below a waiting insert's item: after it, by its key, once it is replayed.
  if (at.key !== undefined)
    return items.length === 0
      ? { ok: true, rollback: () => {} }
      : wait(flow, { kind: 'insert', key: at.key, after: true, items, index: at.index }, '');
  return insertOwn(flow, at.index, items, index);
}

/** `insert` at the list's own index `index` (`asked`: the index the user gave, for messages). */
function insertOwn<T>(flow: PageFlow<T>, index: number, items: readonly T[], asked = index): ListWriteResult {
  const source = flow.o.source;
  const size = source.kind === 'offset' ? source.pageSize : 1;
  const count = flow.layout.count;
  const page = Math.floor(index / size);
  const newPageAtEnd = index === count && index % size === 0;
  if (flow.store.get(page)?.items === undefined && !newPageAtEnd) {
    const message = `insert(${asked}): page ${page} is not loaded`;
    return refused(new ListWriteError('not-loaded', message, { index: asked }));
  }
  // The new items go after the item before `index` (an insert at 0 has none: it goes to the
  // top whatever the server changed). That item, or the page at `index` when its page is not
  // held, must be the server's now; with neither held, the place comes from the count, which is
  // the server's only once a fresh page holds a server row (after refresh() it is the one from
  // before; a page of local items only asked the server nothing).
  const before = flow.store.get(Math.floor((index - 1) / size));
  const near = before?.items ? before : flow.store.get(page);
  if (index > 0 && (near?.items ? near.stale : !serverCounted(flow))) {
    // Shown stale (decision 0041): the items go next to the neighbour shown there, by its key,
    // when its page lands: after the row before `index` (after the page's last row when a
    // waiting remove left it short), else before the row at `index`. With neither held
    // (`index === count` on a page boundary) they go at the end, once a fresh page gives the count.
    const getItemKey = flow.o.getItemKey;
    if (getItemKey === undefined) return stale(`insert(${asked})`, { index: asked });
    if (items.length === 0) return { ok: true, rollback: () => {} };
    const shown = near?.items ?? [];
    const offset = (near === before ? index - 1 : index) % size;
    const neighbour = shown[Math.min(offset, shown.length - 1)];
    const write: WaitingWrite<T> =
      neighbour === undefined
        ? { kind: 'insert', key: null, after: true, items, index }
        : {
            kind: 'insert',
            key: getItemKey(neighbour),
            after: near === before || offset >= shown.length,
            items,
            index,
          };
    return wait(flow, write, '');
  }
  if (items.length === 0) return { ok: true, rollback: () => {} };
  return insertAt(flow, index, items);
}

function insertAt<T>(flow: PageFlow<T>, index: number, items: readonly T[]): ListWriteResult {
  write(flow, { kind: 'insert', index, items });
  return { ok: true, rollback: rollbackOf(flow, undoInsert(items), write) };
}

/** `remove(key)` of a list: see `LazyList.remove`. */
function removeItem<T>(flow: PageFlow<T>, key: string | number): ListWriteResult {
  if (flow.destroyed) return destroyed('remove');
  applyHeldPages(flow);
  const source = flow.o.source;
  if (source.kind !== 'offset') {
    const message = `remove(${show(key)}): needs an offset source, not ${source.kind}`;
    return refused(new ListWriteError('unsupported', message, { key }));
  }
  const found = findKey(flow, key);
  if (found === undefined && staleWritesIf(flow)?.isShown(key))
    return wait(flow, { kind: 'remove', key }, `remove(${show(key)})`);
  if (found === undefined) return unknownKey('remove', key);
  // Shown only on a stale page (decision 0041): hidden there now, removed by key when it lands.
  if (waits(flow, found.page, key)) return wait(flow, { kind: 'remove', key }, `remove(${show(key)})`);
  return removeFound(flow, found);
}

function removeFound<T>(
  flow: PageFlow<T>,
  found: { page: number; offset: number; item: T },
): ListWriteResult {
  const size = flow.o.source.kind === 'offset' ? flow.o.source.pageSize : 0;
  const index = found.page * size + found.offset;
  const undo = undoRemove(flow.channel, index, found.item);
  write(flow, { kind: 'remove', index, count: 1 });
  return { ok: true, rollback: rollbackOf(flow, undo, write) };
}

/** Whether a write on `key` (found on `page`) waits for a fresh copy (decisions 0040, 0041). */
function waits<T>(flow: PageFlow<T>, page: number, key: string | number): boolean {
  return flow.store.get(page)?.stale === true || staleWritesIf(flow)?.isWaiting(key) === true;
}

/** A write shown only on stale rows waits outside the rope; without getItemKey it is refused (0030). */
function wait<T>(flow: PageFlow<T>, write: WaitingWrite<T>, what: string): ListWriteResult {
  if (flow.o.getItemKey === undefined) return stale(what, { key: write.key ?? undefined });
  return staleWritesOf(flow, replayOf(flow)).wait(write);
}

/**
 * A waiting write, replayed on the fresh copy of its key; when no page holds the key once nothing
 * is stale, an update or remove ends with an error value, an insert goes to its index.
 */
function replayOf<T>(flow: PageFlow<T>): (write: WaitingWrite<T>) => ListWriteResult {
  return (write) => {
    const found = write.key === null ? undefined : findKey(flow, write.key);
    const source = flow.o.source;
    if (write.kind === 'insert') {
      // At the end: a fresh page gave the count. Its neighbour gone: at its index, if it may go there.
      if (write.key === null) return insertAt(flow, flow.layout.count, write.items);
      // Beside a row it inserted itself: where its data has it, held on a page or not (decision 0077).
      const own = insertedAt(flow, write.key);
      if (own !== undefined) return insertAt(flow, own + (write.after ? 1 : 0), write.items);
      if (found === undefined || source.kind !== 'offset')
        return insertOwn(flow, Math.min(write.index, flow.layout.count), write.items);
      return insertAt(flow, found.page * source.pageSize + found.offset + (write.after ? 1 : 0), write.items);
    }
    if (found === undefined) {
      const message = `${write.kind}(${show(write.key)}): waited for a refetch that no longer holds the key; not applied`;
      return refused(new ListWriteError('unknown-key', message, { key: write.key }));
    }
    if (write.kind === 'remove') return removeFound(flow, found);
    const { result, next } = writeFresh(flow, write.key, found, write.change);
    if (result.ok) staleWritesIf(flow)?.wrote(write.key, next, write.confirmed);
    return result;
  };
}

/**
 * The write engine: `update`, `insert` and `remove` with rollback for the lists created with
 * `{ writes: listWrites }` (decision 0011). A list without it stays read-only and pays nothing
 * for the edit rope.
 *
 * @example
 * import { listWrites } from '@lazyflow/core/writes';
 * const list = createLazyList<User>({ key: ['users'], source, getItemKey: (u) => u.id, writes: listWrites });
 * const { rollback } = list.update('u-7', (user) => ({ ...user, liked: true }));
 */
export const listWrites: ListWrites = {
  update: updateItem,
  insert: insertItems,
  remove: removeItem,
  // Every list with the engine shows the waiting writes of its key (decision 0045).
  // The app's page data with more or fewer items is the writes it stands for (decision 0072).
  attach: <T>(flow: PageFlow<T>) => {
    const overlay = staleWritesOf(flow, replayOf(flow));
    const unwatch = watchPageData(flow, write);
    const leave = attachWrites(flow);
    return () => {
      overlay.leave();
      unwatch();
      leave();
    };
  },
};
