// Test support (not published): the list a server renders with data and a browser hydrates, as an
// app does it — pages loaded with prefetchLazyList into the request's QueryClient, the markup from
// renderToString, the client's state carried over with query-core's dehydrate/hydrate.
import { type OffsetFetchParams, offsetSource, type QueryClient } from '@lazyflow/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useRef } from 'react';
import { useLazyList } from '../useLazyList.ts';
import { AbsoluteRows } from './absoluteRows.tsx';

/** The key the server prefetches with and the list is created with. */
export const USERS_KEY = ['ssr-users'];
const PAGE_SIZE = 50;

/** A users API that records the offsets asked for. */
export function usersApi(total = 10_000) {
  const calls: number[] = [];
  const fetchPage = async ({ offset, limit }: OffsetFetchParams) => {
    calls.push(offset);
    const items = Array.from({ length: Math.min(limit, total - offset) }, (_, i) => ({ id: offset + i }));
    return { items, total };
  };
  return { calls, source: () => offsetSource<{ id: number }>({ pageSize: PAGE_SIZE, fetchPage }) };
}

type Api = ReturnType<typeof usersApi>;

function Users({ api }: { api: Api }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList({
    key: USERS_KEY,
    source: api.source(),
    prefetch: 0,
    getScrollElement: () => ref.current,
    estimateSize: () => 36,
    // The server has no layout: it renders the rows of a viewport this size, and so does the
    // hydrating render, which must produce the same markup.
    initialRect: { width: 320, height: 360 },
  });
  return (
    <div ref={ref} style={{ height: 360, overflow: 'auto' }}>
      <AbsoluteRows list={list} rowHeight={36} text={(user) => `User ${user.id}`} placeholder="Loading…" />
    </div>
  );
}

/** The app: the same element on the server and in the browser, each with its own client. */
export function UsersApp({ client, api }: { client: QueryClient; api: Api }) {
  return (
    <QueryClientProvider client={client}>
      <Users api={api} />
    </QueryClientProvider>
  );
}
