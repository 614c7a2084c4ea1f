import { describe, expect, it } from 'vitest';
import { estimateBytes, estimateValueBytes } from './estimateBytes.ts';

describe('estimateValueBytes', () => {
  it.each<[string, unknown, number]>([
    ['counts strings at 2 bytes per char plus a header', 'abcd', 20],
    ['counts numbers as 8 bytes', 42, 8],
    ['counts booleans as 4 bytes', true, 4],
    ['counts null as nothing', null, 0],
    ['counts undefined as nothing', undefined, 0],
    ['counts an empty object as its header', {}, 16],
    ['counts object slots and values', { id: 1, title: 'hi' }, 16 + 8 + 8 + 8 + 16],
    ['counts arrays like objects', [1, 2], 16 + 2 * 16],
    ['counts dates as a header plus a number', new Date(0), 24],
  ])('%s', (_name, value, expected) => {
    expect(estimateValueBytes(value)).toBe(expected);
  });

  it('stops descending at maxDepth', () => {
    expect(estimateValueBytes({ a: { b: { c: 'long string' } } }, 1)).toBe(16 + 8 + 8);
  });

  it('extrapolates past maxSlots instead of walking every slot', () => {
    const big = Array.from({ length: 10_000 }, () => 1);
    expect(estimateValueBytes(big, 4, 64)).toBe(16 + 10_000 * 16);
  });
});

describe('estimateBytes', () => {
  it('counts an empty page as its header', () => {
    expect(estimateBytes([])).toBe(16);
  });

  it('measures every item of a small page', () => {
    expect(estimateBytes([{ id: 1 }, { id: 2 }])).toBe(16 + 2 * 8 + 2 * (16 + 16));
  });

  it('extrapolates a sample to a large page of uniform items', () => {
    const items = Array.from({ length: 100_000 }, (_, id) => ({ id, name: 'abcdefgh' }));
    expect(estimateBytes(items)).toBe(16 + 100_000 * 8 + 100_000 * (16 + 16 + 8 + 28));
  });

  it('grows with string length', () => {
    expect(estimateBytes([{ body: 'x'.repeat(1000) }])).toBeGreaterThan(
      estimateBytes([{ body: 'x' }]) + 1900,
    );
  });
});
