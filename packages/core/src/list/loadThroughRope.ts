import type { OffsetPage, OffsetSource } from '../sources/source.ts';
import {
  type EditRope,
  type RopeSegment,
  ropeJoin,
  ropeServerPosition,
  ropeSlice,
  ropeTotal,
} from '../store/editRope.ts';

/**
 * The server's total as far as the list knows it (`total`), kept by the write engine for the
 * writes of one `epoch` of a dataset: a page holding only local items asks the server nothing,
 * and still carries the display count (decision 0046).
 */
export interface KnownTotal {
  epoch: number;
  total?: number;
  /** Growth answers showed that no local item found on the server explained yet (decision 0060). */
  unexplained?: number;
  /**
   * The items the writes gave a server offset (`standsFor`, `insertedBefore`), shown or removed:
   * moved with the offsets when the server is found holding local items (decision 0079).
   */
  kept?: Set<unknown>;
}

/** A number kept for each local item (objects; others have none): set with `value`, returned. */
function kept(): (item: unknown, value?: number) => number | undefined {
  const values = new WeakMap<object, number>();
  return (item, value) => {
    if (typeof item !== 'object' || item === null) return undefined;
    if (value !== undefined) values.set(item, value);
    return values.get(item);
  };
}

/**
 * A local item standing for a server row (an update's item, a removed row put back): never a copy.
 *
 * @example
 * roleOf(updated, STANDS_IN);
 */
export const STANDS_IN = 1;

/**
 * An inserted item updated: its copy on the server is of another version; when found, the local
 * item stays shown in its place (standing for that row from then on).
 *
 * @example
 * roleOf(edited) === EDITED;
 */
export const EDITED = 2;

/**
 * Sets (with `role`) and returns the role of a local item (`STANDS_IN`, `EDITED`, or undefined
 * for an item inserted as is). Items that are not objects have none.
 *
 * @example
 * roleOf(updated, STANDS_IN); // an update's item: the server grew by no such row
 */
export const roleOf = kept();

/**
 * Sets (with `offset`) and returns the server offset a local item stands for: an update's item
 * of a server row (or of an item standing for one), a removed server row put back. A rollback
 * puts a removed row back before the rows that stand for later offsets. Items that are not
 * objects have none.
 *
 * @example
 * standsFor(updated, 41); // the update of server row 41
 */
export const standsFor = kept();

/**
 * Sets (with `offset`) and returns the server offset a local insert was put in before: just past
 * the server row before it (decision 0078). A rollback puts a removed row of a lower offset back
 * before the insert, as the user saw it. Items that are not objects have none.
 *
 * @example
 * insertedBefore(draft, 42); // put in just after server row 41
 */
export const insertedBefore = kept();

/** A rope and the one that replaced it when the server was found holding local items. */
const confirmedInto = new WeakMap<object, object>();

/** The rope now if `rope` was only replaced by confirmations since (else a write came: undefined). */
function latest<T>(rope: EditRope<T>, stored: StoredCopies<T>): EditRope<T> | undefined {
  let now: object | undefined = rope;
  while (now !== undefined && now !== stored.rope()) now = confirmedInto.get(now);
  return now as EditRope<T> | undefined;
}

/**
 * What `loadThroughRope` reads and sets to take local items the server stored as its rows
 * (decision 0055): the dataset's rope now, its replacement, and the item key.
 */
export interface StoredCopies<T> {
  rope(): EditRope<T>;
  /** The new rope; `from`: the display position from which the rows moved (pages asked again). */
  set(rope: EditRope<T>, from?: number): void;
  keyOf(item: T): string | number;
}

/**
 * Moves the server offsets kept for `items` (`standsFor`, `insertedBefore`) past the rows the
 * server was found to have stored since (`taken`: their offsets now), as `ropeStored` moves the
 * rope's: a removed row put back later goes where its row is now (decision 0079).
 *
 * @example
 * moveKept([removedRow], [0]); // standsFor(removedRow) 0 -> 1: an insert stored at the head
 */
function moveKept(items: Iterable<unknown>, taken: number[]): void {
  taken.sort((a, b) => a - b);
  for (const item of items)
    for (const offsetOf of [standsFor, insertedBefore]) {
      let offset = offsetOf(item);
      if (offset === undefined) continue;
      for (const at of taken) if (at <= offset) offset += 1;
      offsetOf(item, offset);
    }
}

/**
 * Fetches offset page `page` while local writes are pending: the server runs it covers are asked
 * in one request by the offsets the server knows (`loadSpan`), and local items are put in place.
 * The total is the display count: from the server's answer, else from `known` (which an answer
 * with a total updates). With `stored` (lists with `getItemKey`), local items the server holds
 * (the answer holds their key, or the server grew and holds them where the rope puts them) become
 * its rows where they are shown, and the page is asked again by the new offsets (decision 0055).
 */
