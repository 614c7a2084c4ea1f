// Byte estimation. Method (deliberately cheap, computed once per page):
// - sample at most `SAMPLE_SIZE` items spread evenly over the page, measure each structurally,
//   and extrapolate the mean to the whole page; add one 8-byte array slot per item;
// - strings: 12-byte header + 2 bytes per UTF-16 code unit (V8 may store Latin-1 in 1, so this
//   errs high); numbers 8; booleans 4; bigint 16; null/undefined 0;
// - objects and arrays: 16-byte header + 8 bytes per slot plus the values; property names are
//   not counted (V8 shares them through hidden classes);
// - recursion is bounded by depth and by slots per object, extrapolating what was skipped.
// It is an estimate for budgeting, not a heap measurement.

/** Items measured per page (evenly spread); the rest is extrapolated. */
const SAMPLE_SIZE = 8;
const HEADER = 16;
const SLOT = 8;

/**
 * Estimates the bytes one value occupies, structurally and with bounded cost.
 *
 * @example
 * estimateValueBytes({ id: 1, title: 'hi' }); // 16 + 2 × 8 + 8 + (12 + 4) = 56
 */
export function estimateValueBytes(value: unknown, maxDepth = 4, maxSlots = 64): number {
  switch (typeof value) {
    case 'string':
      return 12 + 2 * value.length;
    case 'number':
      return 8;
    case 'boolean':
      return 4;
    case 'bigint':
      return 16;
    case 'object':
      break;
    default:
      return 0;
  }
  if (value === null) return 0;
  if (maxDepth <= 0) return SLOT;
  if (value instanceof Date) return HEADER + 8;
  const values: readonly unknown[] = Array.isArray(value) ? value : Object.values(value);
  const measured = Math.min(values.length, maxSlots);
  let bytes = 0;
  for (let i = 0; i < measured; i++) bytes += SLOT + estimateValueBytes(values[i], maxDepth - 1, maxSlots);
  const extrapolated = measured === 0 ? 0 : (bytes / measured) * values.length;
  return HEADER + Math.round(extrapolated);
}

/**
 * Estimates the bytes a page of items occupies by measuring a few evenly spread items and
 * extrapolating. Cost is bounded by `SAMPLE_SIZE`, not by page length.
 *
 * @example
 * estimateBytes([{ id: 1 }, { id: 2 }]); // 16 + 2 × (8 + 16 + 16)
 */
export function estimateBytes(items: readonly unknown[]): number {
  const length = items.length;
  if (length === 0) return HEADER;
  const samples = Math.min(length, SAMPLE_SIZE);
  let sampled = 0;
  // Every item of a short page; else SAMPLE_SIZE items from the first to the last.
  for (let s = 0; s < samples; s++)
    sampled += estimateValueBytes(
      items[samples === length ? s : Math.floor((s * (length - 1)) / (SAMPLE_SIZE - 1))],
    );
  return HEADER + length * SLOT + Math.round((sampled / samples) * length);
}
