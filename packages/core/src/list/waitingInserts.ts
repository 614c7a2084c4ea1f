import { collect } from '../paging/offsetLayout.ts';
import { ropeFind } from '../store/editRope.ts';
import type { ItemState } from '../store/itemState.ts';
import type { ItemWrite } from '../store/itemWrites.ts';
import type { SnapshotLayout } from './listSnapshot.ts';
import { findKey } from './listWrites.ts';
import { roleOf, STANDS_IN } from './loadThroughRope.ts';
import type { PageFlow } from './pageFlow.ts';
import { ListWriteError, type ListWriteResult, refused } from './writeResult.ts';

type Key = string | number;

/**
 * A write made while its place was shown only on stale rows (decisions 0040 and 0041), waiting
 * outside the rope for a fresh copy of `key`: the item to update or remove, or the neighbour an
 * insert goes next to (`after` it, or before it).
 *
 * @internal
 */
export type WaitingWrite<T> =
  | {
      readonly kind: 'update';
      readonly key: Key;
      readonly change: (item: T) => T;
      readonly confirmed: boolean;
    }
  | { readonly kind: 'remove'; readonly key: Key }
  | {
      readonly kind: 'insert';
      /** The neighbour's key; null: at the end, once a fresh page gives the count. */
      readonly key: Key | null;
      readonly after: boolean;
      readonly items: readonly T[];
      /** The list's own index it was given at: where it goes when its neighbour is gone. */
      readonly index: number;
    };

/**
 * An insert found waiting for the page at its index (its neighbour held by no list, decision
 * 0048), with the key's write channel and its epoch then: it ends once they are forgotten.
 *
 * @internal
 */
export interface Parked {
  parked?: { readonly channel: object; readonly epoch: number };
}

/**
 * An insert waiting for the page at its index (decision 0048) whose rollback window ended: the
 * key's local writes were forgotten since (`refresh()`, an invalidation: the server's data is
 * wanted again, and a placed insert would be forgotten too), decision 0052.
 *
 * @example
 * if (forgotten(waiting, flow.channel)) waiting.settle(notLoaded(waiting.write));
 */
export function forgotten(waiting: Parked, channel: { readonly epoch: number }): boolean {
  const parked = waiting.parked;
  if (parked === undefined) return false;
  // A channel made again (every list had let go of the key, nothing written): nothing forgotten.
  if (parked.channel !== channel) waiting.parked = { channel, epoch: channel.epoch };
  return parked.channel === channel && parked.epoch !== channel.epoch;
}

/**
 * The end of an insert {@link forgotten} while it waited for its page (decision 0052).
 *
 * @example
 * notLoaded(write); // { ok: false, error: { reason: 'not-loaded', index: 8 } }
 */
export function notLoaded<T>(write: WaitingWrite<T>): ListWriteResult {
  const index = write.kind === 'insert' ? write.index : -1;
  const message = `insert(${index}): its page was not loaded again before a refresh or invalidation; not applied`;
  return refused(new ListWriteError('not-loaded', message, { index }));
}

/**
 * A waiting insert's own index after a rope write (decision 0052): moved with the rows after the
 * write, as any row; on the write's own index only when the insert was made `before` the write
 * (applying them in order puts the later one above).
 *
 * @example
 * shiftedIndex(8, { kind: 'insert', index: 0, items: [n2] }, true); // 9
 */
export function shiftedIndex<T>(index: number, write: ItemWrite<T>, before: boolean): number {
  if (write.kind === 'insert' && (index > write.index || (index === write.index && before)))
    return index + write.items.length;
  if (write.kind === 'remove' && index > write.index) return Math.max(write.index, index - write.count);
  return index;
}

/** Items of waiting inserts shown just before the list's own row `at`. */
interface Block<T> {
  readonly at: number;
  items: readonly T[];
}

/**
 * Where a list shows the waiting inserts of its key, in its own indexes (decision 0048): next to
 * the row with the neighbour's key, or where that row was when a waiting remove hides it (`shown`:
 * the stale pages' items before and after the waiting writes; the remove is replayed after).
 *
 * @example
 * const blocks = waitingBlocks(flow, queue.map(({ write }) => write), shown);
 */
export function waitingBlocks<T>(
  flow: PageFlow<T>,
  writes: readonly WaitingWrite<T>[],
  shown: ReadonlyMap<number, { readonly base: readonly T[]; readonly items: readonly T[] }>,
): Block<T>[] {
  const size = flow.o.source.kind === 'offset' ? flow.o.source.pageSize : 0;
  const keyOf = flow.o.getItemKey as (item: T) => Key;
  return placeInserts(writes, flow.layout.count, keyOf, (key, after) => {
    const found = findKey(flow, key);
    if (found !== undefined) return found.page * size + found.offset + (after ? 1 : 0);
    for (const [page, { base, items }] of shown) {
      const at = base.findIndex((item) => keyOf(item) === key);
      const kept = new Set(items.map(keyOf));
      if (at >= 0) return page * size + base.slice(0, at).filter((item) => kept.has(keyOf(item))).length;
    }
    return undefined;
  });
}

/**
 * Where the list's data (the edit rope) has the row with `key` that the list inserted itself, held
 * on a page or not: a waiting insert beside it goes next to it at once (decision 0077; a just-placed
 * waiting insert's item is often on a page no list holds). Undefined for any other key (a server
 * row, an updated one: found on the pages, or gone).
 *
 * @example
 * const at = insertedAt(flow, 'n1'); // n1 placed at row 6, page 2 not held: 6
 */
