// Bad clients: the hooks refuse a QueryClient of TanStack Query 4 wherever it comes from, with
// a message saying what to upgrade (a server render with no client at all is in useLazyList.test).
import { offsetSource, QueryClient } from '@lazyflow/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { QueryClient as QueryClientV4 } from 'query-core-v4';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LazyflowProvider } from './queryClient.ts';
import { useLazyList } from './useLazyList.ts';

function List({ queryClient }: { queryClient?: QueryClient }) {
  const list = useLazyList<number>({
    key: ['v4'],
    source: offsetSource({ pageSize: 10, fetchPage: async () => ({ items: [], total: 0 }) }),
    getScrollElement: () => null,
    estimateSize: () => 36,
    initialRect: { width: 400, height: 600 },
    ...(queryClient && { queryClient }),
  });
  return <p>{list.status}</p>;
}

const UPGRADE =
  /QueryClient of TanStack Query 4 or older; lazyflow needs TanStack Query 5: upgrade @tanstack\/react-query/;

describe('a TanStack Query 4 client', () => {
  const v4 = () => new QueryClientV4() as unknown as QueryClient;

  it('from QueryClientProvider fails the render with what to upgrade', () => {
    expect(() =>
      renderToString(
        <QueryClientProvider client={v4()}>
          <List />
        </QueryClientProvider>,
      ),
    ).toThrow(UPGRADE);
  });

  it('from LazyflowProvider or the queryClient option fails the same way', () => {
    expect(() =>
      renderToString(
        <LazyflowProvider client={v4()}>
          <List />
        </LazyflowProvider>,
      ),
    ).toThrow(UPGRADE);
    expect(() =>
      renderToString(
        <QueryClientProvider client={new QueryClient()}>
          <List queryClient={v4()} />
        </QueryClientProvider>,
      ),
    ).toThrow(UPGRADE);
  });
});
