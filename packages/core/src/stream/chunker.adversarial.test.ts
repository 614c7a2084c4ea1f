// Adversarial: a Chunker fed the same items in any batches (empty ones included) closes the same
// chunks as chunkItems over the whole array, for the count, bytes and boundary rules, with item
// sizes at and over the byte limit; and bad rule values are TypeErrors naming the option.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkItems } from './chunkRules.ts';
import { createChunker } from './createChunker.ts';

type Rule =
  | { count: number }
  | { bytes: number; sizeOf: (n: number) => number }
  | { boundary: (n: number, prev: number) => boolean };

const rules: [string, Rule][] = [
  ['count 1', { count: 1 }],
  ['count 3', { count: 3 }],
  ['bytes 10 (sizes up to 12)', { bytes: 10, sizeOf: (n) => n % 13 }],
  ['boundary (a drop)', { boundary: (n, prev) => n < prev }],
];

/** `items` cut into batches at `cuts` (positions, repeats give empty batches). */
function batches(items: readonly number[], cuts: readonly number[]): number[][] {
  const points = cuts.map((c) => c % (items.length + 1)).sort((a, b) => a - b);
  const out: number[][] = [];
  let from = 0;
  for (const p of points) {
    out.push(items.slice(from, p));
    from = p;
  }
  out.push(items.slice(from));
  return out;
}

describe('Chunker: the same chunks whatever the batches', () => {
  it.each(rules)('%s', (_name, rule) => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(30), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (items, cuts) => {
          const expected = chunkItems(items, rule as never).map((c) => ({
            items: c.items,
            reason: c.reason,
            start: c.start,
          }));
          const chunker = createChunker<number>({
            ...(rule as object),
            keep: Number.POSITIVE_INFINITY,
          } as never);
          for (const batch of batches(items, cuts)) chunker.push(batch);
          chunker.end();
          const got = chunker
            .getSnapshot()
            .chunks.map((c) => ({ items: c.items, reason: c.reason, start: c.start }));
          expect(got).toEqual(expected);
          expect(chunker.getSnapshot().closedItems).toBe(items.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['count 0', { count: 0 }, /count/],
    ['count NaN', { count: Number.NaN }, /count/],
    ['count 1.5', { count: 1.5 }, /count/],
    ['bytes -1', { bytes: -1 }, /bytes/],
    ['bytes NaN', { bytes: Number.NaN }, /bytes/],
    ['ms NaN', { ms: Number.NaN }, /ms/],
    ['keep 0', { count: 2, keep: 0 }, /keep/],
    ['two rules', { count: 2, bytes: 10 }, /./],
    ['no rule', {}, /./],
  ])('%s: a TypeError naming it', (_name, options, name) => {
    expect(() => createChunker(options as never)).toThrow(TypeError);
    expect(() => createChunker(options as never)).toThrow(name);
  });
});