export function insertedAt<T>(flow: PageFlow<T>, key: Key): number | undefined {
  const keyOf = flow.o.getItemKey as (item: T) => Key;
  return ropeFind(flow.channel.rope, (item) => keyOf(item) === key && roleOf(item) !== STANDS_IN);
}

/**
 * Whether an insert whose neighbour no list holds can go to its index now: the page there is
 * loaded, or it starts a new page at the end (decision 0048: else it waits, shown there).
 *
 * @example
 * if (placeable(flow, write.index)) replay(write);
 */
export function placeable<T>(flow: PageFlow<T>, index: number): boolean {
  const size = flow.o.source.kind === 'offset' ? flow.o.source.pageSize : 1;
  const count = flow.layout.count;
  const at = Math.min(index, count);
  return flow.store.get(Math.floor(at / size))?.items !== undefined || (at === count && at % size === 0);
}

/**
 * Where the waiting inserts show (decision 0048): next to their neighbour's row (`placeOf` gives
 * the list's own index beside it, or a waiting insert's item), else at their index, in the order
 * their replay will put them, so nothing moves when they are replayed: after the same row, the
 * later insert goes first; before it (or at the end), last. Waiting updates and removes of their
 * items are shown on them.
 *
 * @example
 * placeInserts([{ kind: 'insert', key: 's1', after: true, items: [n1], index: 2 }], 5, keyOf, placeOf); // [{ at: 2, items: [n1] }]
 */
function placeInserts<T>(
  writes: readonly WaitingWrite<T>[],
  count: number,
  keyOf: (item: T) => Key,
  placeOf: (key: Key, after: boolean) => number | undefined,
): Block<T>[] {
  const blocks: Block<T>[] = [];
  for (const write of writes) {
    const { key } = write;
    const inBlock =
      key === null ? undefined : blocks.find((b) => b.items.some((item) => keyOf(item) === key));
    if (inBlock !== undefined) {
      const next = inBlock.items.slice();
      const j = next.findIndex((item) => keyOf(item) === key);
      if (write.kind === 'update') next[j] = write.change(next[j] as T);
      else if (write.kind === 'remove') next.splice(j, 1);
      else next.splice(j + (write.after ? 1 : 0), 0, ...write.items);
      inBlock.items = next;
      continue;
    }
    if (write.kind !== 'insert') continue;
    const { after, items } = write;
    const found = key === null ? undefined : placeOf(key, after);
    const at = Math.min(found ?? (key === null ? count : write.index), count);
    const first = key !== null && (after || found === undefined);
    const i = blocks.findIndex((b) => b.at >= at);
    const same = blocks[i];
    if (same?.at === at) same.items = first ? [...items, ...same.items] : [...same.items, ...items];
    else blocks.splice(i < 0 ? blocks.length : i, 0, { at, items });
  }
  return blocks;
}

/**
 * The layout a snapshot reads with the waiting inserts shown: their items at their places, the
 * rows after them shifted, the count grown by them. The layout itself when there are none.
 *
 * @example
 * const shown = showInserts(layout, [{ at: 2, items: [n1] }]); // shown.count === layout.count + 1
 */
export function showInserts<T>(layout: SnapshotLayout<T>, blocks: readonly Block<T>[]): SnapshotLayout<T> {
  if (blocks.length === 0) return layout;
  const added = blocks.reduce((sum, b) => sum + b.items.length, 0);
  return {
    count: layout.count + added,
    countKind: layout.countKind,
    prependedCount: layout.prependedCount,
    reachedStart: layout.reachedStart,
    reachedEnd: layout.reachedEnd,
    reader(pages) {
      const base = layout.reader(pages);
      const getItem = (index: number): ItemState<T> => {
        const at = shownAt(blocks, index);
        return typeof at === 'number' ? base.getItem(at) : { status: 'loaded', item: at.item };
      };
      return { getItem, getItemKey: (index) => index, getRange: (from, to) => collect(getItem, from, to) };
    },
  };
}

/** What shows at `index`: the list's own row (its index there) or a waiting insert's item. */
function shownAt<T>(blocks: readonly Block<T>[], index: number): number | { item: T; at: number } {
  let shift = 0;
  for (const { at, items } of blocks) {
    const start = at + shift;
    if (index < start) break;
    if (index < start + items.length) return { item: items[index - start] as T, at };
    shift += items.length;
  }
  return index - shift;
}

/**
 * Where `insert(index)` of a row the user sees goes: after a waiting insert's item shown just
 * above it (its key, and the list's own index it shows at), or at the list's own index with the
 * shown waiting items taken off.
 *
 * @example
 * shownPlace([{ at: 2, items: [n1] }], 3, keyOf); // { key: 'n1', index: 2 }: after n1
 */
export function shownPlace<T>(
  blocks: readonly Block<T>[],
  index: number,
  keyOf: (item: T) => Key,
): { readonly key?: Key; readonly index: number } {
  const above = index > 0 ? shownAt(blocks, index - 1) : 0;
  if (typeof above !== 'number') return { key: keyOf(above.item), index: above.at };
  let shift = 0;
  for (const { at, items } of blocks) if (at + shift < index) shift += items.length;
  return { index: index - shift };
}
