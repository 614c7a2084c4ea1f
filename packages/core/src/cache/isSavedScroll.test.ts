import { describe, expect, it } from 'vitest';
import { isSavedScroll } from './isSavedScroll.ts';

describe('isSavedScroll', () => {
  it.each([
    ['a full position', { anchorKey: 40, offsetInItem: 12, sizes: [[40, 56]] }],
    ['no measured sizes', { anchorKey: 0, offsetInItem: 0, sizes: [] }],
    ['a chat following the end', { anchorKey: 9, offsetInItem: -3.5, sizes: [], atEnd: true }],
  ])('accepts %s', (_, value) => {
    expect(isSavedScroll(value)).toBe(true);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string anchor', { anchorKey: 'a', offsetInItem: 0, sizes: [] }],
    ['an infinite offset', { anchorKey: 1, offsetInItem: Number.POSITIVE_INFINITY, sizes: [] }],
    ['missing sizes', { anchorKey: 1, offsetInItem: 0 }],
    ['a size that is not a pair', { anchorKey: 1, offsetInItem: 0, sizes: [[1, 2, 3]] }],
    ['a NaN size', { anchorKey: 1, offsetInItem: 0, sizes: [[1, Number.NaN]] }],
  ])('rejects %s', (_, value) => {
    expect(isSavedScroll(value)).toBe(false);
  });
});
