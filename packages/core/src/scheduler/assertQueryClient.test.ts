import { QueryClient } from '@tanstack/query-core';
// A real client of the previous major, as an app still on TanStack Query 4 would pass it.
import { QueryClient as QueryClientV4 } from 'query-core-v4';
import { describe, expect, it } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import { createPrefetcher } from '../prefetch/createPrefetcher.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { assertQueryClient } from './assertQueryClient.ts';

const source = offsetSource<number>({ pageSize: 10, fetchPage: async () => ({ items: [], total: 0 }) });
const UPGRADE =
  /option "queryClient" is a QueryClient of TanStack Query 4 or older; .*upgrade @tanstack\/react-query .* to \^5/;

describe('assertQueryClient', () => {
  it('accepts a TanStack Query 5 client', () => {
    expect(() => assertQueryClient('createLazyList', 'queryClient', new QueryClient())).not.toThrow();
  });

  it('refuses a TanStack Query 4 client with a TypeError naming the option and the upgrade', () => {
    const v4 = new QueryClientV4();
    expect(() => assertQueryClient('createLazyList', 'queryClient', v4)).toThrow(TypeError);
    expect(() => assertQueryClient('createLazyList', 'queryClient', v4)).toThrow(UPGRADE);
  });

  it.each([null, 42, 'client', {}, { fetchQuery: () => undefined }])(
    'refuses %j, which is no QueryClient',
    (value) => {
      expect(() => assertQueryClient('createLazyList', 'queryClient', value)).toThrow(
        /createLazyList option "queryClient" must be a @tanstack\/query-core QueryClient, got /,
      );
    },
  );

  it('guards createLazyList and createPrefetcher', () => {
    const v4 = new QueryClientV4() as unknown as QueryClient;
    expect(() => createLazyList({ key: ['v4'], source, queryClient: v4 })).toThrow(UPGRADE);
    expect(() => createPrefetcher({ queryClient: v4 })).toThrow(
      /createPrefetcher option "queryClient" is a QueryClient of TanStack Query 4/,
    );
    expect(() =>
      createLazyList({ key: ['v5'], source, queryClient: new QueryClient() }).destroy(),
    ).not.toThrow();
  });
});
