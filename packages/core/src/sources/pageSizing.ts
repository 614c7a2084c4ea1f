// Byte-tuned page sizes (`pageSize: autoPageSize`, or `'auto'` on cursor and auto sources). The
// measure is the size of an item as JSON in UTF-8, i.e. about what it costs on the wire, sampled
// over a few items per page: cheap, and what "a page of about 64 kB" means to someone reading the
// network panel.
import { assertFunction, assertObject, assertPositiveInteger, optionError } from '../options.ts';
import { utf8Length } from '../stream/lineSplitter.ts';

/**
 * Options of `pageSize: autoPageSize` on `offsetSource` and `cursorSource` (decision 0068).
 *
 * @example
 * offsetSource<Row>({ pageSize: autoPageSize, targetPageBytes: 65_536, minPageSize: 25, maxPageSize: 1_000, fetchPage });
 */
export interface PageSizingOptions<T> {
  /** Bytes one request should bring, about. Default 65,536. */
  targetPageBytes?: number;
  /** Fewest items per request. For offset sources it is also the unit pages are stored in. Default 10. */
  minPageSize?: number;
  /** Most items per request. Default 1,000. */
  maxPageSize?: number;
  /** Items asked for before any item was measured. Default 100. */
  initialPageSize?: number;
  /** Bytes of one item. Default: its JSON text in UTF-8. */
  itemBytes?: (item: T) => number;
}

/** {@link PageSizingOptions} with defaults applied. */
export interface ResolvedPageSizing<T> {
  readonly targetPageBytes: number;
  readonly minPageSize: number;
  readonly maxPageSize: number;
  readonly initialPageSize: number;
  /** Undefined: {@link jsonBytes} (applied where items are measured, so a source that never measures does not bundle it). */
  readonly itemBytes: ((item: T) => number) | undefined;
}

/**
 * Bytes of `item` as JSON text in UTF-8, a BigInt counted as its digits; 0 for what JSON cannot
 * encode (a function, a cycle), never a throw: a page must not fail because it cannot be weighed.
 */
export function jsonBytes(item: unknown): number {
  let text: string | undefined;
  try {
    text = JSON.stringify(item, (_, value: unknown) => (typeof value === 'bigint' ? `${value}` : value));
  } catch {
    // a cycle
  }
  return text === undefined ? 0 : utf8Length(text);
}

/**
 * Completes the sizing options of `owner` (e.g. `'offsetSource'`); in development builds first
 * throws a TypeError naming a bad option (decision 0054).
 *
 * @example
 * resolvePageSizing('offsetSource', { targetPageBytes: 32_768 }).minPageSize; // 10
 */
export function resolvePageSizing<T>(owner: string, options: PageSizingOptions<T>): ResolvedPageSizing<T> {
  if (process.env.NODE_ENV !== 'production') checkPageSizing(owner, options);
  const {
    targetPageBytes = 65_536,
    minPageSize = 10,
    maxPageSize = 1_000,
    initialPageSize = 100,
    itemBytes,
  } = options;
  return { targetPageBytes, minPageSize, maxPageSize, initialPageSize, itemBytes };
}

/** Throws a TypeError naming the first bad sizing option of `owner`. Development builds only. */
function checkPageSizing<T>(owner: string, options: PageSizingOptions<T>): void {
  assertObject(owner, 'options', options);
  const {
    targetPageBytes = 1,
    minPageSize = 10,
    maxPageSize = 1_000,
    initialPageSize = 1,
    itemBytes,
  } = options;
  assertPositiveInteger(owner, 'targetPageBytes', targetPageBytes);
  assertPositiveInteger(owner, 'minPageSize', minPageSize);
  assertPositiveInteger(owner, 'maxPageSize', maxPageSize);
  assertPositiveInteger(owner, 'initialPageSize', initialPageSize);
  if (itemBytes !== undefined) assertFunction(owner, 'itemBytes', itemBytes);
  if (maxPageSize < minPageSize) {
    throw optionError(owner, 'maxPageSize', `an integer >= minPageSize (${minPageSize})`, maxPageSize);
  }
}

