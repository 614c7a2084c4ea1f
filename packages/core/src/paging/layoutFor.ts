import type { LazyListSource } from '../sources/source.ts';
import { AutoLayout } from './autoLayout.ts';
import { CursorLayout } from './cursorLayout.ts';
import type { ListLayout } from './layout.ts';
import { OffsetLayout } from './offsetLayout.ts';
import { RangeLayout } from './rangeLayout.ts';

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
    case 'auto':
      return new AutoLayout(source);
  }
}
