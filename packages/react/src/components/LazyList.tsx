import { eagerSource } from '@lazyflow/core';
import { keyboardNavigation } from '@lazyflow/core/keyboard';
import {
  type ForwardedRef,
  forwardRef,
  type ReactElement,
  type ReactNode,
  type Ref,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
} from 'react';
import { useLazyList } from '../useLazyList.ts';
import { LazyListRow, type RowContent } from './LazyListRow.tsx';
import {
  checkLazyListProps,
  footerStyle,
  headerStyle,
  type LazyListHandle,
  type LazyListProps,
} from './lazyListProps.ts';
import { useBoxSize } from './useBoxSize.ts';

export type { LazyListHandle, LazyListProps } from './lazyListProps.ts';

// Rows are placed in the content element (the list's parent): header, rows and footer share one box.
const LIST_STYLE = { margin: 0, padding: 0, listStyle: 'none' } as const;
const NO_ERROR: unique symbol = Symbol('no error');

function defaultError(error: unknown, retry: () => void): ReactNode {
  return (
    <div role="alert">
      {error instanceof Error ? error.message : 'Could not load these rows.'}{' '}
      <button type="button" onClick={retry}>
        Retry
      </button>
    </div>
  );
}

/** The app's own scroll padding plus a measured header or footer; a bad value is left for the hook to name. */
function addPadding(own: number | undefined, measured: number): number | undefined {
  if (own === undefined) return measured;
  return typeof own === 'number' ? own + measured : own;
}

