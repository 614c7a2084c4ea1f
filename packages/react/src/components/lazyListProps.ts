import type { LazyListSource, VirtualRow } from '@lazyflow/core';
import type { QueryKey } from '@tanstack/query-core';
import type { CSSProperties, ReactNode } from 'react';
import type { LazyListControls, UseLazyListOptions } from '../useLazyList.ts';

/** The hook options `<LazyList>` sets itself (the scroller is its own element). */
type OwnOptions = 'key' | 'source' | 'getScrollElement' | 'useWindowScroll' | 'scrollMargin';

/** What `<LazyList>` shows, how it looks, and every other `useLazyList` option. */
interface LazyListViewProps<T> extends Omit<UseLazyListOptions<T>, OwnOptions> {
  /** Content of a loaded row. */
  readonly renderItem: (item: T, index: number) => ReactNode;
  /**
   * Every row's size in px (its height; its width with `horizontal`) when all rows have one: each
   * row is given that size and none is measured (no ResizeObserver per row), as react-window's
   * `rowHeight`. In place of `estimateSize`. Default: rows are measured and may have any size.
   */
  readonly itemSize?: number;
  /** Content of a row not loaded yet (and of a failed page's other rows). Default: nothing, the row keeps its size. */
  readonly renderPlaceholder?: (index: number) => ReactNode;
  /**
   * A failed page, shown in its first row on screen (or in place of the rows when nothing could
   * be loaded); `retry` fetches the failed pages again. Default: the error's message and a Retry button.
   */
  readonly renderError?: (error: unknown, retry: () => void) => ReactNode;
  /**
   * Rendered inside the scroller before the rows; it scrolls away with them unless `stickyHeader`.
   * Its measured size is added to `scrollPaddingStart`.
   */
  readonly header?: ReactNode;
  /** Keeps the header at the top of the scroller (give it a background); rows scrolled to land below it. */
  readonly stickyHeader?: boolean;
  /** Rendered inside the scroller after the rows; its measured size is added to `scrollPaddingEnd`. */
  readonly footer?: ReactNode;
  /** The scroller's height (px or any CSS length). The list needs one, from here, `style` or `className`. */
  readonly height?: number | string;
  readonly className?: string;
  /** Merged over the scroller's own style (`overflow: auto`, `height`). */
  readonly style?: CSSProperties;
  /** Names the list for assistive technology (on the `role="list"` element). */
  readonly 'aria-label'?: string;
  readonly 'aria-labelledby'?: string;
}

/**
 * Props of {@link LazyList}: either `source` with its `queryKey` (the hook's `key`: React keeps
 * the prop name `key` for itself), or `data`, an array already in hand; then `renderItem` and any
 * `useLazyList` option (`estimateSize`, `overscan`, `lanes`, `anchor`, `getItemKey`, `prefetch`…).
 *
 * @example
 * const props: LazyListProps<User> = {
 *   queryKey: ['users'],
 *   source: offsetSource({ pageSize: 100, fetchPage }),
 *   renderItem: (user) => user.name,
 *   height: 600,
 * };
 */
export type LazyListProps<T> = LazyListViewProps<T> &
  (
    | {
        /** Where items come from: `offsetSource`, `cursorSource`, `rangeSource`, `autoSource`… */
        readonly source: LazyListSource<T>;
        /** The dataset's identity, `useLazyList`'s `key`: a new one is other data (a filter, a sort). */
        readonly queryKey: QueryKey;
        readonly data?: never;
      }
    | {
        /** Items in hand (shown through `eagerSource`); another array shows the new items. */
        readonly data: readonly T[];
        /** Optional with `data`: set it to share the pages (or the IndexedDB `cache`) between mounts. */
        readonly queryKey?: QueryKey;
        readonly source?: never;
      }
  );

/**
 * What a `ref` on {@link LazyList} holds: the hook's controls (the same functions while the
 * `queryKey` stays): scrolling and focus, the saved position, retry and refresh, and the writes
 * with rollback (`update`, `insert`, `remove`: with `writes={listWrites}` from
 * `@lazyflow/core/writes`; `append` always).
 *
 * @example
 * const ref = useRef<LazyListHandle<User>>(null);
 * ref.current?.scrollToIndex(5_000, { align: 'start' });
 * const { rollback } = ref.current?.update(user.id, (u) => ({ ...u, name })) ?? {};
 */
export interface LazyListHandle<T>
  extends Pick<
    LazyListControls<T>,
    | 'scrollToIndex'
    | 'focusIndex'
    | 'saveScroll'
    | 'append'
    | 'retry'
    | 'refresh'
    | 'update'
    | 'insert'
    | 'remove'
  > {}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'object' || typeof value === 'function' ? `a ${typeof value}` : String(value);
}

function propError(prop: string, expected: string, got: unknown): TypeError {
  return new TypeError(`lazyflow: LazyList prop "${prop}" must be ${expected}, got ${describe(got)}`);
}

/**
 * Throws a TypeError naming the first bad prop (the hook and the sources check their own options).
 * Whether `data` or `source` is given, and `data` being an array, are checked in every build: they
 * follow the app's data (`data={query.data}`); the other props in development builds only
 * (decision 0054).
 *
 * @example
 * checkLazyListProps({ data: items, renderItem: String }); // fine
 */
