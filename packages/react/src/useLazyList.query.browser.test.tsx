// useLazyList in an app that already has React Query: the hooks use the app's QueryClient from
// its QueryClientProvider, so the app's invalidation reaches the list. Written with
// @testing-library/react, as an app would test it (in real Chromium: layout matters here).
import { offsetSource, QueryClient } from '@lazyflow/core';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { AbsoluteRows } from './testing/absoluteRows.tsx';
import { useLazyList } from './useLazyList.ts';

afterEach(cleanup);

let version = 1;
const calls: number[] = [];

function Users({ listKey }: { listKey: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<{ id: number; version: number }>({
    key: [listKey],
    prefetch: 0,
    source: offsetSource({
      pageSize: 50,
      fetchPage: async ({ offset, limit }) => {
        calls.push(offset);
        return {
          items: Array.from({ length: limit }, (_, i) => ({ id: offset + i, version })),
          total: 10_000,
        };
      },
    }),
    getScrollElement: () => ref.current,
    estimateSize: () => 36,
  });
  return (
    <div ref={ref} style={{ height: 360, overflow: 'auto' }}>
      <AbsoluteRows
        list={list}
        rowHeight={36}
        text={(user) => `User ${user.id} v${user.version}`}
        placeholder="Loading…"
      />
    </div>
  );
}

/** A mutation's onSuccess, as apps write it. */
function SaveButton({ listKey }: { listKey: string }) {
  const client = useQueryClient();
  return (
    <button type="button" onClick={() => void client.invalidateQueries({ queryKey: [listKey] })}>
      Save
    </button>
  );
}

describe('useLazyList inside a QueryClientProvider', () => {
  it('keeps its pages in the app’s QueryClient, and the app’s invalidateQueries refetches what is shown', async () => {
    const client = new QueryClient();
    const listKey = `rq-${Math.random()}`;
    version = 1;
    render(
      <QueryClientProvider client={client}>
        <Users listKey={listKey} />
        <SaveButton listKey={listKey} />
      </QueryClientProvider>,
    );
    expect(await screen.findByText('User 0 v1')).toBeTruthy();
    const pages = client.getQueryCache().findAll({ queryKey: [listKey] });
    expect(pages.map((query) => query.queryKey)).toContainEqual([listKey, 'page', 0]);

    version = 2;
    const before = calls.length;
    screen.getByRole('button', { name: 'Save' }).click();
    expect(await screen.findByText('User 0 v2')).toBeTruthy();
    expect(calls.slice(before)).toContain(0);
  });

  it('two lists of the same key under one provider share the provider’s pages', async () => {
    const client = new QueryClient();
    const listKey = `rq-shared-${Math.random()}`;
    calls.length = 0;
    render(
      <QueryClientProvider client={client}>
        <Users listKey={listKey} />
        <Users listKey={listKey} />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getAllByText('User 0 v2')).toHaveLength(2));
    expect(calls.filter((offset) => offset === 0)).toHaveLength(1);
  });

  it('without a provider, a browser app still works (one client for the page)', async () => {
    render(<Users listKey={`no-provider-${Math.random()}`} />);
    expect(await screen.findByText('User 1 v2')).toBeTruthy();
  });
});
