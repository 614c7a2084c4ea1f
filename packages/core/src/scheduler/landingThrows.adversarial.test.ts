import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import type { LazyList } from '../list/LazyList.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { fetchBudgetFor } from './fetchBudget.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const source = () =>
  offsetSource({
    pageSize: 10,
    fetchPage: async ({ offset, limit }) => ({
      items: Array.from({ length: limit }, (_, i) => ({ id: offset + i })),
      total: 1_000,
    }),
  });

describe('a page whose landing throws (adversarial)', () => {
  it("gives its slot back to the client's budget: another list on the client still loads", async () => {
    const client = new QueryClient();
    fetchBudgetFor(client).setLimit(1);
    const thrown: unknown[] = [];
    const onUnhandled = (error: unknown) => thrown.push(error);
    process.on('unhandledRejection', onUnhandled);
    cleanups.push(() => process.off('unhandledRejection', onUnhandled));
    const make = (name: string, estimateBytes?: () => number): LazyList<{ id: number }> => {
      const list = createLazyList({
        key: [name],
        source: source(),
        queryClient: client,
        prefetch: 0,
        ...(estimateBytes && { estimateBytes }),
      });
      cleanups.push(
        list.subscribe(() => {}),
        () => list.destroy(),
      );
      return list;
    };
    const broken = make('broken', () => {
      throw new Error('estimateBytes bug');
    });
    broken.setWindow({ start: 0, end: 10 });
    await settle();
    expect(String(thrown[0])).toMatch(/estimateBytes bug/); // the app's bug surfaces
    expect(fetchBudgetFor(client).running).toBe(0);
    const other = make('other');
    other.setWindow({ start: 0, end: 10 });
    await settle();
    expect(other.getSnapshot().getItem(0)).toMatchObject({ status: 'loaded', item: { id: 0 } });
  });
});
