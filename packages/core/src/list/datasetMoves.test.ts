import { describe, expect, it } from 'vitest';
import { detectMove, type MoveReason } from './datasetMoves.ts';

const key = (item: { id: number }) => item.id;
const rows = (...ids: number[]) => ids.map((id) => ({ id }));

describe('detectMove', () => {
  const cases: [string, Parameters<typeof detectMove<{ id: number }>>[0], MoveReason | null][] = [
    ['nothing known yet', { known: {}, count: 0, landed: { items: rows(1), total: 9, version: 'a' } }, null],
    [
      'same version and total',
      { known: { total: 9, version: 'a' }, count: 9, landed: { items: [], total: 9, version: 'a' } },
      null,
    ],
    [
      'another version',
      { known: { version: 'a' }, count: 9, landed: { items: [], version: 'b' } },
      'version',
    ],
    [
      'another version, same total',
      { known: { total: 9, version: 1 }, count: 9, landed: { items: [], total: 9, version: 2 } },
      'version',
    ],
    [
      'a page without version says nothing of it',
      { known: { version: 1 }, count: 9, landed: { items: [] } },
      null,
    ],
    ['another total', { known: { total: 9 }, count: 9, landed: { items: [], total: 10 } }, 'total'],
    [
      'a total the count has already (a local append)',
      { known: { total: 9 }, count: 10, landed: { items: [], total: 10 } },
      null,
    ],
    [
      'keys overlapping the page before',
      { known: {}, count: 9, landed: { items: rows(3, 4, 5) }, before: rows(0, 1, 2, 3), getItemKey: key },
      'keys',
    ],
    [
      'keys overlapping the page after',
      { known: {}, count: 9, landed: { items: rows(3, 4, 5) }, after: rows(5, 6, 7), getItemKey: key },
      'keys',
    ],
    [
      'neighbours that only touch',
      {
        known: {},
        count: 9,
        landed: { items: rows(3, 4, 5) },
        before: rows(0, 1, 2),
        after: rows(6, 7),
        getItemKey: key,
      },
      null,
    ],
    [
      'overlap without getItemKey is not seen',
      { known: {}, count: 9, landed: { items: rows(3) }, before: rows(3) },
      null,
    ],
    [
      'an empty page overlaps nothing',
      { known: {}, count: 9, landed: { items: [] }, before: rows(3), getItemKey: key },
      null,
    ],
  ];
  it.each(cases)('%s', (_, input, expected) => {
    expect(detectMove(input)).toBe(expected);
  });
});
