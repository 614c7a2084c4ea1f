// Test support (not published) for <LazyList>'s browser tests: a list of in-memory data with the
// write engine on, rendered the way the write tests of LazyList.browser and LazyList.badKeys do,
// the text of its rows, and an error boundary that shows what a bad prop threw.
import { listWrites } from '@lazyflow/core/writes';
import { render, screen } from '@testing-library/react';
import { Component, createRef, type ReactNode, type RefObject } from 'react';
import { LazyList, type LazyListHandle } from '../components/LazyList.tsx';

/**
 * Renders `<LazyList data getItemKey renderItem height writes={listWrites}>` and returns the ref
 * of its handle (update, insert, remove); `ref` gives one made beforehand (a row reading it).
 *
 * @example
 * const ref = renderWritableList([{ id: 1, title: 'a' }], { getItemKey: (it) => it.id, renderItem: (it) => it.title });
 * ref.current?.remove(1);
 */
export function renderWritableList<T>(
  data: T[],
  options: {
    getItemKey: (item: T) => string | number;
    renderItem: (item: T) => ReactNode;
    height?: number;
    ref?: RefObject<LazyListHandle<T> | null>;
  },
): RefObject<LazyListHandle<T> | null> {
  const ref = options.ref ?? createRef<LazyListHandle<T>>();
  render(
    <LazyList
      ref={ref}
      data={data}
      getItemKey={options.getItemKey}
      renderItem={options.renderItem}
      height={options.height ?? 300}
      writes={listWrites}
    />,
  );
  return ref;
}

/**
 * The text of every rendered row, in order.
 *
 * @example
 * await waitFor(() => expect(rowTexts()).toEqual(['a', 'b']));
 */
export const rowTexts = (): (string | null)[] => screen.getAllByRole('listitem').map((li) => li.textContent);

/**
 * An error boundary that shows what its children threw in an `<output>` (role `status`): a
 * TypeError as `TypeError: <message>`, anything else as its string.
 *
 * @example
 * render(<ShowError><LazyList data={[1]} renderItem={String} height={-1} /></ShowError>);
 * expect((await screen.findByRole('status')).textContent).toMatch(/^TypeError: lazyflow: LazyList prop "height"/);
 */
export class ShowError extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return <output>{error instanceof TypeError ? `TypeError: ${error.message}` : String(error)}</output>;
  }
}