export async function loadThroughRope<T>(
  source: OffsetSource<T>,
  rope: EditRope<T>,
  page: number,
  signal: AbortSignal,
  known?: KnownTotal,
  stored?: StoredCopies<T>,
  asked = 0,
): Promise<OffsetPage<T>> {
  const size = source.pageSize;
  const segments = ropeSlice(rope, page * size, (page + 1) * size);
  let from = Number.POSITIVE_INFINITY;
  let to = 0;
  for (const segment of segments) {
    if (segment.kind !== 'server') continue;
    from = Math.min(from, segment.start);
    to = Math.max(to, segment.start + segment.length);
  }
  const before = known?.total;
  const fetched =
    to > from && source.loadSpan !== undefined
      ? await source.loadSpan({ offset: from, limit: to - from, signal })
      : { items: [] as readonly T[], total: undefined };
  const items: T[] = [];
  for (const segment of segments) {
    if (segment.kind === 'local') items.push(...segment.items);
    else items.push(...fetched.items.slice(segment.start - from, segment.start - from + segment.length));
  }
  const unexplained = known?.unexplained ?? 0;
  const grown = fetched.total === undefined ? 0 : fetched.total - (before ?? fetched.total) + unexplained;
  // The server holds local items (the useMutation recipe's client id): they become its rows where
  // they are shown, the later offsets move, and the page is asked again by them (decision 0055);
  // so is a page asked before another page found that. The known total takes the answer's once
  // it was looked at: a page asked meanwhile sees the growth too (decision 0060).
  let now: EditRope<T> | undefined = rope;
  if (stored !== undefined) {
    const end = (page + 1) * size;
    let found: Map<T, number> | undefined = new Map<T, number>();
    if (latest(rope, stored) === rope)
      found = await storedCopies(source, rope, fetched, from, stored.keyOf, signal, { grown, end });
    // A look read another server than the answer (it stored or deleted rows between them): the
    // offsets of the two do not mix, the page is asked again; at most twice, for a server that
    // changes at every request: then nothing is taken, the growth is left to the next answers.
    if (found === undefined) {
      if (asked < 2) return loadThroughRope(source, stored.rope(), page, signal, known, stored, asked + 1);
      found = new Map();
    }
    now = latest(rope, stored);
    // A write came while an answer of a grown server was on its way: the growth is looked at
    // with the rope now (not landed by the offsets from before, one row twice; decision 0060).
    if (now === undefined && grown > 0)
      return loadThroughRope(source, stored.rope(), page, signal, known, stored);
    // A growth not explained now is still growth for the next answers (decision 0060).
    if (now === rope && known !== undefined && fetched.total !== undefined)
      known.unexplained = Math.max(0, grown - found.size);
    if (now === rope && found.size > 0) {
      // Stored since the rope's offsets were taken: the later ones move past it. Else the rope's
      // offsets count it already: it leaves its place, the pages from there are asked again; so
      // are they when pages were fetched by the offsets from before while the growth was not
      // explained (those past the copy hold every row one off).
      const next = ropeStored(rope, found, grown <= 0);
      // Offsets kept for rollbacks move as the rope's do (decision 0079).
      if (grown > 0) moveKept(known?.kept ?? [], [...found.values()]);
      for (const item of found.keys()) if (roleOf(item) === EDITED) roleOf(item, STANDS_IN);
      const moved = Math.min(...[...found.values()].map((offset) => ropeServerPosition(rope, offset)));
      confirmedInto.set(rope, next);
      stored.set(next, grown > 0 && unexplained === 0 ? undefined : moved);
    }
  }
  if (known !== undefined && fetched.total !== undefined) known.total = fetched.total;
  if (stored !== undefined && now !== undefined && stored.rope() !== rope)
    return loadThroughRope(source, stored.rope(), page, signal, known, stored);
  const server = fetched.total ?? known?.total;
  const total = server === undefined ? undefined : ropeTotal(rope, server);
  return total === undefined ? { items } : { items, total };
}

/**
 * The server total that makes `rope` show `count` items: the server offset just past the last
 * server item counted (server items cut out after it change nothing, any of those ends fits).
 *
 * @example
 * serverTotalOf(ropeInsert(serverRope(), 0, ['new']), 6); // 5
 */
export function serverTotalOf<T>(rope: EditRope<T>, count: number): number {
  let left = count;
  for (const segment of rope) if (segment.kind === 'local') left -= segment.items.length;
  for (const segment of rope) {
    if (segment.kind !== 'server') continue;
    if (left <= segment.length) return Math.max(0, segment.start + left);
    left -= segment.length;
  }
  return 0; // not reached: the last server run is endless
}

