/**
 * A run of the list as displayed: `length` items of the server starting at server offset `start`
 * (the last run is endless), or items written locally that the server does not have yet.
 *
 * @example
 * const run: RopeSegment<User> = { kind: 'local', items: [draft] };
 */
export type RopeSegment<T> =
  | { readonly kind: 'server'; readonly start: number; readonly length: number }
  | { readonly kind: 'local'; readonly items: readonly T[] };

/**
 * The displayed dataset of an offset list as server runs and local items, in display order. With
 * no local writes it is one endless server run from 0: display index = server offset. An
 * `insert` puts a local run in, a `remove` cuts display positions out (server items or local
 * ones), so a page not loaded is still asked from the server by the offsets the server knows,
 * and local items are never lost when the pages holding them are evicted.
 *
 * @example
 * let rope = serverRope<string>();
 * rope = ropeInsert(rope, 10, ['new']); // display 10 is local, display 11 is server offset 10
 * ropeSlice(rope, 10, 12); // [{ kind: 'local', items: ['new'] }, { kind: 'server', start: 10, length: 1 }]
 */
export type EditRope<T> = readonly RopeSegment<T>[];

/**
 * The rope of a list without local writes.
 *
 * @example
 * isServerOnly(serverRope()); // true
 */
export function serverRope<T>(): EditRope<T> {
  return [{ kind: 'server', start: 0, length: Number.POSITIVE_INFINITY }];
}

/**
 * Whether display indexes are server offsets (no local write is pending).
 *
 * @example
 * isServerOnly(ropeInsert(serverRope(), 0, ['a'])); // false
 */
export function isServerOnly<T>(rope: EditRope<T>): boolean {
  const [only] = rope;
  return rope.length === 1 && only?.kind === 'server' && only.start === 0;
}

const lengthOf = <T>(segment: RopeSegment<T>): number =>
  segment.kind === 'server' ? segment.length : segment.items.length;

/** The first `at` display positions of `segment`, and the rest (either may be empty). */
function splitSegment<T>(segment: RopeSegment<T>, at: number): [RopeSegment<T>[], RopeSegment<T>[]] {
  if (segment.kind === 'local') {
    const { items } = segment;
    const left: RopeSegment<T>[] = at > 0 ? [{ kind: 'local', items: items.slice(0, at) }] : [];
    const right: RopeSegment<T>[] = at < items.length ? [{ kind: 'local', items: items.slice(at) }] : [];
    return [left, right];
  }
  const { start, length } = segment;
  const left: RopeSegment<T>[] = at > 0 ? [{ kind: 'server', start, length: at }] : [];
  const right: RopeSegment<T>[] =
    at < length ? [{ kind: 'server', start: start + at, length: length - at }] : [];
  return [left, right];
}

/** The rope cut at display position `at`: what is before it and what follows. */
function cut<T>(rope: EditRope<T>, at: number): [RopeSegment<T>[], RopeSegment<T>[]] {
  const left: RopeSegment<T>[] = [];
  let position = 0;
  for (let i = 0; i < rope.length; i++) {
    const segment = rope[i] as RopeSegment<T>;
    const length = lengthOf(segment);
    if (position + length <= at) {
      left.push(segment);
      position += length;
      continue;
    }
    const [head, tail] = splitSegment(segment, at - position);
    return [
      [...left, ...head],
      [...tail, ...rope.slice(i + 1)],
    ];
  }
  return [left, []];
}

/**
 * Drops empty runs and joins neighbours that continue each other.
 *
 * @example
 * ropeJoin([{ kind: 'server', start: 0, length: 5 }, { kind: 'server', start: 5, length: 1 }]); // one run of 6
 */
export function ropeJoin<T>(segments: readonly RopeSegment<T>[]): RopeSegment<T>[] {
  const out: RopeSegment<T>[] = [];
  for (const segment of segments) {
    if (lengthOf(segment) === 0) continue;
    const last = out[out.length - 1];
    if (last?.kind === 'local' && segment.kind === 'local') {
      out[out.length - 1] = { kind: 'local', items: [...last.items, ...segment.items] };
    } else if (
      last?.kind === 'server' &&
      segment.kind === 'server' &&
      last.start + last.length === segment.start
    ) {
      out[out.length - 1] = { kind: 'server', start: last.start, length: last.length + segment.length };
    } else out.push(segment);
  }
  return out;
}

