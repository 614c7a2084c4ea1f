import { ropeAt } from '../store/editRope.ts';
import {
  applyWrite,
  findKey,
  replaceInPage,
  rollbackOf,
  undoInsert,
  undoRemove,
  undoReplace,
} from './listWrites.ts';
import type { PageFlow } from './pageFlow.ts';
import { sendMarks, staleWritesIf, staleWritesOf } from './staleWrites.ts';
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

function destroyed(verb: string): ListWriteResult {
  return refused(new ListWriteError('destroyed', `${verb}: the list was destroyed`));
}

/** `update(key, change)` of a list: see `LazyList.update`. */
function updateItem<T>(flow: PageFlow<T>, key: string | number, change: (item: T) => T): ListWriteResult {
  if (flow.destroyed) return destroyed('update');
  if (typeof change !== 'function')
    throw new TypeError(`LazyList.update: change must be a function (item) => item; got ${typeof change}`);
  const found = findKey(flow, key);
  if (found === undefined) return unknownKey('update', key);
  const mark = sendMarks.get(change);
  if (mark === 'probe') return { ok: true, rollback: () => {} };
  const replay = (k: string | number, c: (item: T) => T) => updateItem(flow, k, c);
  if (typeof mark === 'object') {
    staleWritesOf(flow, replay).pin(key, found.item, mark.append as (items: readonly T[]) => boolean);
    return { ok: true, rollback: () => {} };
  }
  // Shown only on a stale page (decision 0040, replacing 0030's refusal): shown there now and
  // replayed by key on the fresh item when its page lands; after updates still waiting on it.
  // Without getItemKey the key is the index from before: refused, as 0030 decided.
  if (flow.store.get(found.page)?.stale || staleWritesIf(flow)?.isWaiting(key))
    return flow.o.getItemKey === undefined
      ? stale(`update(${show(key)})`, { key })
      : staleWritesOf(flow, replay).update(key, found, change, mark === 'confirm');
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
  if (source.kind !== 'offset') {
    if (!replaceInPage(flow, found.page, found.offset, next))
      return { result: unknownKey('update', key), next };
    let done = false;
    const rollback = () => {
      if (done || flow.destroyed) return;
      done = true;
      // Found by key: the QueryClient keeps a structurally shared copy of `next`, not `next`.
      const now = flow.o.getItemKey === undefined ? undefined : findKey(flow, flow.o.getItemKey(next));
      if (now !== undefined) replaceInPage(flow, now.page, now.offset, previous);
    };
    return { result: { ok: true, rollback }, next };
  }
  applyWrite(flow, { kind: 'replace', index, item: next });
  return { result: { ok: true, rollback: rollbackOf(flow, undoReplace(next, previous)) }, next };
}

/** `insert(index, items)` of a list: see `LazyList.insert`. */
function insertItems<T>(flow: PageFlow<T>, index: number, items: readonly T[]): ListWriteResult {
  if (flow.destroyed) return destroyed('insert');
  if (!Array.isArray(items))
    throw new TypeError(
      `LazyList.insert: items must be an array; got ${items === null ? 'null' : typeof items}`,
    );
  const source = flow.o.source;
  if (source.kind !== 'offset') {
    const message = `insert(${index}): needs an offset source, not ${source.kind}`;
    return refused(new ListWriteError('unsupported', message, { index }));
  }
  const count = flow.layout.count;
  if (!Number.isInteger(index) || index < 0 || index > count) {
    const message = `insert(${index}): the index must be an integer from 0 to the count, ${count}`;
    return refused(new ListWriteError('out-of-range', message, { index }));
  }
  const page = Math.floor(index / source.pageSize);
  const newPageAtEnd = index === count && index % source.pageSize === 0;
  if (flow.store.get(page)?.items === undefined && !newPageAtEnd) {
    const message = `insert(${index}): page ${page} is not loaded`;
    return refused(new ListWriteError('not-loaded', message, { index }));
  }
  // The new items go after the item before `index` (an insert at 0 has none: it goes to the
  // top whatever the server changed). That item, or the page at `index` when its page is not
  // held, must be the server's now; with neither held, the place comes from the count, which is
  // the server's only once a fresh page holds it (after refresh() it is the one from before).
  const before = flow.store.get(Math.floor((index - 1) / source.pageSize));
  const near = before?.items ? before : flow.store.get(page);
  if (index > 0 && (near?.items ? near.stale : ![...flow.store.values()].some((p) => p.items && !p.stale)))
    return stale(`insert(${index})`, { index });
  if (items.length === 0) return { ok: true, rollback: () => {} };
  applyWrite(flow, { kind: 'insert', index, items });
  return { ok: true, rollback: rollbackOf(flow, undoInsert(items)) };
}

/** `remove(key)` of a list: see `LazyList.remove`. */
function removeItem<T>(flow: PageFlow<T>, key: string | number): ListWriteResult {
  if (flow.destroyed) return destroyed('remove');
  const source = flow.o.source;
  if (source.kind !== 'offset') {
    const message = `remove(${show(key)}): needs an offset source, not ${source.kind}`;
    return refused(new ListWriteError('unsupported', message, { key }));
  }
  const found = findKey(flow, key);
  if (found === undefined) return unknownKey('remove', key);
  if (flow.store.get(found.page)?.stale) return stale(`remove(${show(key)})`, { key });
  const index = found.page * source.pageSize + found.offset;
  const undo = undoRemove(flow.channel.rope, index, found.item);
  applyWrite(flow, { kind: 'remove', index, count: 1 });
  return { ok: true, rollback: rollbackOf(flow, undo) };
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
export const listWrites: ListWrites = { update: updateItem, insert: insertItems, remove: removeItem };