export function checkLazyListProps(
  props: {
    readonly [name in
      | 'source'
      | 'data'
      | 'queryKey'
      | 'height'
      | 'itemSize'
      | 'estimateSize'
      | 'layout'
      | 'stickyHeader'
      | 'renderItem'
      | 'renderPlaceholder'
      | 'renderError']?: unknown;
  },
): void {
  const { source, data, queryKey, height } = props;
  if (source !== undefined && data !== undefined) {
    throw propError('data', 'left out when "source" is given (one or the other)', data);
  }
  if (source === undefined && data === undefined) {
    throw propError('source', 'a source (with "queryKey"), or pass "data"', source);
  }
  if (data !== undefined && !Array.isArray(data)) throw propError('data', 'an array', data);
  if (process.env.NODE_ENV === 'production') return;
  if ((source !== undefined || queryKey !== undefined) && !Array.isArray(queryKey)) {
    throw propError('queryKey', 'an array (the query key of the data)', queryKey);
  }
  if (props.stickyHeader !== undefined && typeof props.stickyHeader !== 'boolean') {
    throw propError('stickyHeader', 'true or false', props.stickyHeader);
  }
  for (const name of ['renderItem', 'renderPlaceholder', 'renderError'] as const) {
    const value: unknown = props[name];
    if (typeof value !== 'function' && (name === 'renderItem' || value !== undefined)) {
      throw propError(name, 'a function', value);
    }
  }
  const badHeight =
    typeof height === 'number' ? !Number.isFinite(height) || height < 0 : typeof height !== 'string';
  if (height !== undefined && badHeight) throw propError('height', 'a number >= 0 or a CSS length', height);
  const { itemSize } = props;
  if (itemSize === undefined) return;
  if (typeof itemSize !== 'number' || !(itemSize > 0) || !Number.isFinite(itemSize)) {
    throw propError('itemSize', 'a number of px > 0', itemSize);
  }
  // Each would size rows another way: an estimate to measure against, or masonry's measured items.
  for (const name of ['estimateSize', 'layout'] as const) {
    if (props[name] !== undefined) throw propError(name, 'left out when "itemSize" is given', props[name]);
  }
}

/** How rows sit in the content element. */
export interface RowLayout {
  readonly horizontal: boolean;
  readonly lanes: number;
  readonly gap: number;
  /** Rows of a known size (`itemSize`): each is given its size, not measured. */
  readonly fixed?: boolean;
}

/**
 * A row's absolute position: along the scroll axis at `row.start`; across it, its lane's share.
 * Inline offsets are logical (`insetInlineStart`), so rows of a horizontal list and lanes run
 * from the right in a right-to-left page.
 * A row that is not loaded keeps at least its known size (measured or estimated), so a
 * placeholder never collapses the rows below it; a row of a known size (`fixed`) has exactly it.
 *
 * @example
 * rowStyle(row, { horizontal: false, lanes: 1, gap: 0 }, false); // { transform: 'translateY(360px)', minHeight: 36, … }
 */
export function rowStyle(row: VirtualRow<unknown>, layout: RowLayout, loaded: boolean): CSSProperties {
  const { horizontal, lanes, gap } = layout;
  const cross =
    lanes === 1
      ? { offset: 0, size: '100%' }
      : {
          offset: `calc(${row.lane} * 100% / ${lanes} + ${gap / 2}px)`,
          size: `calc(100% / ${lanes} - ${gap}px)`,
        };
  const keep = loaded || layout.fixed ? undefined : row.size;
  // A row of a known size has it exactly, its padding and border inside.
  const size = layout.fixed ? row.size : undefined;
  const box = layout.fixed ? 'border-box' : undefined;
  return horizontal
    ? {
        position: 'absolute',
        // The inline start: the right edge in a right-to-left page, where such a row begins.
        insetInlineStart: row.start,
        top: cross.offset,
        height: cross.size,
        width: size,
        minWidth: keep,
        boxSizing: box,
      }
    : {
        position: 'absolute',
        top: 0,
        insetInlineStart: cross.offset,
        width: cross.size,
        height: size,
        minHeight: keep,
        boxSizing: box,
        transform: `translateY(${row.start}px)`,
      };
}

/**
 * The header's box: in flow at the content's start (the scroll padding's place), pinned there
 * while scrolling when `sticky`.
 *
 * @example
 * headerStyle(false, true); // { position: 'sticky', zIndex: 1, display: 'flow-root', top: 0 }
 */
export function headerStyle(horizontal: boolean, sticky: boolean): CSSProperties {
  const pinned: CSSProperties = sticky ? { position: 'sticky', zIndex: 1 } : {};
  return horizontal
    ? { ...pinned, flex: 'none', insetInlineStart: sticky ? 0 : undefined }
    : // flow-root: the header's own margins (an <h2>'s) stay inside the size that is measured.
      { ...pinned, display: 'flow-root', top: sticky ? 0 : undefined };
}

/**
 * The footer's box: at the content's end (the end padding's place); in flow after the error
 * when the list has no rows to size the content.
 *
 * @example
 * footerStyle(false, false); // { position: 'absolute', bottom: 0, left: 0, right: 0 }
 */
export function footerStyle(horizontal: boolean, inFlow: boolean): CSSProperties {
  if (inFlow) return { flex: 'none', display: 'flow-root' };
  return horizontal
    ? { position: 'absolute', insetInlineEnd: 0, top: 0, bottom: 0 }
    : { position: 'absolute', bottom: 0, left: 0, right: 0 };
}