/**
 * The local items of `rope` the server holds, with their server offsets now: those whose key the
 * answer (asked from offset `from`) holds, at most `grown` (the server grew by as many);
 * when it did not grow, those at an offset the rope shows too (the same key twice; not a row the
 * rope cut out: a remove rolled back puts the server's item back as a local one); then, up to
 * `grown`, those found where the rope puts them (the offset just after the server row before
 * them, moved by the copies found before them, and the rows a remove cut out before the next
 * server run, passed over: decision 0076; one request per local run, up to display position
 * `end`). Undefined when a look read another server than the answer (another total or version:
 * the offsets of the two do not mix).
 */
async function storedCopies<T>(
  source: OffsetSource<T>,
  rope: EditRope<T>,
  { items, total, version }: OffsetPage<T>,
  from: number,
  keyOf: (item: T) => string | number,
  signal: AbortSignal,
  { grown, end }: { grown: number; end: number },
): Promise<Map<T, number> | undefined> {
  const found = new Map<T, number>();
  const local = new Map<string | number, T>();
  for (const segment of rope)
    if (segment.kind === 'local')
      for (const item of segment.items) if (roleOf(item) !== STANDS_IN) local.set(keyOf(item), item);
  items.forEach((copy, at) => {
    const item = local.get(keyOf(copy));
    if (item !== undefined && (grown > 0 ? found.size < grown : shows(rope, from + at)))
      found.set(item, from + at);
  });
  let after = 0; // the server offset just past the last server run
  let position = 0;
  let before = 0; // the copies found of the local items before this run (they moved it down)
  for (const [index, segment] of rope.entries()) {
    if (found.size >= grown || position >= end || source.loadSpan === undefined) break;
    if (segment.kind === 'server') {
      after = segment.start + segment.length;
      position += segment.length;
      continue;
    }
    position += segment.items.length;
    const at = after + before;
    // Server rows a remove cut out between the run and the next server run may still be on the
    // server, before the copies (removed after the insert): asked too, and passed over.
    const following = rope.slice(index + 1).find((s) => s.kind === 'server');
    let cut = following?.kind === 'server' ? Math.max(0, following.start - after) : 0;
    const keys = new Set(segment.items.map(keyOf));
    const there = await source.loadSpan({ offset: at, limit: segment.items.length + cut, signal });
    if (there.total !== total || there.version !== version) return undefined; // changed since the answer
    let next = 0;
    for (const item of segment.items) {
      while (cut > 0 && next < there.items.length && !keys.has(keyOf(there.items[next] as T))) {
        next++;
        cut--;
      }
      const copy = there.items[next];
      if (copy === undefined || keyOf(copy) !== keyOf(item)) continue;
      // An item standing for a server row is that row: passed, not taken.
      if (roleOf(item) !== STANDS_IN) {
        if (found.size >= grown) continue;
        found.set(item, at + next);
      }
      next++;
    }
    for (const item of segment.items) if (found.has(item)) before++;
  }
  return found;
}

/**
 * `rope` with the server's rows in place of the local items it holds (`found`: each item's server
 * offset now), shown where the items were. The server stored them since the rope's offsets were
 * taken: every other offset moves past them; or, `counted`, those offsets count them already: each
 * is cut from where it was.
 *
 * @example
 * ropeStored(ropeInsert(serverRope(), 5, [x]), new Map([[x, 5]])); // serverRope(): x is the server's row 5
 */
export function ropeStored<T>(
  rope: EditRope<T>,
  found: ReadonlyMap<T, number>,
  counted = false,
): EditRope<T> {
  const taken = [...found.values()].sort((a, b) => a - b);
  const out: RopeSegment<T>[] = [];
  for (const segment of rope) {
    if (segment.kind === 'local') {
      for (const item of segment.items) {
        const offset = found.get(item);
        // An edited insert stays shown as it is, over the server's row (taken all the same).
        out.push(
          offset === undefined || roleOf(item) === EDITED
            ? { kind: 'local', items: [item] }
            : { kind: 'server', start: offset, length: 1 },
        );
      }
      continue;
    }
    const last = segment.start + segment.length;
    for (let o = segment.start; o < last; ) {
      // The taken rows at or before `o` (moved past each one); the next one is where the run splits.
      let shift = 0;
      while (shift < taken.length && (taken[shift] as number) <= o + (counted ? 0 : shift)) shift++;
      if (counted && taken[shift - 1] === o) {
        o++;
        continue;
      }
      const next = shift < taken.length ? (taken[shift] as number) - (counted ? 0 : shift) : last;
      out.push({ kind: 'server', start: counted ? o : o + shift, length: Math.min(last, next) - o });
      o = Math.min(last, next);
    }
  }
  return ropeJoin(out);
}

/** Whether `rope` shows server offset `offset` (a remove did not cut it out). */
function shows<T>(rope: EditRope<T>, offset: number): boolean {
  return rope.some((s) => s.kind === 'server' && s.start <= offset && offset < s.start + s.length);
}
