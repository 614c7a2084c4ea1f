import { describe, expect, it } from 'vitest';
import { type ChooseEvictionsInput, chooseEvictions, type EvictionCandidate } from './chooseEvictions.ts';

const page = (index: number, bytes = 10, lastUsed = index): EvictionCandidate => ({
  page: index,
  bytes,
  lastUsed,
});

describe('chooseEvictions', () => {
  it.each<[string, ChooseEvictionsInput, number[]]>([
    [
      'evicts nothing under budget',
      { pages: [page(0), page(1)], protect: null, maxBytes: 100, maxPages: 10 },
      [],
    ],
    [
      'evicts farthest from the window first',
      {
        pages: [page(0), page(4), page(5), page(9)],
        protect: { first: 4, last: 4 },
        maxBytes: 25,
        maxPages: 10,
      },
      [9, 0],
    ],
    [
      'breaks distance ties by least recently used',
      {
        pages: [page(3, 10, 7), page(5, 10, 2), page(4)],
        protect: { first: 4, last: 4 },
        maxBytes: 20,
        maxPages: 10,
      },
      [5],
    ],
    [
      'enforces maxPages as well as maxBytes',
      {
        pages: [page(0), page(1), page(2), page(3)],
        protect: { first: 0, last: 0 },
        maxBytes: 1e9,
        maxPages: 2,
      },
      [3, 2],
    ],
    [
      'never evicts the protected window even when over budget',
      { pages: [page(0, 100), page(1, 100)], protect: { first: 0, last: 1 }, maxBytes: 50, maxPages: 1 },
      [],
    ],
    [
      'falls back to pure LRU without a window',
      { pages: [page(0, 10, 5), page(1, 10, 1), page(2, 10, 3)], protect: null, maxBytes: 10, maxPages: 10 },
      [1, 2],
    ],
  ])('%s', (_name, input, expected) => {
    expect(chooseEvictions(input)).toEqual(expected);
  });
});
