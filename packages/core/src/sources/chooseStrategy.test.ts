import { describe, expect, it } from 'vitest';
import { chooseStrategy, formatBytes, type ProbeFacts } from './chooseStrategy.ts';

const thresholds = { eagerBelowBytes: 1_000_000, streamAboveBytes: 100_000_000 };
const facts = (overrides: Partial<ProbeFacts>): ProbeFacts => ({
  shape: 'offset',
  items: 100,
  bytes: 20_000, // 200 B per item
  total: undefined,
  totalBytes: undefined,
  ...overrides,
});

describe('chooseStrategy', () => {
  it.each([
    [
      'small: 2,000 × 200 B',
      facts({ total: 2_000 }),
      'eager',
      /≈ 400 kB \(2,000 items × 200 B\) is below the 1 MB/,
    ],
    ['empty dataset', facts({ items: 0, bytes: 12, total: 0 }), 'eager', /below the 1 MB/],
    ['medium by offset', facts({ total: 200_000 }), 'offset', /≈ 40 MB .* pages by offset/],
    ['medium by cursor', facts({ shape: 'cursor', total: 200_000 }), 'cursor', /pages by cursor/],
    ['huge by total', facts({ total: 20_000_000 }), 'stream', /≈ 4 GB .* above the 100 MB stream threshold/],
    ['huge by X-Total-Bytes', facts({ total: 10, totalBytes: 5e9 }), 'stream', /^5 GB \(X-Total-Bytes\)/],
    ['X-Total-Bytes wins over total', facts({ total: 20_000_000, totalBytes: 500_000 }), 'eager', /500 kB/],
    [
      'small by X-Total-Bytes, cursor and no total: paged (one request cannot ask for all)',
      facts({ shape: 'cursor', totalBytes: 200_000 }),
      'cursor',
      /^200 kB \(X-Total-Bytes\) is below the 1 MB eager threshold, with no total .*pages by cursor$/,
    ],
    [
      'small by X-Total-Bytes, { items } only: paged by offset',
      facts({ shape: 'unknown', totalBytes: 200_000 }),
      'offset',
      /below the 1 MB eager threshold, with no total .*pages by offset$/,
    ],
    [
      'unknown with cursor',
      facts({ shape: 'cursor' }),
      'cursor',
      /^size unknown; the server pages by cursor$/,
    ],
    ['unknown, no cursor (open-ended)', facts({ shape: 'unknown' }), 'stream', /open-ended/],
    [
      'bare array',
      facts({ shape: 'array', items: 300, bytes: 60_000, total: 300 }),
      'eager',
      /whole dataset .*300 items, 60 kB/,
    ],
  ])('%s → %s', (_name, input, strategy, reason) => {
    const choice = chooseStrategy(input, thresholds);
    expect(choice.strategy).toBe(strategy);
    expect(choice.reason).toMatch(reason);
  });

  it('uses the thresholds it is given', () => {
    expect(
      chooseStrategy(facts({ total: 2_000 }), { eagerBelowBytes: 1_000, streamAboveBytes: 100_000 }).strategy,
    ).toBe('stream');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [412_300, '412 kB'],
    [1_000_000, '1 MB'],
    [1_540_000, '1.5 MB'],
    [5e9, '5 GB'],
  ])('%d → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
