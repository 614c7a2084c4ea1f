// Optimistic writes as an app makes them with React Query: useMutation's onMutate writes into the
// list, onError rolls back, onSettled invalidates. Written with @testing-library/react, in real
// Chromium, with two lists on one key to show both follow every write.
import { type ListWriteResult, QueryClient } from '@lazyflow/core';
import { listWrites } from '@lazyflow/core/writes';
import { QueryClientProvider, useMutation, useQueryClient } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { type RefObject, useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { arraySource } from '../../core/src/testing/arraySource.ts';
import { useLazyList } from './useLazyList.ts';

afterEach(cleanup);

interface Todo {
  readonly id: string;
  readonly title: string;
  readonly done: boolean;
}

/** The server's rows; `failNext` makes the next save fail. */
const db = { todos: [] as Todo[], failNext: false };
const reset = () => {
  db.todos = Array.from({ length: 500 }, (_, i) => ({ id: `t${i}`, title: `Todo ${i}`, done: false }));
  db.failNext = false;
};

function useTodos(listKey: string, ref: RefObject<HTMLDivElement | null>) {
  return useLazyList<Todo>({
    key: [listKey],
    prefetch: 0,
    getItemKey: (todo) => todo.id,
    source: arraySource(() => db.todos, { pageSize: 20 }),
    getScrollElement: () => ref.current,
    estimateSize: () => 30,
    writes: listWrites,
  });
}

function Todos({ listKey, label }: { listKey: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useTodos(listKey, ref);
  const client = useQueryClient();
  const toggle = useMutation<void, Error, Todo, { rollback: () => void }>({
    mutationFn: async (todo) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (db.failNext) {
        db.failNext = false;
        throw new Error('save failed');
      }
      db.todos = db.todos.map((t) => (t.id === todo.id ? { ...t, done: !t.done } : t));
    },
    onMutate: (todo) => list.update(todo.id, (t) => ({ ...t, done: !t.done })),
    onError: (_error, _todo, context) => context?.rollback(),
    onSettled: () => client.invalidateQueries({ queryKey: [listKey] }),
  });
  return (
    <div ref={ref} style={{ height: 300, overflow: 'auto' }}>
      <div style={{ height: list.totalSize, position: 'relative' }}>
        {list.rows.map((row) =>
          row.state.status === 'loaded' ? (
            <button
              type="button"
              key={row.key}
              ref={list.measureElement}
              data-index={row.index}
              onClick={() => toggle.mutate(row.state.item as Todo)}
              style={{ position: 'absolute', height: 30, transform: `translateY(${row.start}px)` }}
            >
              {`${label} ${row.state.item.title}${row.state.item.done ? ' ✓' : ''}`}
            </button>
          ) : (
            <div key={row.key} data-index={row.index} style={{ position: 'absolute', height: 30 }} />
          ),
        )}
      </div>
    </div>
  );
}

/** Writes during render of what is not loaded: refused as values (nothing changes, nothing throws). */
const probeResults: ListWriteResult[] = [];
function Probe({ listKey }: { listKey: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useTodos(listKey, ref);
  if (list.status === 'ready' && probeResults.length === 0) {
    probeResults.push(list.remove('t400'), list.insert(10_000, []));
  }
  return <div ref={ref} style={{ height: 300, overflow: 'auto' }} />;
}

describe('useLazyList writes with useMutation', () => {
  it('updates a row at once, rolls it back when the mutation fails, and shows both lists the same', async () => {
    reset();
    const client = new QueryClient();
    const listKey = `todos-${Math.random()}`;
    render(
      <QueryClientProvider client={client}>
        <Todos listKey={listKey} label="A" />
        <Todos listKey={listKey} label="B" />
      </QueryClientProvider>,
    );
    const row = await screen.findByText('A Todo 3');
    expect(await screen.findByText('B Todo 3')).toBeTruthy();

    db.failNext = true;
    act(() => row.click());
    // Optimistic: both lists show it before the server answers.
    expect(screen.getByText('A Todo 3 ✓')).toBeTruthy();
    expect(screen.getByText('B Todo 3 ✓')).toBeTruthy();
    // The save fails: onError rolls back in both.
    await waitFor(() => expect(screen.getByText('A Todo 3')).toBeTruthy());
    expect(screen.getByText('B Todo 3')).toBeTruthy();
    expect(db.todos[3]?.done).toBe(false);

    // A save that succeeds stays, and the refetch after onSettled agrees with it.
    act(() => screen.getByText('B Todo 5').click());
    expect(screen.getByText('A Todo 5 ✓')).toBeTruthy();
    await waitFor(() => expect(db.todos[5]?.done).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.getByText('A Todo 5 ✓')).toBeTruthy();
    expect(screen.getByText('B Todo 5 ✓')).toBeTruthy();
  });

  it('insert and remove return error values, never throw, for what is not loaded', async () => {
    reset();
    probeResults.length = 0;
    render(<Probe listKey={`probe-${Math.random()}`} />);
    await waitFor(() => expect(probeResults).toHaveLength(2));
    expect(probeResults.map((result) => (result.ok ? 'ok' : result.error.reason))).toEqual([
      'unknown-key',
      'out-of-range',
    ]);
  });
});
