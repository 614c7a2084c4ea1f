import { pageQueryKey } from '../scheduler/pageQuery.ts';
import type { FlowState } from './flowState.ts';
import { heldAppData } from './writeWatcher.ts';

const warned = new WeakSet<object>();

/**
 * Development builds only (the caller's `process.env.NODE_ENV` check drops it from production
 * bundles): page data the app wrote into the QueryClient with another number of items than this
 * list holds there, fresh, on a list without the write engine. Such a list shows the page as
 * written: the rows after it do not move, the count stays, a shorter page leaves an empty row and
 * a longer one hides its last rows (decision 0072). Warns once per list, naming the page, both
 * lengths and the option that applies such a page as the removes and inserts it stands for.
 * Items that only came at the end of the list's last page (an `append`) are not warned about,
 * nor a page another list on the key with the engine took as writes (checked once every list
 * heard it: the engine puts other page data back, so the written items are no longer there).
 *
 * @example
 * if (process.env.NODE_ENV !== 'production') warnWrittenLength(flow, page, data);
 */
export function warnWrittenLength<T>(flow: FlowState<T>, page: number, data: unknown): void {
  const { source, writes, key } = flow.o;
  const items = (data as { items?: unknown } | null)?.items;
  const held = flow.store.get(page);
  const before = held?.items;
  if (writes !== undefined || source.kind !== 'offset' || warned.has(flow) || !Array.isArray(items)) return;
  if (before === undefined || held?.stale === true || before.length === items.length) return;
  const lastPage = page * source.pageSize + before.length >= flow.layout.count;
  if (lastPage && items.length > before.length && items.length <= source.pageSize) return;
  const client = flow.queries.client;
  queueMicrotask(() => {
    const now = (client.getQueryData(pageQueryKey(key, page)) as { items?: unknown } | undefined)?.items;
    if (now !== items || heldAppData.has(data as object) || warned.has(flow) || flow.destroyed) return;
    warned.add(flow);
    console.warn(
      `lazyflow: page ${page} of ${JSON.stringify(key)} was written into the QueryClient with ${items.length} items where the list holds ${before.length}: without a write engine the list shows it as written (the rows after it do not move, the count stays). Pass writes: listWrites (from '@lazyflow/core/writes') to apply it as the removes and inserts it stands for, or use list.insert / list.remove (docs/items.md).`,
    );
  });
}
