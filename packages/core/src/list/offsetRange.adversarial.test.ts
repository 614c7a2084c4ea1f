// getRange (what useWindow shows) of an offset list over a range that reaches past the count:
// the rows that exist are all there is, so the range is loaded once they are.
import { describe, expect, it } from 'vitest';
import { offsetSource } from '../sources/offsetSource.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';

async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const track = subscribedLists();

describe('getRange of an offset list (adversarial)', () => {
  it('a range past the exact count is loaded once the rows that exist are', async () => {
    const list = track(
      createLazyList({
        key: ['range-past-count'],
        source: offsetSource({
          pageSize: 50,
          fetchPage: async ({ offset, limit }) => ({
            items: Array.from({ length: Math.max(0, Math.min(limit, 120 - offset)) }, (_, i) => offset + i),
            total: 120,
          }),
        }),
        prefetch: 0,
      }),
    );
    list.setWindow({ start: 100, end: 200 });
    await settle();
    expect(list.getSnapshot().count).toBe(120);
    const range = list.getSnapshot().getRange(100, 200);
    expect(range.items).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
    expect(range.status).toBe('loaded');
  });
});