function LazyListRender<T>(props: LazyListProps<T>, ref: ForwardedRef<LazyListHandle<T>>): ReactElement {
  checkLazyListProps(props);
  const {
    queryKey,
    source,
    data,
    renderItem,
    itemSize,
    renderPlaceholder,
    renderError = defaultError,
    header,
    footer,
    stickyHeader = false,
    height,
    className,
    style,
    'aria-label': ariaLabel,
    'aria-labelledby': ariaLabelledBy,
    ...options
  } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const instance = useId();
  // `data` goes through the core's eager source; a new array is other data (adopted, not remounted).
  const eager = useMemo(() => (data === undefined ? undefined : eagerSource(data)), [data]);
  const horizontal = options.horizontal === true;
  const [headerRef, headerSize] = useBoxSize(horizontal);
  const [footerRef, footerSize] = useBoxSize(horizontal);
  const list = useLazyList<T>({
    ...options,
    // Rows of a known size: the list lays them out at it (nothing to measure).
    ...(itemSize === undefined ? {} : { estimateSize: () => itemSize }),
    key: queryKey ?? ['lazyflow', 'LazyList', instance],
    // One of the two is set (checked above).
    source: source ?? eager ?? eagerSource<T>([]),
    getScrollElement: () => scroller.current,
    // The component wires onKeyDown itself, so it brings the code (decision 0058).
    keyboard: keyboardNavigation,
    // The header and footer sit in the scroll padding: rows start after the header, and
    // scrollToIndex and keyboard focus keep rows clear of a sticky header.
    scrollPaddingStart: addPadding(options.scrollPaddingStart, headerSize),
    scrollPaddingEnd: addPadding(options.scrollPaddingEnd, footerSize),
  });
  const { scrollToIndex, focusIndex, saveScroll, append, retry, refresh, update, insert, remove } = list;
  useImperativeHandle(
    ref,
    () => ({ scrollToIndex, focusIndex, saveScroll, append, retry, refresh, update, insert, remove }),
    [scrollToIndex, focusIndex, saveScroll, append, retry, refresh, update, insert, remove],
  );

  const lanes = options.lanes ?? 1;
  const gap = options.gap ?? 0;
  // Roving tabindex: one row is a tab stop, the focused one or else the first in view.
  const tabStop = list.focusedIndex ?? list.range?.start ?? 0;
  const setSize = list.list.countKind === 'exact' ? list.count : -1; // -1: the size is not known yet
  let previousError: unknown = NO_ERROR;
  const rows = list.rows.map((row) => {
    const { state } = row;
    // One message per failed page on screen (a page's rows share its error), not one per row.
    const content: RowContent =
      state.status === 'loaded'
        ? 'item'
        : state.status === 'error' && state.error !== previousError
          ? 'error'
          : 'placeholder';
    previousError = state.status === 'error' ? state.error : NO_ERROR;
    return (
      <LazyListRow<T>
        key={row.key}
        row={row}
        content={content}
        tabbable={row.index === tabStop}
        setSize={setSize}
        horizontal={horizontal}
        lanes={lanes}
        gap={gap}
        fixed={itemSize !== undefined}
        measureElement={list.measureElement}
        renderItem={renderItem}
        renderPlaceholder={renderPlaceholder}
        renderError={renderError}
        retry={retry}
      />
    );
  });
  // The first page failed: no rows and no count, so the error and the footer flow after the header.
  const failedEmpty = list.rows.length === 0 && list.status === 'error';
  return (
    <div
      ref={scroller}
      className={className}
      data-status={list.status}
      style={{ overflow: 'auto', height, ...style }}
    >
      <div
        style={{
          position: 'relative',
          ...(horizontal ? { display: 'flex', height: '100%' } : undefined),
          ...(failedEmpty ? undefined : { [horizontal ? 'width' : 'height']: list.totalSize }),
        }}
      >
        {header !== undefined && (
          <div ref={headerRef} data-lazyflow-header="" style={headerStyle(horizontal, stickyHeader)}>
            {header}
          </div>
        )}
        {/* Keys pressed on a row (arrows, PageUp/PageDown, Home/End) move focus between rows. */}
        <ul
          aria-label={ariaLabel}
          aria-labelledby={ariaLabelledBy}
          onKeyDown={list.onKeyDown}
          style={LIST_STYLE}
        >
          {rows}
        </ul>
        {failedEmpty && renderError(list.error, retry)}
        {footer !== undefined && (
          <div ref={footerRef} data-lazyflow-footer="" style={footerStyle(horizontal, failedEmpty)}>
            {footer}
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * A virtualized, lazily loaded list in one element: `useLazyList` with the rendering written for
 * you — rows placed and measured, a `<ul>`/`<li>` list with `aria-setsize`/`aria-posinset`,
 * arrow keys, PageUp/PageDown and Home/End between rows (roving tabindex), placeholders for rows
 * not loaded yet, one error message with Retry per failed page, a header (optionally sticky) and
 * a footer inside the scroller, measured into the list's scroll padding; rows of one known size
 * (`itemSize`) are given it and not measured. Give it `source` and
 * `queryKey`, or `data` (an array in hand), a `renderItem`, and a height. Every other `useLazyList` option is a prop (`estimateSize`, `overscan`, `lanes`,
 * `anchor`, `getItemKey`, `prefetch`, `memory`, `cache`…). A `ref` gets `scrollToIndex`,
 * `focusIndex`, `saveScroll`, `retry`, `refresh` and the writes (`update`, `insert`, `remove`,
 * `append`). For full control of the markup, use the hook.
 *
 * @example
 * const ref = useRef<LazyListHandle<User>>(null);
 * <LazyList<User>
 *   ref={ref}
 *   queryKey={['users']}
 *   source={offsetSource({ pageSize: 100, fetchPage: ({ offset, limit, signal }) => api.users(offset, limit, signal) })}
 *   renderItem={(user) => <UserRow user={user} />}
 *   renderPlaceholder={() => <Skeleton />}
 *   estimateSize={() => 36}
 *   height={600}
 *   aria-label="Users"
 * />;
 * ref.current?.scrollToIndex(500_000);
 */
export const LazyList = /* @__PURE__ */ forwardRef(LazyListRender) as <T>(
  props: LazyListProps<T> & { readonly ref?: Ref<LazyListHandle<T>> },
) => ReactElement;
