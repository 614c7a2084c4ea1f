// Test support (not published): the component and the checks an app writes to test a lazyflow
// list where apps test components — jsdom or happy-dom, @testing-library/react, MSW in Node.
// There is no layout in a simulated DOM, so the list gets its size from `initialRect`.
import { eagerSource, offsetSource, QueryClient } from '@lazyflow/core';
import { server } from '@lazyflow/mocks/node';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode, useRef } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useLazyList } from '../useLazyList.ts';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

interface Item {
  id: number;
  title: string;
}

function Items() {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<Item>({
    key: ['items-in-a-simulated-dom'],
    source: offsetSource({
      pageSize: 50,
      fetchPage: async ({ offset, limit, signal }) => {
        const url = new URL(`/api/items?offset=${offset}&limit=${limit}&total=1000`, window.location.href);
        return (await fetch(url, { signal })).json();
      },
    }),
    getScrollElement: () => ref.current,
    estimateSize: () => 36,
    initialRect: { width: 400, height: 360 }, // a simulated DOM measures every element as 0 × 0
  });
  return (
    <div ref={ref} style={{ height: 360, overflow: 'auto' }}>
      <p>{list.status === 'error' ? String(list.error) : `${list.count} items`}</p>
      <ul>
        {list.rows.map((row) => (
          <li key={row.key} ref={list.measureElement} data-index={row.index}>
            {row.state.status === 'loaded' ? row.state.item.title : 'Loading…'}
          </li>
        ))}
      </ul>
    </div>
  );
}

const COLORS: readonly Item[] = Array.from({ length: 200 }, (_, id) => ({ id, title: `Color ${id}` }));

/** The data in hand (an app's array): `eagerSource`. */
function Colors() {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<Item>({
    key: ['colors-in-a-simulated-dom'],
    source: eagerSource(COLORS),
    getScrollElement: () => ref.current,
    estimateSize: () => 36,
    initialRect: { width: 400, height: 360 },
  });
  return (
    <div ref={ref} style={{ height: 360, overflow: 'auto' }}>
      <p>{`${list.count} colors`}</p>
      <ul>
        {list.rows.map((row) => (
          <li key={row.key} ref={list.measureElement} data-index={row.index}>
            {row.state.status === 'loaded' ? row.state.item.title : 'Loading…'}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Registers the suite; call it from a test file whose environment is `environment`. */
export function describeSimulatedDom(environment: string): void {
  describe(`useLazyList in ${environment} with @testing-library/react and MSW`, () => {
    it('shows the first rows with their data, and the count', async () => {
      render(
        <QueryClientProvider client={new QueryClient()}>
          <Items />
        </QueryClientProvider>,
      );
      expect(await screen.findByText('1000 items')).toBeTruthy();
      const rows = await screen.findAllByRole('listitem');
      expect(rows.length).toBeGreaterThanOrEqual(10); // 360 px of 36 px rows, plus overscan
      expect(rows.length).toBeLessThan(40);
      expect(await screen.findByText(/^#0 /)).toBeTruthy();
      expect(await screen.findByText(/^#9 /)).toBeTruthy();
    });

    it('an eagerSource array shows its rows right after render(), with no await (StrictMode)', async () => {
      const client = new QueryClient();
      render(
        <StrictMode>
          <QueryClientProvider client={client}>
            <Colors />
          </QueryClientProvider>
        </StrictMode>,
      );
      expect(screen.getByText('200 colors')).toBeTruthy();
      expect(screen.getByText('Color 0')).toBeTruthy();
      expect(screen.getByText('Color 9')).toBeTruthy();
      expect(screen.queryByText('Loading…')).toBeNull();
      // The rows' page went into the client once the list started (its render wrote nothing).
      const pages = () => client.getQueryCache().findAll({ queryKey: ['colors-in-a-simulated-dom', 'page'] });
      await vi.waitFor(() => expect(pages().length).toBeGreaterThan(0));
      expect(client.getQueryData(['colors-in-a-simulated-dom', 'page', 0])).toMatchObject({ total: 200 });
    });

    it('shows the rows a scroll moves to: scrollTop set and a scroll event fired', async () => {
      render(
        <QueryClientProvider client={new QueryClient()}>
          <Items />
        </QueryClientProvider>,
      );
      const scroller = (await screen.findByText('1000 items')).parentElement;
      expect(await screen.findByText(/^#9 /)).toBeTruthy();
      if (scroller === null) throw new Error('no scroll element');
      // No layout here: the element's scroll extent reads 0, which tells nothing about its end.
      expect(scroller.scrollHeight).toBe(0);
      scroller.scrollTop = 500 * 36;
      fireEvent.scroll(scroller);
      expect(await screen.findByText(/^#500 /)).toBeTruthy();
      expect(screen.queryByText(/^#9 /)).toBeNull();
    });
  });
}
