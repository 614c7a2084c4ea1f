// The pure part of chunking: which rule, when a chunk closes, and chunking a whole array.
// `createChunker` (stateful, timers) and `chunk` (async iteration) reuse these decisions, so
// chunking a stream item by item gives exactly the chunks `chunkItems` gives for the whole list.

import { assertFunction, assertObject, assertPositiveInteger, optionError } from '../options.ts';
import { estimateValueBytes } from '../store/estimateBytes.ts';

/**
 * A chunk of `count` items (the last one may be shorter).
 *
 * @example
 * chunk(events, { count: 100 });
 */
export interface CountRule {
  readonly count: number;
  readonly bytes?: never;
  readonly boundary?: never;
  readonly ms?: never;
}

/**
 * A chunk of at most `bytes` (one item larger than `bytes` makes a chunk of its own).
 *
 * @example
 * chunk(events, { bytes: 65_536, sizeOf: (e) => utf8Length(JSON.stringify(e)) });
 */
export interface BytesRule<T> {
  readonly bytes: number;
  /** Size of one item. Default: its estimated in-memory size (`estimateValueBytes`). */
  readonly sizeOf?: (item: T) => number;
  readonly count?: never;
  readonly boundary?: never;
  readonly ms?: never;
}

/**
 * A new chunk starts at every item for which `boundary(item, previous)` is true.
 *
 * @example
 * chunk(events, { boundary: (e, previous) => e.day !== previous.day });
 */
export interface BoundaryRule<T> {
  readonly boundary: (item: T, previous: T) => boolean;
  readonly count?: never;
  readonly bytes?: never;
  readonly ms?: never;
}

/**
 * A chunk holds the items that arrived within `ms` of its first item.
 *
 * @example
 * chunk(events, { ms: 1000 });
 */
export interface TimeRule {
  readonly ms: number;
  readonly count?: never;
  readonly bytes?: never;
  readonly boundary?: never;
}

/**
 * How items are grouped: exactly one of `count`, `bytes`, `boundary` or `ms`.
 *
 * @example
 * const perSection: ChunkRule<Heading> = { boundary: (h) => h.level === 1 };
 */
export type ChunkRule<T> = CountRule | BytesRule<T> | BoundaryRule<T> | TimeRule;

/**
 * Why a chunk was closed: its rule (`count`, `bytes`, `boundary`, `ms`), an explicit `flush()`,
 * the end of the stream, or a failure (`error`) or abort (`abort`) of the stream, after which
 * the items received so far still come out as a last, partial chunk.
 *
 * @example
 * if (c.reason === 'error') console.warn(`chunk ${c.index} is partial:`, c.error);
 */
export type ChunkReason = 'count' | 'bytes' | 'boundary' | 'ms' | 'flush' | 'end' | 'error' | 'abort';

/**
 * A group of consecutive stream items. Frozen.
 *
 * @example
 * for await (const { items, index, start } of chunk(events, { count: 50 })) {
 *   console.log(`chunk ${index}: items ${start}–${start + items.length - 1}`);
 * }
 */
export interface Chunk<T> {
  /** The items, in stream order. Never empty. */
  readonly items: readonly T[];
  /** 0-based number of the chunk in its stream. */
  readonly index: number;
  /** Position of `items[0]` in the stream (items in all earlier chunks). */
  readonly start: number;
  readonly reason: ChunkReason;
  /** With reason `error` or `abort`: what ended the stream. Else null. */
  readonly error: unknown;
}

/**
 * A validated rule, as a discriminated union.
 *
 * @example
 * const rule: ResolvedChunkRule<number> = resolveChunkRule('chunk', { ms: 500 }); // { kind: 'ms', ms: 500 }
 */
export type ResolvedChunkRule<T> =
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'bytes'; readonly bytes: number; readonly sizeOf: (item: T) => number }
  | { readonly kind: 'boundary'; readonly boundary: (item: T, previous: T) => boolean }
  | { readonly kind: 'ms'; readonly ms: number };

const RULES = ['count', 'bytes', 'boundary', 'ms'] as const;

function assertPositiveFinite(owner: string, option: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw optionError(owner, option, 'a finite number > 0', value);
  }
}

const defaultSizeOf = (item: unknown) => estimateValueBytes(item);

/**
 * Validates a chunk rule; throws a TypeError naming the option (or both options, when two
 * rules are given at once). Other keys of `options` (timers, keep …) are left to the caller.
 *
 * @example
 * resolveChunkRule('chunk', { count: 100 }); // { kind: 'count', count: 100 }
 * resolveChunkRule('chunk', { count: 0 }); // TypeError: lazyflow: chunk option "count" must be a positive integer, got 0
 */
export function resolveChunkRule<T>(owner: string, options: ChunkRule<T>): ResolvedChunkRule<T> {
  assertObject(owner, 'options', options);
  const given = RULES.filter((name) => Reflect.get(options, name) !== undefined);
  if (given.length !== 1) {
    const got = given.length === 0 ? 'none' : given.map((name) => `"${name}"`).join(' and ');
    throw new TypeError(
      `lazyflow: ${owner} needs exactly one of the options "count", "bytes", "boundary" or "ms", got ${got}`,
    );
  }
  if (options.count !== undefined) {
    assertPositiveInteger(owner, 'count', options.count);
    return { kind: 'count', count: options.count };
  }
  if (options.bytes !== undefined) {
    assertPositiveFinite(owner, 'bytes', options.bytes);
    const sizeOf = 'sizeOf' in options ? options.sizeOf : undefined;
    if (sizeOf !== undefined) assertFunction(owner, 'sizeOf', sizeOf);
    return { kind: 'bytes', bytes: options.bytes, sizeOf: sizeOf ?? defaultSizeOf };
  }
  if (options.boundary !== undefined) {
    assertFunction(owner, 'boundary', options.boundary);
    return { kind: 'boundary', boundary: options.boundary };
  }
  assertPositiveFinite(owner, 'ms', options.ms);
  return { kind: 'ms', ms: options.ms };
}

