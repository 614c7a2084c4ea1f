import type { VirtualRow } from '@lazyflow/core';
import { memo, type ReactElement, type ReactNode } from 'react';
import { rowStyle } from './lazyListProps.ts';

/** What a row shows: its item, its page's error (the page's first row on screen), or a placeholder. */
export type RowContent = 'item' | 'error' | 'placeholder';

/** Props of {@link LazyListRow}: flat values, so an unchanged row is seen as unchanged. */
export interface LazyListRowProps<T> {
  readonly row: VirtualRow<T>;
  readonly content: RowContent;
  readonly tabbable: boolean;
  /** `aria-setsize`: the count, or -1 while it is not known. */
  readonly setSize: number;
  readonly horizontal: boolean;
  readonly lanes: number;
  readonly gap: number;
  /** Rows of a known size (`itemSize`): given their size, not measured. */
  readonly fixed: boolean;
  readonly measureElement: (element: Element | null) => (() => void) | undefined;
  readonly renderItem: (item: T, index: number) => ReactNode;
  readonly renderPlaceholder: ((index: number) => ReactNode) | undefined;
  readonly renderError: (error: unknown, retry: () => void) => ReactNode;
  readonly retry: () => void;
}

function LazyListRowRender<T>(props: LazyListRowProps<T>): ReactElement {
  const { row, content, renderItem, renderPlaceholder, renderError, retry } = props;
  const { state } = row;
  return (
    <li
      ref={props.fixed ? undefined : props.measureElement}
      data-index={row.index}
      data-state={state.status}
      aria-setsize={props.setSize}
      aria-posinset={row.index + 1}
      aria-busy={state.status === 'loading' || state.status === 'placeholder' ? true : undefined}
      tabIndex={props.tabbable ? 0 : -1}
      style={rowStyle(row, props, state.status === 'loaded')}
    >
      {state.status === 'loaded' && content === 'item'
        ? renderItem(state.item, row.index)
        : content === 'error'
          ? renderError(state.error, retry)
          : renderPlaceholder?.(row.index)}
    </li>
  );
}

function sameRow<T>(a: LazyListRowProps<T>, b: LazyListRowProps<T>): boolean {
  const x = a.row;
  const y = b.row;
  // Snapshots build new row objects; a row is the same when what it shows and where it sits are.
  if (
    x.key !== y.key ||
    x.index !== y.index ||
    x.start !== y.start ||
    x.size !== y.size ||
    x.lane !== y.lane ||
    x.state.status !== y.state.status ||
    x.state.item !== y.state.item ||
    x.state.error !== y.state.error
  ) {
    return false;
  }
  const rest = [
    'content',
    'tabbable',
    'setSize',
    'horizontal',
    'lanes',
    'gap',
    'fixed',
    'measureElement',
    'renderItem',
    'renderPlaceholder',
    'renderError',
    'retry',
  ] as const;
  return rest.every((name) => a[name] === b[name]);
}

/**
 * One row of `<LazyList>`, rendered again only when it changed: a scroll renders the rows that
 * came into view and the rows that moved, not every row. New render functions (the parent
 * rendered again) render every row, so a `renderItem` closing over new state shows it.
 *
 * @example
 * <LazyListRow row={row} content="item" tabbable={false} setSize={count} horizontal={false} lanes={1} gap={0} … />
 */
export const LazyListRow = /* @__PURE__ */ memo(LazyListRowRender, sameRow) as <T>(
  props: LazyListRowProps<T>,
) => ReactElement;
