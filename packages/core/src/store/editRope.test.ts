import { describe, expect, it } from 'vitest';
import {
  type EditRope,
  isServerOnly,
  ropeAt,
  ropeFind,
  ropeInsert,
  ropeRemove,
  ropeServerPosition,
  ropeSlice,
  ropeTotal,
  serverRope,
} from './editRope.ts';

const INF = Number.POSITIVE_INFINITY;
const server = (start: number, length: number) => ({ kind: 'server', start, length }) as const;
const local = (...items: string[]) => ({ kind: 'local', items }) as const;

/** What display positions [0, n) show: server offsets as numbers, local items as strings. */
function shown(rope: EditRope<string>, n: number): (number | string)[] {
  const out: (number | string)[] = [];
  for (let i = 0; i < n; i++) {
    const at = ropeAt(rope, i);
    if (at !== undefined) out.push(at.kind === 'server' ? at.offset : at.item);
  }
  return out;
}

describe('edit rope', () => {
  type Row = readonly [
    name: string,
    build: () => EditRope<string>,
    segments: EditRope<string>,
    first8: (number | string)[],
  ];
  const rows: Row[] = [
    ['no writes: display = server offsets', () => serverRope(), [server(0, INF)], [0, 1, 2, 3, 4, 5, 6, 7]],
    [
      'an insert puts local items in and shifts the rest',
      () => ropeInsert(serverRope(), 2, ['a', 'b']),
      [server(0, 2), local('a', 'b'), server(2, INF)],
      [0, 1, 'a', 'b', 2, 3, 4, 5],
    ],
    [
      'a remove skips a server offset',
      () => ropeRemove(serverRope(), 3, 1),
      [server(0, 3), server(4, INF)],
      [0, 1, 2, 4, 5, 6, 7, 8],
    ],
    [
      'removing a local item leaves the server as it was',
      () => ropeRemove(ropeInsert(serverRope(), 2, ['a']), 2, 1),
      [server(0, INF)],
      [0, 1, 2, 3, 4, 5, 6, 7],
    ],
    [
      'a remove across a local run and server items',
      () => ropeRemove(ropeInsert(serverRope(), 2, ['a', 'b']), 3, 2),
      [server(0, 2), local('a'), server(3, INF)],
      [0, 1, 'a', 3, 4, 5, 6, 7],
    ],
    [
      'inserts next to each other join',
      () => ropeInsert(ropeInsert(serverRope(), 1, ['a']), 2, ['b']),
      [server(0, 1), local('a', 'b'), server(1, INF)],
      [0, 'a', 'b', 1, 2, 3, 4, 5],
    ],
    [
      'an insert at 0',
      () => ropeInsert(serverRope(), 0, ['a']),
      [local('a'), server(0, INF)],
      ['a', 0, 1, 2, 3, 4, 5, 6],
    ],
  ];

  it.each(rows)('%s', (_name, build, segments, first8) => {
    const rope = build();
    expect(rope).toEqual(segments);
    expect(shown(rope, 8)).toEqual(first8);
  });

  it('slices a page into the runs that make it', () => {
    const rope = ropeInsert(ropeRemove(serverRope<string>(), 5, 1), 2, ['a']);
    expect(ropeSlice(rope, 0, 10)).toEqual([server(0, 2), local('a'), server(2, 3), server(6, 4)]);
    expect(ropeSlice(rope, 10, 20)).toEqual([server(10, 10)]);
  });

  it('counts the display total from the server total', () => {
    expect(ropeTotal(serverRope(), 100)).toBe(100);
    expect(ropeTotal(ropeInsert(serverRope(), 100, ['end']), 100)).toBe(101);
    expect(ropeTotal(ropeRemove(ropeInsert(serverRope(), 0, ['a', 'b']), 50, 3), 100)).toBe(99);
  });

  it('finds local items and where a server offset shows', () => {
    const rope = ropeRemove(ropeInsert(serverRope<string>(), 3, ['a']), 6, 1); // display 6 was server 5
    expect(ropeFind(rope, (item) => item === 'a')).toBe(3);
    expect(ropeFind(rope, (item) => item === 'z')).toBeUndefined();
    expect(ropeServerPosition(rope, 2)).toBe(2);
    expect(ropeServerPosition(rope, 4)).toBe(5);
    expect(ropeServerPosition(rope, 5)).toBe(6); // removed: where it would be
    expect(ropeServerPosition(rope, 6)).toBe(6);
    expect(isServerOnly(rope)).toBe(false);
    expect(isServerOnly(serverRope())).toBe(true);
  });

  it('counts a local item standing for a server row as that row when asked to', () => {
    // Server 0 removed, server 1 replaced by an update's item 'u1': [u1, server 2…].
    const rope = ropeInsert(ropeRemove(serverRope<string>(), 0, 2), 0, ['u1']);
    const standsFor = (item: string) => (item === 'u1' ? 1 : undefined);
    expect(ropeServerPosition(rope, 0)).toBe(1); // after every local item before server 2
    expect(ropeServerPosition(rope, 0, standsFor)).toBe(0); // before the row standing for 1
    expect(ropeServerPosition(rope, 2, standsFor)).toBe(1);
    // An insert (no server row) before it is passed over, as before a server run.
    const inserted = ropeInsert(rope, 0, ['new']);
    expect(ropeServerPosition(inserted, 0, standsFor)).toBe(1);
  });
});
