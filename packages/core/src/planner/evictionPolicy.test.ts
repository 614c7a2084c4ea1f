import { describe, expect, it } from 'vitest';
import { evictsNothing, pagesToEvict, pagesToShed } from './evictionPolicy.ts';

const ranges = { visible: { first: 10, last: 11 }, zone: { first: 8, last: 14 } };
const pages = [0, 7, 8, 10, 11, 12, 14, 15, 90];

describe('pagesToShed', () => {
  it('sheds nothing at ok', () => {
    expect(pagesToShed(pages, 'ok', ranges)).toEqual([]);
  });

  it('sheds pages outside the window + prefetch zone at high', () => {
    expect(pagesToShed(pages, 'high', ranges)).toEqual([0, 7, 15, 90]);
  });

  it('sheds down to the visible pages at critical', () => {
    expect(pagesToShed(pages, 'critical', ranges)).toEqual([0, 7, 8, 12, 14, 15, 90]);
  });

  it('sheds everything when there is no window', () => {
    expect(pagesToShed([1, 2], 'high', { visible: null, zone: null })).toEqual([1, 2]);
  });
});

describe('pagesToEvict', () => {
  const candidate = (page: number, lastUsed = page) => ({ page, bytes: 10, lastUsed });
  const window = { visible: { first: 5, last: 5 }, zone: { first: 4, last: 6 } };

  it('evicts nothing at ok within budget', () => {
    expect(pagesToEvict([candidate(0), candidate(5)], 'ok', window, { maxBytes: 100, maxPages: 10 })).toEqual(
      [],
    );
  });

  it('sheds by level first, then by budget among the rest, never the visible page', () => {
    const pages = [candidate(0), candidate(4), candidate(5), candidate(6), candidate(9)];
    expect(pagesToEvict(pages, 'high', window, { maxBytes: 100, maxPages: 10 })).toEqual([0, 9]);
    expect(pagesToEvict(pages, 'high', window, { maxBytes: 15, maxPages: 10 })).toEqual([0, 9, 4, 6]);
    expect(pagesToEvict(pages, 'ok', window, { maxBytes: 0, maxPages: 0 })).toEqual([0, 9, 4, 6]);
  });
});

describe('evictsNothing', () => {
  // Pages 0, 4, 5, 6, 9 of 10 bytes each: 50 bytes, 5 pages; page 5 visible, 4-6 the zone.
  const pages = [0, 4, 5, 6, 9].map((page) => ({ page, bytes: 10, lastUsed: page }));
  const window = { visible: { first: 5, last: 5 }, zone: { first: 4, last: 6 } };

  it.each([
    ['ok', 50, 5, true],
    ['ok', 49, 5, false],
    ['ok', 50, 4, false],
    ['ok', 1_000, 1_000, true],
    ['high', 1_000, 1_000, false],
    ['critical', 1_000, 1_000, false],
  ] as const)(
    'level %s, budget %i bytes / %i pages: %s, as pagesToEvict says',
    (level, maxBytes, maxPages, none) => {
      const budget = { maxBytes, maxPages };
      expect(evictsNothing(level, 50, 5, budget)).toBe(none);
      expect(pagesToEvict(pages, level, window, budget).length === 0).toBe(none);
    },
  );
});
