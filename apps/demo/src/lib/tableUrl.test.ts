import { describe, expect, it } from 'vitest';
import { readTableUrl, type TableJump, type TableMode, tableSearch } from './tableUrl.ts';

const FIXED_1M: TableMode = { total: 1_000_000, dynamic: false };

describe('readTableUrl', () => {
  it.each<[string, TableMode, TableJump | null]>([
    ['', FIXED_1M, null],
    ['?rows=100000000', { total: 100_000_000, dynamic: false }, null],
    ['?rows=123', FIXED_1M, null], // not a size the Table offers
    ['?dynamic=1', { total: 1_000_000, dynamic: true }, null],
    ['?dynamic=true&rows=100000000', { total: 100_000_000, dynamic: true }, null],
    ['?dynamic=0', FIXED_1M, null],
    // Row numbers from 1, as the page shows them: row 500,000 is index 499,999.
    ['?jump=500000', FIXED_1M, { index: 499_999, align: 'start' }],
    ['?jump=500,000&align=center', FIXED_1M, { index: 499_999, align: 'center' }],
    ['?jump=1', FIXED_1M, { index: 0, align: 'start' }],
    ['?jump=0', FIXED_1M, null], // there is no row 0
    ['?jump=5000000', FIXED_1M, { index: 999_999, align: 'start' }], // past the end: the last row
    [
      '?rows=100000000&jump=100000000&align=end',
      { total: 100_000_000, dynamic: false },
      { index: 99_999_999, align: 'end' },
    ],
    ['?jump=-3', FIXED_1M, null],
    ['?jump=1.5', FIXED_1M, null],
    ['?jump=abc&align=sideways', FIXED_1M, null],
    ['?jump=', FIXED_1M, null],
    ['?jump=7&align=sideways', FIXED_1M, { index: 6, align: 'start' }],
  ])('%s', (search, mode, jump) => {
    expect(readTableUrl(search)).toEqual({ mode, jump });
  });
});

describe('tableSearch', () => {
  it.each<[TableMode, string]>([
    [FIXED_1M, ''],
    [{ total: 100_000_000, dynamic: false }, '?rows=100000000'],
    [{ total: 1_000_000, dynamic: true }, '?dynamic=1'],
    [{ total: 100_000_000, dynamic: true }, '?rows=100000000&dynamic=1'],
  ])('%o → %s', (mode, search) => {
    expect(tableSearch(mode)).toBe(search);
    expect(readTableUrl(search).mode).toEqual(mode); // round trip
  });
});
