import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { cursorSource } from '../paging/cursorPaging.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { createPrefetcher } from './createPrefetcher.ts';
import { prefetchLazyList } from './prefetchLazyList.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A fetchPage rejected with no reason: `reject()` and `reject(null)`. */
const reasonless: [string, () => Promise<never>][] = [
  ['reject()', () => Promise.reject()],
  ['reject(null)', () => Promise.reject(null)],
];

describe('a page fetch rejected with no reason, prefetched (useSuspenseLazyList, the Prefetcher)', () => {
  it.each(reasonless)(
    'prefetchLazyList: %s is an Error naming the page, not undefined',
    async (_, fetchPage) => {
      const [result] = await prefetchLazyList(new QueryClient(), {
        key: ['reasonless-prefetch'],
        retry: { attempts: 1 },
        source: offsetSource({ pageSize: 10, fetchPage }),
      });
      expect(result?.status).toBe('error');
      const error = result?.status === 'error' ? result.error : undefined;
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/page 0 rejected without a reason/);
    },
  );

  it.each(reasonless)(
    'prefetchLazyList of a cursor source: %s is an Error naming the page',
    async (_, fetchPage) => {
      const [result] = await prefetchLazyList(new QueryClient(), {
        key: ['reasonless-feed'],
        retry: { attempts: 1 },
        source: cursorSource({ pageSize: 10, fetchPage }),
      });
      expect(result?.status === 'error' && (result.error as Error).message).toMatch(
        /page 0 rejected without a reason/,
      );
    },
  );

  it.each(reasonless)('Prefetcher.prefetchList: %s is an Error naming the page', async (_, fetchPage) => {
    const prefetcher = createPrefetcher({ queryClient: new QueryClient(), memoryMonitor: null });
    cleanups.push(() => prefetcher.destroy());
    const [result] = await prefetcher.prefetchList({
      key: ['reasonless-prefetcher'],
      source: offsetSource({ pageSize: 10, fetchPage }),
    });
    expect(result?.status).toBe('error');
    expect(result?.status === 'error' && (result.error as Error).message).toMatch(
      /page 0 rejected without a reason/,
    );
  });
});
