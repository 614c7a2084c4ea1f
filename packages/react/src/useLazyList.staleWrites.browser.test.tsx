// Writes made or settled while a refetch is on its way, through the hook, in real Chromium
// (decision 0040): a like on a row shown stale, a chat send that fails and one that is confirmed
// while the rows around it are stale. Every commit of the rendered rows is checked: no key twice.
import { QueryClient } from '@lazyflow/core';
import { listWrites, send } from '@lazyflow/core/writes';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { useLayoutEffect, useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { arraySource } from '../../core/src/testing/arraySource.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

afterEach(cleanup);

interface Message {
  readonly id: string;
  readonly clientId?: string;
  readonly body: string;
  readonly liked?: boolean;
  readonly status?: 'pending' | 'failed';
}

/** The server: its rows, and a gate that holds every answer while closed. */
const server = {
  rows: [] as Message[],
  gate: null as Promise<void> | null,
  open: () => {},
};
const hold = () => {
  server.gate = new Promise<void>((resolve) => {
    server.open = () => {
      server.gate = null;
      resolve();
    };
  });
};

const controls: { list: UseLazyListResult<Message> | null } = { list: null };
/** Each commit's rendered keys that repeat (must stay empty). */
const repeats: string[] = [];

function Chat({ listKey }: { listKey: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<Message>({
    key: [listKey],
    prefetch: 0,
    getItemKey: (m) => m.clientId ?? m.id,
    source: arraySource(() => server.rows, { pageSize: 10, onFetch: () => server.gate }),
    getScrollElement: () => ref.current,
    estimateSize: () => 30,
    writes: listWrites,
  });
  controls.list = list;
  useLayoutEffect(() => {
    const keys = [...(ref.current?.querySelectorAll('[data-key]') ?? [])].map((e) =>
      e.getAttribute('data-key'),
    );
    const seen = new Set<string | null>();
    for (const key of keys) {
      if (seen.has(key)) repeats.push(`${key} in ${keys.join(' ')}`);
      seen.add(key);
    }
  });
  return (
    <div ref={ref} style={{ height: 400, overflow: 'auto' }}>
      <div style={{ height: list.totalSize, position: 'relative' }}>
        {list.rows.map((row) =>
          row.state.status === 'loaded' ? (
            <div
              key={row.key}
              data-key={row.key}
              data-index={row.index}
              ref={list.measureElement}
              style={{ position: 'absolute', height: 30, transform: `translateY(${row.start}px)` }}
            >
              {`${row.state.item.body}${row.state.item.liked ? ' ♥' : ''}${row.state.item.status ? ` (${row.state.item.status})` : ''}`}
            </div>
          ) : null,
        )}
      </div>
    </div>
  );
}

const messages = (...bodies: string[]): Message[] => bodies.map((body) => ({ id: body, body }));
const shown = () => [...document.querySelectorAll('[data-key]')].map((e) => e.textContent);

async function open() {
  server.rows = messages('m0', 'm1', 'm2', 'm3');
  server.gate = null;
  repeats.length = 0;
  render(
    <QueryClientProvider client={new QueryClient()}>
      <Chat listKey={`stale-writes-${Math.random()}`} />
    </QueryClientProvider>,
  );
  await screen.findByText('m3');
  const list = controls.list;
  if (list === null) throw new Error('not rendered');
  return list;
}

describe('useLazyList writes while a refetch is on its way (decision 0040)', () => {
  it('a like on a stale row shows at once, lands on its item after the refetch, and rolls back after it', async () => {
    const list = await open();
    server.rows = messages('x0', 'm0', 'm1', 'm2', 'm3'); // the server inserted x0 above
    hold();
    act(() => list.refresh());
    let like: ReturnType<typeof list.update> | undefined;
    act(() => {
      like = list.update('m1', (m) => ({ ...m, liked: true }));
    });
    expect(like?.ok).toBe(true);
    expect(shown()).toEqual(['m0', 'm1 ♥', 'm2', 'm3']);
    await act(async () => server.open());
    await waitFor(() => expect(shown()).toEqual(['x0', 'm0', 'm1 ♥', 'm2', 'm3']));
    act(() => like?.rollback());
    expect(shown()).toEqual(['x0', 'm0', 'm1', 'm2', 'm3']);
    expect(repeats).toEqual([]);
  });

  it('a send failed while stale stays failed after the refetch, once, and its retry is confirmed in place', async () => {
    const list = await open();
    const attempts: { resolve: (m: Message) => void; reject: (e: Error) => void }[] = [];
    const request = () => new Promise<Message>((resolve, reject) => attempts.push({ resolve, reject }));
    let sent: ReturnType<typeof send> | undefined;
    act(() => {
      sent = send(list, { item: { id: 'c1', clientId: 'c1', body: 'hello' }, clientId: 'c1', request });
    });
    expect(shown().at(-1)).toBe('hello (pending)');
    server.rows = messages('m0', 'm1', 'm2', 'm3', 'm4'); // someone else wrote m4 meanwhile
    hold();
    act(() => list.refresh());
    await act(async () => attempts[0]?.reject(new Error('HTTP 500')));
    expect(await sent?.settled).toBe('failed');
    expect(shown().at(-1)).toBe('hello (failed)');
    await act(async () => server.open());
    await waitFor(() => expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'hello (failed)']));
    let retried: Promise<'confirmed' | 'failed'> | undefined;
    act(() => {
      retried = sent?.retry();
    });
    expect(shown().at(-1)).toBe('hello (pending)');
    const saved: Message = { id: 'm5', clientId: 'c1', body: 'hello' };
    server.rows = [...server.rows, saved];
    await act(async () => attempts[1]?.resolve(saved));
    expect(await retried).toBe('confirmed');
    expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'hello']);
    expect(repeats).toEqual([]);
  });

  it('a send confirmed while stale shows the server copy once after a refetch that holds it', async () => {
    const list = await open();
    let confirm: (m: Message) => void = () => {};
    let sent: ReturnType<typeof send> | undefined;
    act(() => {
      sent = send(list, {
        item: { id: 'c2', clientId: 'c2', body: 'hi' },
        clientId: 'c2',
        request: () => new Promise<Message>((resolve) => (confirm = resolve)),
      });
    });
    const saved: Message = { id: 'm4', clientId: 'c2', body: 'hi (saved)' };
    server.rows = [...server.rows, saved];
    hold();
    act(() => list.refresh());
    await act(async () => confirm(saved));
    expect(await sent?.settled).toBe('confirmed');
    expect(shown().at(-1)).toBe('hi (saved)');
    await act(async () => server.open());
    await waitFor(() => expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'hi (saved)']));
    expect(repeats).toEqual([]);
  });
});
