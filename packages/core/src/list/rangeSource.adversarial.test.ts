// rangeSource against servers as they are: ranges with both ends included (a point on a bucket
// edge comes with both buckets), buckets answered with fewer points than asked or with none
// (past the data's end), and a window beyond where the data ends.
import { describe, expect, it } from 'vitest';
import { rangeSource } from '../paging/rangePaging.ts';
import type { RangeFetchParams } from '../sources/rangeSource.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';

async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const track = subscribedLists();

interface Point {
  readonly t: number;
}

/** Points every 100 keys in [0, end], answered for [from, to] inclusive (as many APIs do). */
function inclusiveServer(end: number) {
  const calls: RangeFetchParams[] = [];
  const fetchRange = async (params: RangeFetchParams) => {
    calls.push(params);
    const points: Point[] = [];
    for (let t = Math.ceil(params.from / 100) * 100; t <= Math.min(params.to, end); t += 100)
      points.push({ t });
    return { points };
  };
  return { calls, fetchRange };
}

describe('rangeSource (adversarial)', () => {
  it('a server that includes both ends: getRange lists a point on a bucket edge once', async () => {
    const server = inclusiveServer(10_000);
    const list = track(
      createLazyList({
        key: ['range-inclusive'],
        source: rangeSource({ bucket: 1_000, fetchRange: server.fetchRange, getKey: (p: Point) => p.t }),
        prefetch: 0,
      }),
    );
    list.setWindow({ start: 0, end: 3_000 });
    await settle();
    const range = list.getSnapshot().getRange(0, 3_000);
    expect(range.status).toBe('loaded');
    expect(range.items.map((p) => p.t)).toEqual(Array.from({ length: 30 }, (_, i) => i * 100));
    expect(list.getSnapshot().getItem(1_000)).toEqual({ status: 'loaded', item: { t: 1_000 } });
  });

  it('a window beyond the data’s end: empty buckets are loaded and empty, the range is loaded', async () => {
    const server = inclusiveServer(1_450);
    const list = track(
      createLazyList({
        key: ['range-end'],
        source: rangeSource({ bucket: 1_000, fetchRange: server.fetchRange, getKey: (p: Point) => p.t }),
        prefetch: 0,
      }),
    );
    list.setWindow({ start: 1_000, end: 5_000 });
    await settle();
    const range = list.getSnapshot().getRange(1_000, 5_000);
    expect(range.status).toBe('loaded');
    expect(range.items.map((p) => p.t)).toEqual([1_000, 1_100, 1_200, 1_300, 1_400]);
    expect(list.getSnapshot().getItem(3_000)).toEqual({ status: 'placeholder' });
    expect(list.getSnapshot().status).not.toBe('error');
    expect(server.calls).toHaveLength(4);
  });

  it('a bucket answered with fewer points than it covers is kept as it came, not asked again', async () => {
    const calls: number[] = [];
    const list = track(
      createLazyList({
        key: ['range-sparse'],
        source: rangeSource({
          bucket: 1_000,
          fetchRange: async ({ from }: RangeFetchParams) => {
            calls.push(from);
            return from === 1_000 ? [{ t: 1_500 }] : [{ t: from }, { t: from + 500 }];
          },
          getKey: (p: Point) => p.t,
        }),
        prefetch: 0,
      }),
    );
    list.setWindow({ start: 0, end: 3_000 });
    await settle();
    list.setWindow({ start: 500, end: 2_500 });
    await settle();
    expect(
      list
        .getSnapshot()
        .getRange(0, 3_000)
        .items.map((p) => p.t),
    ).toEqual([0, 500, 1_500, 2_000, 2_500]);
    expect(calls).toEqual([0, 1_000, 2_000]);
  });
});
