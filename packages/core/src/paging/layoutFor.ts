import { optionError } from '../options.ts';
import type { LazyListSource } from '../sources/source.ts';
import type { ListLayout } from './layout.ts';
import { OffsetLayout } from './offsetLayout.ts';

// Cursor, range and auto paging come with their source, attached by the public factories
// (paging/cursorPaging.ts, rangePaging.ts, autoPaging.ts): a list over an offset source, the
// common case, bundles only OffsetLayout (#15, size budget). Typed per call site: the map
// cannot carry each source's item type.
const attached = new WeakMap<object, unknown>();

/**
 * Gives `source` the layout `make` builds for it; {@link layoutFor} uses it for every kind
 * but 'offset'.
 *
 * @example
 * const source = withLayout(plainCursorSource(options), (s) => new CursorLayout(s));
 */
export function withLayout<S extends object, T>(source: S, make: (source: S) => ListLayout<T>): S {
  attached.set(source, make);
  return source;
}

/**
 * The layout a list uses for `source`: one per source kind. `createLazyList` and the
 * prefetcher both build theirs here, so prefetched pages have exactly the list's shape.
 * Sources never build their own layout: paging depends on sources, not the other way round.
 *
 * @example
 * layoutFor(offsetSource({ pageSize: 100, fetchPage })).pagesFor(0, 250); // { first: 0, last: 2 }
 */
export function layoutFor<T>(source: LazyListSource<T>): ListLayout<T> {
  if (source.kind === 'offset') return new OffsetLayout(source);
  const make = attached.get(source) as ((source: LazyListSource<T>) => ListLayout<T>) | undefined;
  // A hand-made source object, or one from another copy of the package: the `source` option
  // again, development builds only (decision 0054; in production `make` is not a function).
  if (process.env.NODE_ENV !== 'production' && make === undefined) {
    throw optionError(
      'createLazyList',
      'source',
      `a source made by ${source.kind}Source() of '@lazyflow/core'`,
      source,
    );
  }
  return (make as (source: LazyListSource<T>) => ListLayout<T>)(source);
}
