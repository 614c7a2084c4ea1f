import type { FlowState } from './flowState.ts';

/**
 * What the row just before a page was when that page was fetched with one row of overlap
 * (decision 0074): its key and index, and the page it came with (its length and the keys of its
 * first and last items), so the watch uses it only while the list holds that same page.
 */
export interface PageEdge {
  /** The key of the row at `at` in the response. */
  readonly key: string | number;
  /** The index of that row: `page × pageSize − 1`. */
  readonly at: number;
  readonly size: number;
  readonly length: number;
  readonly first: string | number | undefined;
  readonly last: string | number | undefined;
}

/**
 * Whether `edge` was recorded with these items (same length, same first and last keys).
 *
 * @example
 * if (edge !== undefined && sameEdgePage(edge, state.items, getItemKey)) compare(edge.key);
 */
export function sameEdgePage<T>(
  edge: PageEdge,
  items: readonly T[],
  key: (item: T) => string | number,
): boolean {
  const { length } = items;
  return (
    edge.length === length &&
    length > 0 &&
    edge.first === key(items[0] as T) &&
    edge.last === key(items[length - 1] as T)
  );
}

/**
 * With the dataset-move watch, asks each offset page after the first with the row before it
 * (`offset − 1`, `limit + 1`), records that row's key with `record` and strips it before the page
 * goes on: the QueryClient, the caches, the counts and the bytes see pages of `pageSize` as
 * without the watch. An answer one row short is asked again without the row before it (a last
 * page of `pageSize − 1` rows, or a server that caps `limit` or pages by `page`: warned about in
 * development builds), so no row is lost. Only for a fixed `pageSize` and with `getItemKey` (read at each request);
 * other pages are asked as before. It replaces the list's `layout.load`, so that this code and
 * its cost come with the `@lazyflow/core/moves` import only.
 *
 * @example
 * overlapLoads(flow, (page, edge) => watch.edge(page, edge));
 */
export function overlapLoads<T>(flow: FlowState<T>, record: (page: number, edge: PageEdge) => void): void {
  const { layout } = flow;
  const load = layout.load.bind(layout);
  layout.load = (page, signal, isLoaded, priority) => {
    const { source, getItemKey } = flow.o;
    if (
      page === 0 ||
      getItemKey === undefined ||
      source.kind !== 'offset' ||
      source.loadSpan === undefined ||
      source.currentPageSize !== undefined ||
      source.strategy === 'eager'
    )
      return load(page, signal, isLoaded, priority);
    const size = source.pageSize;
    const at = page * size - 1;
    const loadSpan = source.loadSpan.bind(source);
    return loadSpan({ offset: at, limit: size + 1, signal, priority }).then(async (data) => {
      // Past the end (rows were deleted): no row before it came, the page is empty.
      if (data.items.length === 0) return data;
      let items: readonly T[] = data.items.slice(1);
      let answer = data;
      if (items.length === size - 1) {
        // One row short: the last page, or a server that caps `limit` at pageSize or pages by
        // `page` alone. The page is asked again as without the watch; the row before it is kept
        // only when the two answers agree on the page's first row.
        answer = await loadSpan({ offset: at + 1, limit: size, signal, priority });
        const agree =
          answer.items.length > 0 &&
          items.length > 0 &&
          getItemKey(answer.items[0] as T) === getItemKey(items[0] as T);
        if (answer.items.length === size && process.env.NODE_ENV !== 'production')
          console.warn(
            `lazyflow: moves: fetchPage({ offset: ${at}, limit: ${size + 1} }) returned ${size} rows, not ${size + 1}, though the page has ${size}: the page was asked again without the row before it (offset − 1, decision 0074). Pass offset and limit on to the server and let it send limit pageSize + 1.`,
          );
        items = answer.items;
        if (!agree) return answer;
      }
      const { length } = items;
      record(page, {
        key: getItemKey(data.items[0] as T),
        at,
        size,
        length,
        first: length > 0 ? getItemKey(items[0] as T) : undefined,
        last: length > 0 ? getItemKey(items[length - 1] as T) : undefined,
      });
      return { ...answer, items };
    });
  };
}
