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
});