/**
 * The chunk being filled.
 *
 * @example
 * const open: OpenChunk<number> = { items: [1, 2], bytes: 0, openedAt: 0 };
 */
export interface OpenChunk<T> {
  readonly items: readonly T[];
  /** Sum of `sizeOf` over the items (bytes rule only; else 0). */
  readonly bytes: number;
  /** When the first item arrived (ms rule only). */
  readonly openedAt: number;
}

/**
 * Bytes an item adds to its chunk under `rule` (0 unless the rule is `bytes`).
 *
 * @example
 * itemBytes(resolveChunkRule('chunk', { bytes: 100 }), 'ab'); // 16 (estimateValueBytes)
 */
export function itemBytes<T>(rule: ResolvedChunkRule<T>, item: T): number {
  return rule.kind === 'bytes' ? rule.sizeOf(item) : 0;
}

/**
 * Whether the open chunk must close before `item` joins it, and why. `previous` is the item
 * before `item` in the stream (a boundary compares with it also across chunk ends).
 *
 * @example
 * const rule = resolveChunkRule<number>('chunk', { boundary: (n, prev) => n < prev });
 * closesBefore(rule, { items: [5, 7], bytes: 0, openedAt: 0 }, 1, { value: 7 }, 0, 0); // 'boundary'
 */
export function closesBefore<T>(
  rule: ResolvedChunkRule<T>,
  open: OpenChunk<T>,
  item: T,
  previous: { readonly value: T } | null,
  bytes: number,
  now: number,
): ChunkReason | null {
  if (open.items.length === 0) return null;
  switch (rule.kind) {
    case 'bytes':
      return open.bytes + bytes > rule.bytes ? 'bytes' : null;
    case 'boundary':
      return previous !== null && rule.boundary(item, previous.value) ? 'boundary' : null;
    case 'ms':
      // Also checked here, not only by the timer: a busy main thread may run the timer late.
      return now - open.openedAt >= rule.ms ? 'ms' : null;
    default:
      return null;
  }
}

/**
 * Whether the open chunk is full right after an item joined it (count and bytes rules).
 *
 * @example
 * closesAfter(resolveChunkRule('chunk', { count: 2 }), { items: [1, 2], bytes: 0, openedAt: 0 }); // 'count'
 */
export function closesAfter<T>(rule: ResolvedChunkRule<T>, open: OpenChunk<T>): ChunkReason | null {
  if (rule.kind === 'count') return open.items.length >= rule.count ? 'count' : null;
  if (rule.kind === 'bytes') return open.bytes >= rule.bytes ? 'bytes' : null;
  return null;
}

/**
 * Chunks a whole array at once, exactly as a stream of the same items would be chunked. With
 * the `ms` rule, pass when each item arrived (same length as `items`); the last chunk's reason
 * is `'end'`.
 *
 * @example
 * chunkItems([1, 2, 3, 4, 5], { count: 2 }).map((c) => c.items); // [[1, 2], [3, 4], [5]]
 * chunkItems(['a1', 'a2', 'b1'], { boundary: (s, prev) => s[0] !== prev[0] }).map((c) => c.items);
 * // [['a1', 'a2'], ['b1']]
 */
export function chunkItems<T>(
  items: readonly T[],
  options: ChunkRule<T>,
  arrivedAt?: readonly number[],
): Chunk<T>[] {
  const rule = resolveChunkRule('chunkItems', options);
  if (rule.kind === 'ms' && arrivedAt?.length !== items.length) {
    throw optionError(
      'chunkItems',
      'arrivedAt',
      `an array of ${items.length} arrival times (rule "ms")`,
      arrivedAt,
    );
  }
  const chunks: Chunk<T>[] = [];
  let open: { items: T[]; bytes: number; openedAt: number } = { items: [], bytes: 0, openedAt: 0 };
  let start = 0;
  const close = (reason: ChunkReason) => {
    chunks.push(makeChunk(open.items, chunks.length, start, reason, null));
    start += open.items.length;
    open = { items: [], bytes: 0, openedAt: 0 };
  };
  items.forEach((item, i) => {
    const now = arrivedAt?.[i] ?? 0;
    const bytes = itemBytes(rule, item);
    const previous = i > 0 ? { value: items[i - 1] as T } : null;
    const before = closesBefore(rule, open, item, previous, bytes, now);
    if (before) close(before);
    if (open.items.length === 0) open.openedAt = now;
    open.items.push(item);
    open.bytes += bytes;
    const after = closesAfter(rule, open);
    if (after) close(after);
  });
  if (open.items.length > 0) close('end');
  return chunks;
}

/**
 * Builds a frozen {@link Chunk}.
 *
 * @example
 * makeChunk([1, 2], 0, 0, 'end', null); // { items: [1, 2], index: 0, start: 0, reason: 'end', error: null }
 */
export function makeChunk<T>(
  items: readonly T[],
  index: number,
  start: number,
  reason: ChunkReason,
  error: unknown,
): Chunk<T> {
  return Object.freeze({ items: Object.freeze(items), index, start, reason, error });
}