/**
 * The page size for items of `bytesPerItem`: `targetBytes / bytesPerItem` rounded to a
 * multiple of `step`, within `[min, max]` (both rounded to multiples of `step` as well, so
 * an offset source's pages always hold whole storage units).
 *
 * @example
 * adaptedPageSize({ bytesPerItem: 200, targetBytes: 65_536, min: 10, max: 1_000, step: 10 }); // 330
 */
export function adaptedPageSize(input: {
  bytesPerItem: number;
  targetBytes: number;
  min: number;
  max: number;
  step: number;
}): number {
  const { bytesPerItem, targetBytes, min, max, step } = input;
  const low = Math.ceil(min / step) * step;
  const high = Math.max(low, Math.floor(max / step) * step);
  if (!(bytesPerItem > 0)) return high; // empty items: as many as allowed
  const ideal = Math.round(targetBytes / bytesPerItem / step) * step;
  return Math.min(high, Math.max(low, ideal));
}

/**
 * Items to ask for with `bytesPerItem` measured, in multiples of `step`; before any measurement
 * (undefined) the initial size, within the same bounds and step as any other.
 *
 * @example
 * sizeFor(resolvePageSizing('offsetSource', {}), 10, undefined); // 100
 */
export function sizeFor<T>(
  options: ResolvedPageSizing<T>,
  step: number,
  bytesPerItem: number | undefined,
): number {
  const { targetPageBytes, minPageSize, maxPageSize, initialPageSize } = options;
  return adaptedPageSize({
    bytesPerItem: bytesPerItem ?? targetPageBytes / initialPageSize,
    targetBytes: targetPageBytes,
    min: minPageSize,
    max: maxPageSize,
    step,
  });
}

/** Mean bytes per item over at most `sample` items spread evenly over `items`, or undefined for none. */
export function sampleBytesPerItem<T>(
  items: readonly T[],
  itemBytes: (item: T) => number,
  sample = 16,
): number | undefined {
  if (items.length === 0) return undefined;
  const taken = Math.min(sample, items.length);
  let bytes = 0;
  for (let i = 0; i < taken; i++) bytes += itemBytes(items[Math.floor((i * items.length) / taken)] as T);
  return bytes / taken;
}

/**
 * Tracks bytes per item over the responses seen and answers the page size to ask for next.
 * The mean is weighted by items (a short last page counts for little) and leans towards
 * recent pages, so a dataset whose items grow further on still converges.
 *
 * @example
 * const sizer = new PageSizer(resolvePageSizing('offsetSource', {}), 10);
 * sizer.size; // 100 before anything was measured
 * sizer.observe(itemsOf200Bytes);
 * sizer.size; // 330
 */
export class PageSizer<T> {
  readonly #o: ResolvedPageSizing<T>;
  readonly #step: number;
  #bytesPerItem: number | undefined;
  #weight = 0;

  constructor(options: ResolvedPageSizing<T>, step: number) {
    this.#o = options;
    this.#step = step;
  }

  /** Mean bytes per item measured so far, or undefined before the first response. */
  get bytesPerItem(): number | undefined {
    return this.#bytesPerItem;
  }

  /** Items to ask for in the next request. */
  get size(): number {
    return sizeFor(this.#o, this.#step, this.#bytesPerItem);
  }

  /** Records one response's items. */
  observe(items: readonly T[]): void {
    const measured = sampleBytesPerItem(items, this.#o.itemBytes ?? jsonBytes);
    if (measured === undefined) return;
    // History weighs at most as much as the newest page, so drift is followed within a few pages.
    const weight = Math.min(this.#weight, items.length);
    this.#bytesPerItem =
      this.#bytesPerItem === undefined
        ? measured
        : (this.#bytesPerItem * weight + measured * items.length) / (weight + items.length);
    this.#weight = weight + items.length;
  }
}
