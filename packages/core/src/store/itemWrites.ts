import { type EditRope, ropeInsert, ropeRemove } from './editRope.ts';

/**
 * A local change of the displayed items, in display indexes: `insert` puts items in before
 * `index`, `remove` takes `count` items out from `index`, `replace` swaps one item.
 *
 * @example
 * const write: ItemWrite<User> = { kind: 'replace', index: 42, item: { ...user, liked: true } };
 */
export type ItemWrite<T> =
  | { readonly kind: 'insert'; readonly index: number; readonly items: readonly T[] }
  | { readonly kind: 'remove'; readonly index: number; readonly count: number }
  | { readonly kind: 'replace'; readonly index: number; readonly item: T };

/**
 * The rope after a write (a replace is a remove and an insert at the same place).
 *
 * @example
 * ropeAfter(serverRope(), { kind: 'remove', index: 3, count: 1 });
 */
export function ropeAfter<T>(rope: EditRope<T>, write: ItemWrite<T>): EditRope<T> {
  if (write.kind === 'insert') return ropeInsert(rope, write.index, write.items);
  if (write.kind === 'remove') return ropeRemove(rope, write.index, write.count);
  return ropeInsert(ropeRemove(rope, write.index, 1), write.index, [write.item]);
}

/**
 * The count after a write.
 *
 * @example
 * countAfter({ kind: 'insert', index: 0, items: ['a', 'b'] }, 10); // 12
 */
export function countAfter<T>(write: ItemWrite<T>, count: number): number {
  if (write.kind === 'insert') return count + write.items.length;
  if (write.kind === 'remove') return Math.max(0, count - write.count);
  return count;
}

/** Where display index `index` takes its item from after `write`: an index before it, or a written item. */
function origin<T>(write: ItemWrite<T>, index: number): { old: number } | { item: T } {
  const at = write.index;
  if (index < at) return { old: index };
  if (write.kind === 'insert') {
    const k = write.items.length;
    return index < at + k ? { item: write.items[index - at] as T } : { old: index - k };
  }
  if (write.kind === 'remove') return { old: index + write.count };
  return index === at ? { item: write.item } : { old: index };
}

/** What pages a write changed: their items now, and the held pages that could not be recomputed. */
export interface RewrittenPages<T> {
  readonly pages: ReadonlyMap<number, readonly T[]>;
  /** Held pages whose items moved but are not all held any more: drop them (fetched again when needed). */
  readonly dropped: readonly number[];
  /** The first page the write touched; with `last`, the pages whose content changed (`last` Infinity: every later page). */
  readonly first: number;
  readonly last: number;
}

/**
 * Recomputes the held pages (fixed `pageSize` pages of display indexes) after a write: from the
 * write's page on, each page is composed from the items held before; a held page needing an item
 * nobody holds is dropped, and a page not held that the written items fill is created. `count`
 * is the count before the write when it is exact; without it pages end where held data ends.
 *
 * @example
 * rewritePages(new Map([[0, ['a', 'b']], [1, ['c']]]), 2, { kind: 'remove', index: 0, count: 1 }, 3);
 * // pages: 0 → ['b', 'c']; dropped: [1] (emptied: past the end now)
 */
export function rewritePages<T>(
  held: ReadonlyMap<number, readonly T[]>,
  pageSize: number,
  write: ItemWrite<T>,
  count: number | undefined,
): RewrittenPages<T> {
  const first = Math.floor(write.index / pageSize);
  const last = write.kind === 'replace' ? first : Number.POSITIVE_INFINITY;
  const total = count === undefined ? undefined : countAfter(write, count);
  const candidates = new Set<number>();
  for (const page of held.keys()) if (page >= first && page <= last) candidates.add(page);
  if (write.kind === 'insert') {
    const spill = Math.ceil(write.items.length / pageSize);
    for (let page = first; page <= first + spill; page++) candidates.add(page);
  }
  const before = (index: number): { item: T } | 'end' | 'missing' => {
    const items = held.get(Math.floor(index / pageSize));
    if (items === undefined) return 'missing';
    const offset = index % pageSize;
    return offset < items.length ? { item: items[offset] as T } : 'end';
  };
  const pages = new Map<number, readonly T[]>();
  const dropped: number[] = [];
  for (const page of [...candidates].sort((a, b) => a - b)) {
    const items = compose(page, pageSize, total, (index) => {
      const from = origin(write, index);
      return 'item' in from ? from : before(from.old);
    });
    // A page emptied past the end no longer exists (page 0 stays: an empty list is loaded).
    if (items !== null && (items.length > 0 || page === 0)) pages.set(page, items);
    else if (held.has(page)) dropped.push(page);
  }
  return { pages, dropped, first, last };
}

/** The items of `page`, or null when one of them is not held. */
function compose<T>(
  page: number,
  pageSize: number,
  total: number | undefined,
  itemAt: (index: number) => { item: T } | 'end' | 'missing',
): T[] | null {
  const items: T[] = [];
  const end = Math.min((page + 1) * pageSize, total ?? Number.POSITIVE_INFINITY);
  for (let index = page * pageSize; index < end; index++) {
    const found = itemAt(index);
    if (found === 'missing') return null;
    if (found === 'end') break;
    items.push(found.item);
  }
  return items;
}
