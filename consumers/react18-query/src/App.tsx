import { type OffsetPage, offsetSource } from '@lazyflow/core';
import { useLazyList } from '@lazyflow/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, version } from 'react';
import type { Item } from '../../shared/itemsApi.ts';

const ITEMS_KEY = ['items'];
const ROW_HEIGHT = 36;

/** Relative to the page, so the same call works in jsdom, whose Node fetch needs an absolute URL. */
function apiUrl(path: string): URL {
  return new URL(path, window.location.href);
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export interface AppProps {
  /** The list's size before it is measured; a simulated DOM (jsdom) measures every element 0 × 0. */
  readonly initialRect?: { width: number; height: number };
}

/** 100,000 items from `/api/items`, and a React Query mutation that renames one. */
export function App({ initialRect }: AppProps) {
  const ref = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const list = useLazyList<Item>({
    key: ITEMS_KEY,
    source: offsetSource({
      pageSize: 50,
      fetchPage: async ({ offset, limit, signal }) =>
        json<OffsetPage<Item>>(await fetch(apiUrl(`/api/items?offset=${offset}&limit=${limit}`), { signal })),
    }),
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_HEIGHT,
    ...(initialRect && { initialRect }),
  });
  const rename = useMutation({
    mutationFn: async (title: string) =>
      json<Item>(
        await fetch(apiUrl('/api/items/0'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title }),
        }),
      ),
    // The list's pages are queries under its key: invalidating the key refetches the rows on screen.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ITEMS_KEY }),
  });
  return (
    <main>
      <h1>Items · React {version} · React Query</h1>
      <p role="status">
        {list.status === 'error' ? `Could not load items: ${String(list.error)}` : `${list.count} items`}
      </p>
      <button type="button" disabled={rename.isPending} onClick={() => rename.mutate('Item 0, renamed')}>
        Rename item 0
      </button>
      <div ref={ref} data-testid="items" style={{ height: 360, overflow: 'auto', border: '1px solid #ccc' }}>
        <div style={{ height: list.totalSize, position: 'relative' }}>
          {list.rows.map((row) => (
            <div
              key={row.key}
              ref={list.measureElement}
              data-index={row.index}
              data-testid="row"
              style={{
                position: 'absolute',
                top: 0,
                width: '100%',
                height: ROW_HEIGHT,
                transform: `translateY(${row.start}px)`,
              }}
            >
              {row.state.status === 'loaded' ? row.state.item.title : 'Loading…'}
            </div>
          ))}
        </div>
      </div>
    </main>
  );
}
