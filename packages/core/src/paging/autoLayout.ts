import type { ListWindow } from '../planner/listWindow.ts';
import type { WindowPlan } from '../planner/planWindow.ts';
import type { AutoProbe, AutoSource } from '../sources/autoSource.ts';
import { sourceForStrategy } from '../sources/autoStrategies.ts';
import type { FetchPriority } from '../sources/fetchPriority.ts';
import { LOADING, PLACEHOLDER, type RangeState } from '../store/itemState.ts';
import type { PageState } from '../store/pageStore.ts';
import type { AutoStream } from './autoStream.ts';
import { CursorLayout } from './cursorLayout.ts';
import type { AppendedPage, LayoutHost, LayoutPlanInput, ListLayout, LoadingFigures } from './layout.ts';
import { OffsetLayout } from './offsetLayout.ts';

/**
 * The page the probe is stored under. Offset pages are >= 0 and cursor ordinals stay far from
 * it, so the probe never collides with a page of the layout chosen after it.
 */
const PROBE_PAGE = Number.MIN_SAFE_INTEGER;

const EMPTY_RANGE: RangeState<never> = Object.freeze({ status: 'loading', items: [] });

/**
 * Layout of an `autoSource`. Until the strategy is known it plans one page, the probe
 * ({@link PROBE_PAGE}), through the list's normal fetch path: retries, abort, errors with
 * `retry()`, devtools and a shared QueryClient all apply to it, and a list created again with
 * the same key decides from the probe kept there without asking the server. The probe's data
 * carries the decision; accepting it builds the chosen source and layout (offset, cursor,
 * eager) and delegates everything to it. The `stream` strategy also reads an NDJSON stream
 * into the list with `append` while the list has subscribers.
 *
 * @example
 * const layout = new AutoLayout(autoSource({ url: '/api/templates' }));
 */
export class AutoLayout<T> implements ListLayout<T> {
  readonly #source: AutoSource<T>;
  #inner: ListLayout<T> | undefined;
  #probe: AutoProbe<T> | undefined;
  #stream: AutoStream<T> | undefined;
  /** Why `autoStream.ts` could not be loaded (a chunk that failed to download). */
  #streamLoadError: unknown;
  #host: LayoutHost<T> | undefined;

  constructor(source: AutoSource<T>) {
    this.#source = source;
  }

  get count(): number {
    return this.#inner?.count ?? 0;
  }
  get countKind() {
    return this.#inner?.countKind ?? 'unknown';
  }
  get prependedCount(): number {
    return this.#inner?.prependedCount ?? 0;
  }
  get reachedStart(): boolean {
    return this.#inner?.reachedStart ?? true;
  }
  get reachedEnd(): boolean {
    return this.#inner?.reachedEnd ?? false;
  }

  plan(window: ListWindow, input: LayoutPlanInput): WindowPlan {
    if (this.#inner !== undefined) {
      this.#stream?.follow(window.end, this.#inner.count);
      return this.#inner.plan(window, input);
    }
    const probe = { first: PROBE_PAGE, last: PROBE_PAGE };
    const asked = input.loaded.has(PROBE_PAGE) || input.inFlight.has(PROBE_PAGE);
    return {
      visible: probe,
      zone: probe,
      fling: false,
      requests: asked ? [] : [{ page: PROBE_PAGE, priority: 'visible' }],
      cancel: [],
    };
  }

  pagesFor(start: number, end: number) {
    return this.#inner?.pagesFor(start, end) ?? null;
  }

  load(
    page: number,
    signal: AbortSignal,
    isLoaded: (page: number) => boolean,
    priority: FetchPriority,
  ): Promise<unknown> {
    if (page === PROBE_PAGE) {
      // Offset paging with pageSize 'auto' needs its lazy chunk (decision 0019): load it while
      // the probe is under way rather than after it.
      if (this.#source.options.pageSize === 'auto') import('../sources/autoSizing.ts').catch(() => {});
      return this.#source.probe(signal);
    }
    if (this.#inner === undefined)
      return Promise.reject(new RangeError(`lazyflow: autoSource has not decided before page ${page}`));
    return this.#inner.load(page, signal, isLoaded, priority);
  }

  accept(page: number, data: unknown) {
    if (page !== PROBE_PAGE) {
      return this.#inner?.accept(page, data) ?? { items: [], shift: 0 };
    }
    if (this.#inner === undefined) this.#resolve(data as AutoProbe<T>);
    // The probe's items are served again by the chosen source, so its own page holds none.
    return { items: [], shift: 0 };
  }

  append(
    items: readonly T[],
    loaded: (page: number) => readonly T[] | null | undefined,
  ): AppendedPage<T>[] | null {
    return this.#inner?.append(items, loaded) ?? null;
  }

  reset(): void {
    this.#stream?.close();
    this.#stream = undefined;
    this.#streamLoadError = undefined;
    this.#inner = undefined;
    this.#probe = undefined;
  }

  refreshSource(): void {
    this.#inner?.refreshSource();
  }

  loading(): LoadingFigures {
    const choice = this.#probe?.choice;
    const inner = this.#inner?.loading();
    const stream =
      this.#streamLoadError !== undefined
        ? { state: 'error', error: this.#streamLoadError }
        : this.#stream?.status;
    const stopped =
      stream?.state === 'error'
        ? `; the stream stopped: ${stream.error instanceof Error ? stream.error.message : String(stream.error)}`
        : '';
    return {
      pageSize: inner?.pageSize ?? this.#source.pageSize,
      strategy: choice?.strategy ?? null,
      strategyReason: choice === undefined ? null : `${choice.reason}${stopped}`,
    };
  }

  attach(host: LayoutHost<T>): void {
    this.#host = host;
    this.#stream?.attach();
  }

  detach(): void {
    this.#host = undefined;
    this.#stream?.detach();
  }

  /** After a stream error: reconnects where it stopped. */
  retry(): void {
    this.#stream?.retry();
  }

  reader(pages: ReadonlyMap<number, PageState<T>>) {
    if (this.#inner !== undefined) return this.#inner.reader(pages);
    return {
      getItem: (index: number) => (index === 0 ? LOADING : PLACEHOLDER),
      getItemKey: (index: number) => index,
      getRange: () => EMPTY_RANGE,
    };
  }

  #resolve(probe: AutoProbe<T>): void {
    this.#probe = probe;
    const source = sourceForStrategy(this.#source.options, probe);
    this.#inner = source.kind === 'cursor' ? new CursorLayout(source) : new OffsetLayout(source);
    if (probe.choice.strategy !== 'stream') return;
    // Imported once a probe chose `stream`: every list reaches this class through `layoutFor`,
    // and only the ones that stream should bundle the stream reader (decision 0004).
    import('./autoStream.ts').then(
      ({ AutoStream }) => {
        if (this.#probe !== probe) return; // reset() came first
        this.#stream = new AutoStream<T>(
          this.#source.options,
          probe.items.length, // the probe's items are the list's first; the stream continues after them
          (items) => this.#host?.append(items),
          () => this.#host?.changed(),
        );
        if (this.#host !== undefined) this.#stream.attach();
      },
      (error: unknown) => {
        if (this.#probe !== probe) return;
        this.#streamLoadError = error;
        this.#host?.changed();
      },
    );
  }
}