/**
 * Local `items` put in at display position `at`.
 *
 * @example
 * ropeInsert(serverRope(), 0, ['draft']); // the draft first, then server offsets 0…
 */
export function ropeInsert<T>(rope: EditRope<T>, at: number, items: readonly T[]): EditRope<T> {
  const [left, right] = cut(rope, at);
  return ropeJoin([...left, { kind: 'local', items }, ...right]);
}

/**
 * `count` display positions from `at` cut out, server items and local ones alike.
 *
 * @example
 * ropeRemove(serverRope(), 5, 1); // server 0…4, then server 6…
 */
export function ropeRemove<T>(rope: EditRope<T>, at: number, count: number): EditRope<T> {
  const [left, rest] = cut(rope, at);
  const [, right] = cut(rest, count);
  return ropeJoin([...left, ...right]);
}

/**
 * The runs that make up display positions `[start, end)`.
 *
 * @example
 * ropeSlice(ropeRemove(serverRope(), 5, 1), 0, 10); // server 0…4 (5 items), server 6…10 (5 items)
 */
export function ropeSlice<T>(rope: EditRope<T>, start: number, end: number): RopeSegment<T>[] {
  const [, rest] = cut(rope, start);
  return cut(rest, end - start)[0];
}

/**
 * The display count when the server holds `serverTotal` items.
 *
 * @example
 * ropeTotal(ropeInsert(serverRope(), 0, ['a', 'b']), 100); // 102
 */
export function ropeTotal<T>(rope: EditRope<T>, serverTotal: number): number {
  let total = 0;
  for (const segment of rope) {
    if (segment.kind === 'local') total += segment.items.length;
    else total += Math.max(0, Math.min(segment.start + segment.length, serverTotal) - segment.start);
  }
  return total;
}

/**
 * What display position `index` shows: a server offset, or a local item.
 *
 * @example
 * ropeAt(ropeInsert(serverRope(), 0, ['a']), 1); // { kind: 'server', offset: 0 }
 */
export function ropeAt<T>(
  rope: EditRope<T>,
  index: number,
): { kind: 'server'; offset: number } | { kind: 'local'; item: T } | undefined {
  const [first] = ropeSlice(rope, index, index + 1);
  if (first === undefined) return undefined;
  return first.kind === 'server'
    ? { kind: 'server', offset: first.start }
    : { kind: 'local', item: first.items[0] as T };
}

/**
 * The display position of the first local item `match` accepts, or undefined.
 *
 * @example
 * ropeFind(ropeInsert(serverRope(), 7, [draft]), (item) => item === draft); // 7
 */
export function ropeFind<T>(rope: EditRope<T>, match: (item: T) => boolean): number | undefined {
  let position = 0;
  for (const segment of rope) {
    if (segment.kind === 'local') {
      const found = segment.items.findIndex(match);
      if (found >= 0) return position + found;
    }
    position += lengthOf(segment);
  }
  return undefined;
}

/**
 * Where server offset `offset` shows, or would show were it not removed: the display position of
 * the first server item at or after it. With `orderOf`, a local item ordered by a server offset
 * (an update's item: the row it stands for; an insert: the offset it was put in before) counts
 * as that offset: the position is before the first such item of a later offset.
 *
 * @example
 * ropeServerPosition(ropeInsert(serverRope(), 0, ['a']), 4); // 5
 */
export function ropeServerPosition<T>(
  rope: EditRope<T>,
  offset: number,
  orderOf?: (item: T) => number | undefined,
): number {
  let position = 0;
  for (const segment of rope) {
    if (segment.kind === 'server') {
      if (offset < segment.start) return position;
      if (offset < segment.start + segment.length) return position + offset - segment.start;
    } else if (orderOf !== undefined) {
      for (const item of segment.items) {
        if (offset < (orderOf(item) ?? -1)) return position;
        position += 1;
      }
      continue;
    }
    position += lengthOf(segment);
  }
  return position;
}
