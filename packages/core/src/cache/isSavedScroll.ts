import type { SavedScroll } from './savedScroll.ts';

/**
 * Whether a value read back from IndexedDB has the shape of a saved scroll position. Saved
 * scrolls come back from disk (another version, a corrupted record), and the virtual list
 * relies on this shape when it restores one.
 *
 * @example
 * isSavedScroll({ anchorKey: 40, offsetInItem: 12, sizes: [[40, 56]] }); // true
 * isSavedScroll({ anchorKey: 'a', offsetInItem: 0, sizes: [] }); // false
 */
export function isSavedScroll(value: unknown): value is SavedScroll {
  if (typeof value !== 'object' || value === null) return false;
  const { anchorKey, offsetInItem, sizes, anchorItemKey } = value as Partial<
    Record<keyof SavedScroll, unknown>
  >;
  const isNumber = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  return (
    isNumber(anchorKey) &&
    isNumber(offsetInItem) &&
    (anchorItemKey === undefined || typeof anchorItemKey === 'string' || isNumber(anchorItemKey)) &&
    Array.isArray(sizes) &&
    sizes.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every(isNumber))
  );
}
