// `pageSize: autoPageSize` (decision 0068): an offset source whose requests are sized by bytes.
// It comes with its import (`@lazyflow/core/sizing`), so a list with a fixed page size bundles
// neither this nor the sizing options' resolution (issue #15 item 7).

import { adoptable } from './adopt.ts';
import type { AutoSizing } from './autoSizing.ts';
import type { FetchRange } from './offsetBatcher.ts';
import type { AutoPageSize, FetchPageCell, LoadSpan, OffsetSourceOptions } from './offsetSource.ts';
import { resolvePageSizing } from './pageSizing.ts';
import type { OffsetSource } from './source.ts';

/**
 * `pageSize: autoPageSize` for `offsetSource`: after the first response each request asks for
 * about `targetPageBytes` (within `[minPageSize, maxPageSize]`); pages are stored in units of
 * `minPageSize` items and a request covers several units. Import it from `@lazyflow/core/sizing`.
 *
 * @example
 * import { autoPageSize } from '@lazyflow/core/sizing';
 * const source = offsetSource<User>({ pageSize: autoPageSize, targetPageBytes: 65_536, fetchPage });
 */
export const autoPageSize: AutoPageSize = (options, cell, loadSpan) =>
  autoSizedOffsetSource(options, cell, loadSpan);

/**
 * `pageSize: autoPageSize`: storage pages of `minPageSize` items served by a batcher whose request
 * size follows the measured bytes per item. The batcher and the sizer are a lazy chunk
 * (`autoSizing.ts`, issue #15 item 7: a list with a fixed page size never loads them), imported
 * when the source is made, so it is there by the first page; until then the planner sees the
 * initial size. A failed import is not kept: the next page imports again.
 */
function autoSizedOffsetSource<T>(
  options: OffsetSourceOptions<T>,
  cell: FetchPageCell<T>,
  loadSpan: LoadSpan<T>,
): OffsetSource<T> {
  const { initialCount } = options;
  const sizing = resolvePageSizing('offsetSource', options);
  const unit = sizing.minPageSize;
  const span: FetchRange<T> = (request) => loadSpan(unit, request);
  let engine: AutoSizing<T> | undefined;
  let loading: Promise<AutoSizing<T>> | undefined;
  const ready = (): Promise<AutoSizing<T>> => {
    if (loading === undefined) {
      const load = import('./autoSizing.ts').then((module) => {
        engine ??= module.autoSizing(sizing, unit, span);
        return engine;
      });
      loading = load;
      load.catch(() => {
        if (loading === load) loading = undefined;
      });
    }
    return loading;
  };
  void ready();
  // Before the chunk is there: `sizeFor(sizing, unit, undefined)` (the sizer's first size)
  // without bundling the sizing arithmetic (the same operations, so the same value).
  const { targetPageBytes: bytes, initialPageSize, maxPageSize } = sizing;
  const startSize = Math.min(
    Math.max(unit, Math.floor(maxPageSize / unit) * unit),
    Math.max(unit, Math.round(bytes / (bytes / initialPageSize) / unit) * unit),
  );
  const source: OffsetSource<T> = {
    kind: 'offset',
    pageSize: unit,
    initialCount,
    currentPageSize: () => engine?.size() ?? startSize,
    loadPage: ({ page, signal, isLoaded, priority }) =>
      engine !== undefined
        ? engine.load(page, signal, isLoaded, priority)
        : ready().then((loaded) => loaded.load(page, signal, isLoaded, priority)),
    loadSpan: span,
    reset: () => engine?.reset(),
  };
  return adoptable(source, `offset:auto:${unit}:${maxPageSize}:${bytes}`, cell);
}
