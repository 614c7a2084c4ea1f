// Server rendering: the hooks and the core must not touch window/document at import or in
// render; with an `initialRect`, the first HTML already has the list's frame. A server render
// takes its QueryClient from a provider (one per request), never from a page-wide default.
import { offsetSource, QueryClient } from '@lazyflow/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LazyflowProvider } from './queryClient.ts';
import { useLazyList } from './useLazyList.ts';
import { useWindow } from './useWindow.ts';

function List() {
  const list = useLazyList<number>({
    key: ['ssr'],
    source: offsetSource({ pageSize: 10, fetchPage: async () => ({ items: [], total: 0 }) }),
    getScrollElement: () => null,
    estimateSize: () => 36,
    initialRect: { width: 400, height: 600 },
  });
  return <div data-status={list.status} data-size={list.totalSize} data-rows={list.rows.length} />;
}

function Range() {
  const range = useWindow<number>({
    key: ['ssr-window'],
    source: offsetSource({ pageSize: 10, fetchPage: async () => ({ items: [], total: 0 }) }),
    range: { from: 0, to: 10 },
  });
  return <p data-status={range.status}>{range.items.length}</p>;
}

describe('server rendering', () => {
  it('renders useLazyList and useWindow inside a QueryClientProvider without a DOM and without fetching', () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(
      <QueryClientProvider client={new QueryClient()}>
        <List />
        <Range />
      </QueryClientProvider>,
    );
    expect(html).toContain('data-rows="0"');
    expect(html).toContain('data-status="loading"');
  });

  it('renders inside a LazyflowProvider too', () => {
    const html = renderToString(
      <LazyflowProvider client={new QueryClient()}>
        <List />
      </LazyflowProvider>,
    );
    expect(html).toContain('data-rows="0"');
  });

  it('without any provider says what to do instead of sharing one client between requests', () => {
    expect(() => renderToString(<List />)).toThrow(/QueryClientProvider/);
  });
});
