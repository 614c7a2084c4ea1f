import { afterEach } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import type { LazyList } from '../list/LazyList.ts';
import type { LazyListOptions } from '../list/lazyListOptions.ts';
import type { LazyListSnapshot } from '../list/listSnapshot.ts';
import { listWrites } from '../list/writeCommands.ts';
import type { OffsetSource } from '../sources/source.ts';

/** A row of the write tests: its key `id` is `r<n>`, `n` its place on the server. */
export interface Row {
  readonly id: string;
  readonly n: number;
  readonly liked?: boolean;
}

/**
 * The server's row `n`.
 *
 * @example
 * const rows = Array.from({ length: 100 }, (_, n) => row(n));
 */
export const row = (n: number): Row => ({ id: `r${n}`, n });

/**
 * Lets promise chains and zero-delay timers run.
 *
 * @example
 * list.setWindow({ start: 0, end: 20 });
 * await settle();
 */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * What `snapshot` shows from `from` to `to`: each loaded row's `id`, else its status.
 *
 * @example
 * expect(rowIds(list.getSnapshot(), 3, 6)).toEqual(['r3', 'r4', 'loading']);
 */
export const rowIds = (snapshot: LazyListSnapshot<Row>, from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => {
    const state = snapshot.getItem(from + i);
    return state.status === 'loaded' ? state.item.id : state.status;
  });

/**
 * For a test file (call once at its top level): `open(source, options)` creates a list of rows
 * on key `['rows']` with the write engine, keyed by `id`, 10 bytes an item, no prefetch, stats
 * at each change, subscribed, showing [0, 20) and settled; `keep(list)` has a list made otherwise
 * destroyed with them after each test.
 *
 * @example
 * const { open } = writeRowLists();
 * const list = await open(arraySource(rows, { pageSize: 10 }), { queryClient });
 */
export function writeRowLists(): {
  open: (source: OffsetSource<Row>, options?: Partial<LazyListOptions<Row>>) => Promise<LazyList<Row>>;
  keep: (list: LazyList<Row>) => LazyList<Row>;
} {
  const lists: LazyList<Row>[] = [];
  afterEach(() => {
    for (const list of lists.splice(0)) list.destroy();
  });
  const keep = (list: LazyList<Row>) => {
    lists.push(list);
    return list;
  };
  const open = async (source: OffsetSource<Row>, options: Partial<LazyListOptions<Row>> = {}) => {
    const list = keep(
      createLazyList<Row>({
        key: ['rows'],
        source,
        getItemKey: (item) => item.id,
        prefetch: 0,
        statsIntervalMs: 0,
        estimateBytes: (items) => items.length * 10,
        writes: listWrites,
        ...options,
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 20 });
    await settle();
    return list;
  };
  return { open, keep };
}
