import { isCancelledError, QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { fetchPageQuery, pageQueryKey } from './pageQuery.ts';

describe('fetchPageQuery', () => {
  it('fetches again with its own loader when another fetch it joined is cancelled by someone else', async () => {
    const client = new QueryClient();
    // Another party (a prefetch) starts the page and is cancelled while the list waits on it.
    const other = client.fetchQuery({
      queryKey: pageQueryKey(['rows'], 0),
      queryFn: ({ signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      retry: false,
    });
    other.catch(() => {});
    let loads = 0;
    const running = fetchPageQuery(client, ['rows'], 0, async () => {
      loads++;
      return { items: ['fresh'] };
    });
    await client.cancelQueries({ queryKey: pageQueryKey(['rows'], 0) });
    await expect(running.promise).resolves.toEqual({ data: { items: ['fresh'] }, fromCache: false });
    expect(loads).toBe(1);
  });

  it('stays cancelled when the list aborted it itself', async () => {
    const client = new QueryClient();
    const running = fetchPageQuery(
      client,
      ['rows'],
      1,
      (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    );
    running.abort();
    const error = await running.promise.catch((reason: unknown) => reason);
    expect(isCancelledError(error)).toBe(true);
  });

  it('lets go of its loader once settled: a query-core refetch of the kept page fails in words and keeps the data', async () => {
    const client = new QueryClient();
    let loads = 0;
    const running = fetchPageQuery(client, ['rows'], 2, async () => {
      loads++;
      return { items: ['kept'] };
    });
    await running.promise;
    // The query outlives the fetch (gcTime Infinity); its queryFn no longer reaches the list's loader.
    await client.refetchQueries({ queryKey: pageQueryKey(['rows'], 2) });
    const query = client.getQueryCache().find({ queryKey: pageQueryKey(['rows'], 2) });
    expect(loads).toBe(1);
    expect(query?.state.data).toEqual({ items: ['kept'] });
    expect(String(query?.state.error)).toContain('a page query is fetched by its list');
    // A fetch of the list's own (what list.refresh() or an invalidation runs) loads it again.
    await client.invalidateQueries({ queryKey: pageQueryKey(['rows'], 2) });
    const again = fetchPageQuery(client, ['rows'], 2, async () => {
      loads++;
      return { items: ['new'] };
    });
    await expect(again.promise).resolves.toEqual({ data: { items: ['new'] }, fromCache: false });
    expect(loads).toBe(2);
  });
});
