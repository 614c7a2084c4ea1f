// The hook's writes where React makes lists come and go: StrictMode's mount, unmount and mount
// again, and a key change that makes a new list. The write controls must reach the live list.
import { type ListWriteResult, QueryClient } from '@lazyflow/core';
import { listWrites, send } from '@lazyflow/core/writes';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { arraySource } from '../../core/src/testing/arraySource.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

afterEach(cleanup);

interface Item {
  readonly id: string;
  readonly label: string;
  readonly status?: 'pending' | 'failed';
}

const items = (prefix: string, n: number): Item[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, label: `${prefix} ${i}` }));

let latest: UseLazyListResult<Item> | undefined;

function Items({ listKey, rows }: { listKey: string; rows: () => readonly Item[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<Item>({
    key: [listKey],
    prefetch: 0,
    getItemKey: (item) => item.id,
    source: arraySource(rows, { pageSize: 10 }),
    getScrollElement: () => ref.current,
    estimateSize: () => 20,
    writes: listWrites,
  });
  latest = list;
  return (
    <div ref={ref} style={{ height: 200, overflow: 'auto' }}>
      <div style={{ height: list.totalSize, position: 'relative' }}>
        {list.rows.map((row) => (
          <div
            key={row.key}
            data-index={row.index}
            style={{ position: 'absolute', height: 20, transform: `translateY(${row.start}px)` }}
          >
            {row.state.status === 'loaded'
              ? `${row.state.item.label}${row.state.item.status ? ` (${row.state.item.status})` : ''}`
              : '…'}
          </div>
        ))}
      </div>
    </div>
  );
}

const live = (): UseLazyListResult<Item> => {
  if (latest === undefined) throw new Error('not rendered');
  return latest;
};

describe('hook writes under StrictMode and key changes', () => {
  it('in StrictMode update, insert, remove and their rollbacks reach the live list', async () => {
    const data = items('a', 30);
    render(
      <StrictMode>
        <QueryClientProvider client={new QueryClient()}>
          <Items listKey={`strict-${Math.random()}`} rows={() => data} />
        </QueryClientProvider>
      </StrictMode>,
    );
    await screen.findByText('a 3');
    let results: ListWriteResult[] = [];
    act(() => {
      results = [
        live().update('a3', (item) => ({ ...item, label: 'a 3 edited' })),
        live().insert(0, [{ id: 'top', label: 'top' }]),
        live().remove('a5'),
      ];
    });
    expect(results.map((r) => (r.ok ? 'ok' : r.error.reason))).toEqual(['ok', 'ok', 'ok']);
    expect(screen.getByText('a 3 edited')).toBeTruthy();
    expect(screen.getByText('top')).toBeTruthy();
    expect(screen.queryByText('a 5')).toBeNull();
    expect(live().count).toBe(30);
    act(() => {
      for (const r of results.reverse()) r.rollback();
    });
    // Rolling back the insert at the top needs rows of pages the remove dropped: they come back
    // from the server (shown loading meanwhile), in place.
    expect(await screen.findByText('a 3')).toBeTruthy();
    expect(screen.queryByText('top')).toBeNull();
    expect(screen.getByText('a 5')).toBeTruthy();
    expect(live().count).toBe(30);
  });

  it('in StrictMode send() through the hook shows the item pending, then the server copy in place', async () => {
    const data = items('s', 5);
    render(
      <StrictMode>
        <QueryClientProvider client={new QueryClient()}>
          <Items listKey={`strict-send-${Math.random()}`} rows={() => data} />
        </QueryClientProvider>
      </StrictMode>,
    );
    await screen.findByText('s 4');
    let resolve: (item: Item) => void = () => {};
    let sent: ReturnType<typeof send<Item>> | undefined;
    act(() => {
      sent = send(live(), {
        item: { id: 'c1', label: 'hello' },
        clientId: 'c1',
        request: () => new Promise<Item>((r) => (resolve = r)),
      });
    });
    expect(sent?.ok).toBe(true);
    expect(await screen.findByText('hello (pending)')).toBeTruthy();
    await act(async () => {
      resolve({ id: 'c1', label: 'hello saved' });
      await sent?.settled;
    });
    expect(screen.getByText('hello saved')).toBeTruthy();
    expect(screen.queryByText('hello (pending)')).toBeNull();
    expect(live().count).toBe(6);
  });

  it('after a key change the writes go to the new list, and the old key’s rollback leaves it alone', async () => {
    const first = items('k', 20);
    const second = items('n', 20);
    const client = new QueryClient();
    const keyA = `keyed-a-${Math.random()}`;
    const keyB = `keyed-b-${Math.random()}`;
    const { rerender } = render(
      <QueryClientProvider client={client}>
        <Items listKey={keyA} rows={() => first} />
      </QueryClientProvider>,
    );
    await screen.findByText('k 2');
    let old: ListWriteResult | undefined;
    act(() => {
      old = live().remove('k2');
    });
    expect(old?.ok).toBe(true);
    rerender(
      <QueryClientProvider client={client}>
        <Items listKey={keyB} rows={() => second} />
      </QueryClientProvider>,
    );
    await screen.findByText('n 2');
    let now: ListWriteResult | undefined;
    act(() => {
      now = live().remove('n2');
    });
    expect(now?.ok).toBe(true);
    expect(screen.queryByText('n 2')).toBeNull();
    act(() => old?.rollback());
    expect(screen.queryByText('n 2')).toBeNull();
    expect(screen.queryByText('k 2')).toBeNull();
    expect(live().count).toBe(19);
    await waitFor(() => expect(screen.getByText('n 3')).toBeTruthy());
  });
});
