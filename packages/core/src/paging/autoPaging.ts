import {
  type AutoSource,
  type AutoSourceOptions,
  autoSource as probingSource,
} from '../sources/autoSource.ts';
import { AutoLayout } from './autoLayout.ts';
import { withLayout } from './layoutFor.ts';

/**
 * A source that asks the server first and then loads the way the size calls for: a small
 * dataset (below `eagerBelowBytes`, 1 MB by default) in one request, a medium one page by page
 * (offset when the server answers `{ items, total }`, cursor when it answers `{ items,
 * nextCursor }`), a huge one (above `streamAboveBytes`) or one of unknown size as an NDJSON
 * stream (`Accept: application/x-ndjson`) appended as it arrives. The choice and the reason
 * show in `snapshot.stats.strategy` and `strategyReason`. See docs/auto-source.md for the
 * protocol.
 *
 * The source carries its paging ({@link AutoLayout}), so lists that never use an auto source
 * do not ship the probe, the strategies or the stream loader (#15, size budget).
 *
 * @example
 * const list = createLazyList<Template>({ key: ['templates'], source: autoSource({ url: '/api/templates' }) });
 * list.subscribe(() => console.log(list.getSnapshot().stats.strategyReason));
 */
export function autoSource<T>(options: AutoSourceOptions<T>): AutoSource<T> {
  return withLayout(probingSource(options), (source) => new AutoLayout(source));
}
