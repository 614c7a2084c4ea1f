import { type OffsetPage, offsetSource } from '@lazyflow/core';
import { useLazyList } from '@lazyflow/react';
import { useRef, version } from 'react';
import type { Item } from '../../shared/itemsApi.ts';

const ROW_HEIGHT = 36;

/** Relative to the page, so the same call works in jsdom, whose Node fetch needs an absolute URL. */
function apiUrl(path: string): URL {
  return new URL(path, window.location.href);
}

export interface AppProps {
  /** The list's size before it is measured; a simulated DOM (jsdom) measures every element 0 × 0. */
  readonly initialRect?: { width: number; height: number };
}

/** 100,000 items from `/api/items`, without React Query in the app. */
export function App({ initialRect }: AppProps) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<Item>({
    key: ['items'],
    source: offsetSource({
      pageSize: 50,
      fetchPage: async ({ offset, limit, signal }) => {
        const response = await fetch(apiUrl(`/api/items?offset=${offset}&limit=${limit}`), { signal });
        if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
        return (await response.json()) as OffsetPage<Item>;
      },
    }),
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_HEIGHT,
    ...(initialRect && { initialRect }),
  });
  return (
    <main>
      <h1>Items · React {version} · no React Query provider</h1>
      <p role="status">
        {list.status === 'error' ? `Could not load items: ${String(list.error)}` : `${list.count} items`}
      </p>
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
