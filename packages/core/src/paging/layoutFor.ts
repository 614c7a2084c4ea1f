import { optionError } from '../options.ts';
import type { AutoSource } from '../sources/autoSource.ts';
import type { LazyListSource } from '../sources/source.ts';
import { CursorLayout } from './cursorLayout.ts';
import type { ListLayout } from './layout.ts';
import { OffsetLayout } from './offsetLayout.ts';
import { RangeLayout } from './rangeLayout.ts';

// An auto source's layout (probe, strategies, stream loader) comes with the source, set by the
// public `autoSource` (paging/autoPaging.ts): lists over other sources never bundle it.
// Typed per call site: the map cannot carry each source's item type.
const attached = new WeakMap<object, unknown>();

/**
 * Gives `source` the layout `make` builds for it; {@link layoutFor} uses it for kind 'auto'.
 *
 * @example
 * const source = withLayout(probingSource({ url: '/api/templates' }), (s) => new AutoLayout(s));
 */
export function withLayout<T>(
  source: AutoSource<T>,
  make: (source: AutoSource<T>) => ListLayout<T>,
): AutoSource<T> {
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
  switch (source.kind) {
    case 'offset':
      return new OffsetLayout(source);
    case 'cursor':
      return new CursorLayout(source);
    case 'range':
      return new RangeLayout(source);
    case 'auto': {
      const make = attached.get(source) as ((source: AutoSource<T>) => ListLayout<T>) | undefined;
      if (make === undefined) {
        throw optionError(
          'createLazyList',
          'source',
          "a source made by autoSource() of '@lazyflow/core'",
          source,
        );
      }
      return make(source);
    }
  }
}
