import type { SavedScroll } from '../cache/savedScroll.ts';
import { elementScrollTarget, type ScrollTarget, windowScrollTarget } from '../env/scrollTarget.ts';
import { defaultNow, defaultTimers, type Timers } from '../env/timers.ts';
import type { LazyList } from '../list/LazyList.ts';
import {
  assertFunction,
  assertNonNegativeInteger,
  assertObject,
  assertPositiveInteger,
  assertPositiveNumber,
  optionError,
} from '../options.ts';
import type { KeyboardNavigation } from './keyboardTarget.ts';
import type { MasonryLayoutKind } from './masonry.ts';
import { MASONRY_CHUNK_DEPTH } from './masonryChunks.ts';
import { MAX_PHYSICAL_SIZE } from './scrollScale.ts';
import { type StickyRowsKind, sameIndexes } from './stickyRows.ts';

/**
 * Options for `createVirtualList`.
 *
 * @example
 * const options: VirtualListOptions<User> = { list, scrollElement, estimateSize: () => 36, overscan: 4 };
 * const view = createVirtualList(options);
 */
export interface VirtualListOptions<T> {
  // Required from the user
  /** The data: a lazy list from `createLazyList`. The virtual list sets its window. */
  list: LazyList<T>;

  // Where it scrolls (one of)
  /** The scrolling element, or a function returning it (read when the first subscriber arrives). */
  scrollElement?: HTMLElement | null | (() => HTMLElement | null);
  /** Scroll with the page instead of an element; see `scrollMargin`. */
  useWindowScroll?: boolean;
  /** A custom environment (tests, other renderers); wins over the two above. */
  scrollTarget?: ScrollTarget;

  // Optional
  /** Size of an item before it is measured, in px. Default 36. */
  estimateSize?: (index: number) => number;
  /** Items rendered beyond each edge of the viewport. Default 5. */
  overscan?: number;
  horizontal?: boolean;
  /**
   * Items per row (a grid); every item of a row gets the row's size. Default 1. With
   * `layout: masonry`: the number of lanes (columns) items are packed into.
   */
  lanes?: number;
  /**
   * `'rows'` (default): a grid row takes its tallest item. `masonry` (its own import,
   * `import { masonry } from '@lazyflow/core/masonry'`): items of different sizes are packed per
   * lane, shortest lane first; each row in the snapshot carries its `lane` and its own `start`
   * and `size` (decisions 0015, 0019). Fixed at creation.
   */
  layout?: 'rows' | MasonryLayoutKind;
  /** Space between rows, px. Default 0. */
  gap?: number;
  /**
   * Px at the viewport's start covered by something inside the scroller (a sticky header): rows
   * start after it, and `scrollToIndex` and keyboard focus put rows below it. Default 0.
   */
  scrollPaddingStart?: number;
  /** Px at the viewport's end covered by a footer inside the scroller; rows end before it. Default 0. */
  scrollPaddingEnd?: number;
  /**
   * Item indexes (sorted, distinct integers ≥ 0, below the count) whose rows stay rendered and
   * pinned at the top while their section scrolls: group headers, "Today / Yesterday". Each
   * such row carries `sticky` (its box) in the snapshot. Default none. Needs `sticky: stickyRows`.
   */
  stickyIndexes?: readonly number[];
  /**
   * `stickyRows` from `@lazyflow/core/sticky`: the sticky rows' code, its own import so lists
   * without sticky rows do not bundle it (decision 0027). Fixed at creation.
   */
  sticky?: StickyRowsKind;
  /**
   * `keyboardNavigation` from `@lazyflow/core/keyboard`: what `onKeyDown` runs (arrows,
   * PageUp/PageDown, Home/End), its own import so lists without it do not bundle it (decision
   * 0058). Without it `onKeyDown` does nothing. Fixed at creation.
   */
  keyboard?: KeyboardNavigation;
  /** 'end' = chat: start at the last item and follow new items while the view is at the end. */
  anchor?: 'start' | 'end';
  /** Where to start: a value from `saveScroll()`. */
  restore?: SavedScroll | null;
  /**
   * Where the scroll position lives between visits (e.g. beside the pages in an IndexedDB cache):
   * read when the first subscriber arrives unless `restore` is given, written each time scrolling
   * settles, on `pagehide` and on `destroy`.
   */
  persist?: ScrollPersistence;
  /** With `useWindowScroll`: the list's offset from the top (left) of the document, or a function read at each use. */
  scrollMargin?: number | (() => number);
  /** Viewport size before the element is measured (server rendering). */
  initialRect?: { width: number; height: number };
  /** How close to the end (px) counts as "at the end" for `anchor: 'end'`. Default 8. */
  endThreshold?: number;
  /** Idle time after the last scroll event before `isScrolling` turns false, ms (a dragged scrollbar thumb rests after half of it). Default 150. */
  isScrollingResetDelayMs?: number;
  /** @deprecated Use `isScrollingResetDelayMs` (kept one release). */
  isScrollingResetDelay?: number;
  /** Largest scroll extent given to the browser; longer lists are mapped onto it. Default 15,000,000. */
  maxPhysicalSize?: number;
  timers?: Timers;
  now?: () => number;
}

/**
 * A place for a list's scroll position; `flush` (optional) forces pending writes out (a reload is coming).
 *
 * @example
 * const persist: ScrollPersistence = {
 *   load: async () => JSON.parse(sessionStorage.getItem('scroll') ?? 'null') ?? undefined,
 *   save: (saved) => sessionStorage.setItem('scroll', JSON.stringify(saved)),
 * };
 */
export interface ScrollPersistence {
  /** Omitted when the position is known already (a `restore`). */
  load?(): Promise<SavedScroll | undefined>;
  save(saved: SavedScroll): void;
  flush?(): Promise<void>;
}

/**
 * What a running virtual list takes with `setOptions`; the other options are fixed at creation.
 *
 * @example
 * view.setOptions({ estimateSize: () => (compact ? 28 : 36), overscan: 6 });
 */
export type VirtualListUpdate = Partial<
  Pick<
    VirtualListOptions<unknown>,
    | 'estimateSize'
    | 'overscan'
    | 'lanes'
    | 'gap'
    | 'layout'
    | 'endThreshold'
    | 'scrollPaddingStart'
    | 'scrollPaddingEnd'
    | 'stickyIndexes'
    | 'isScrollingResetDelayMs'
    | 'isScrollingResetDelay'
  >
>;

/**
 * Options fixed at creation (`setOptions` refuses another value). `restore` is read at creation
 * only. `layout` is fixed too, by kind (`'rows'` and no layout are the same): checked in setOptions.
 */
export const FIXED_VIEW_OPTIONS = [
  'list',
  'scrollElement',
  'useWindowScroll',
  'scrollTarget',
  'horizontal',
  'anchor',
  'scrollMargin',
  'persist',
  'initialRect',
  'maxPhysicalSize',
  'timers',
  'now',
  'sticky',
  'keyboard',
] as const;

/** Options with defaults filled in. */
export interface ResolvedVirtualListOptions<T> {
  readonly list: LazyList<T>;
  readonly target: () => ScrollTarget | null;
  readonly estimateSize: (index: number) => number;
  readonly overscan: number;
  readonly horizontal: boolean;
  /** Items per row of the size index: `lanes`, or with masonry a chunk's items. */
  readonly lanes: number;
  /** `layout: masonry`: its lanes, the overscan in items (`overscan` then counts chunks) and the layout, else null. */
  readonly masonry: {
    readonly lanes: number;
    readonly overscan: number;
    readonly create: MasonryLayoutKind['create'];
  } | null;
  readonly gap: number;
  readonly anchor: 'start' | 'end';
  readonly restore: SavedScroll | null;
  readonly persist: ScrollPersistence | undefined;
  readonly initialViewport: number;
  readonly endThreshold: number;
  readonly scrollPaddingStart: number;
  readonly scrollPaddingEnd: number;
  readonly stickyIndexes: readonly number[];
  /** `sticky: stickyRows`: the sticky rows' code (decision 0027), else null. */
  readonly sticky: StickyRowsKind | null;
  /** `keyboard: keyboardNavigation` (decision 0058), else null. */
  readonly keyboard: KeyboardNavigation | null;
  readonly isScrollingResetDelayMs: number;
  readonly maxPhysicalSize: number;
  readonly timers: Timers;
  readonly now: () => number;
}

const OWNER = 'createVirtualList';

function assertNonNegativeNumber(option: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw optionError(OWNER, option, 'a finite number >= 0', value);
  }
}

/**
 * What a `setOptions` call changes: `regroup` (new lanes or gap: rows hold other items), `estimates`
 * (a new `estimateSize`), `layout` (another layout, same sizes) or `none`.
 *
 * @example
 * optionsChange(before, resolveVirtualListOptions({ ...input, overscan: 8 })); // 'layout'
 */
export function optionsChange<T>(
  before: ResolvedVirtualListOptions<T>,
  next: ResolvedVirtualListOptions<T>,
): 'regroup' | 'estimates' | 'layout' | 'none' {
  if (next.lanes !== before.lanes || next.gap !== before.gap) return 'regroup';
  if (next.estimateSize !== before.estimateSize) return 'estimates';
  const same =
    next.overscan === before.overscan &&
    next.masonry?.overscan === before.masonry?.overscan &&
    next.endThreshold === before.endThreshold &&
    next.scrollPaddingStart === before.scrollPaddingStart &&
    next.scrollPaddingEnd === before.scrollPaddingEnd &&
    sameIndexes(next.stickyIndexes, before.stickyIndexes);
  return same ? 'none' : 'layout';
}

const NO_STICKY: readonly number[] = Object.freeze([]);
const STICKY_IMPORT = "stickyRows, its own import: import { stickyRows } from '@lazyflow/core/sticky'";
const KEYBOARD_IMPORT =
  "keyboardNavigation, its own import: import { keyboardNavigation } from '@lazyflow/core/keyboard'";
/** Arrays checked already: hooks pass the same (memoized) array on every commit, each scroll frame. */
const checkedSticky = new WeakSet<readonly number[]>();

/** The masonry layout given as `layout`, or null for rows; `'masonry'` (the old string) names the import. */
function checkLayout(layout: unknown): MasonryLayoutKind | null {
  if (layout === undefined || layout === 'rows') return null;
  const kind = layout as MasonryLayoutKind | null;
  if (typeof kind === 'object' && kind?.kind === 'masonry' && typeof kind.create === 'function') return kind;
  throw optionError(
    OWNER,
    'layout',
    layout === 'masonry'
      ? "the masonry layout, its own import: import { masonry } from '@lazyflow/core/masonry' and pass layout: masonry"
      : "'rows' or masonry from '@lazyflow/core/masonry'",
    layout,
  );
}

/**
 * Fills `createVirtualList`'s defaults; in development builds (decision 0054: not when the app's
 * bundler sets `process.env.NODE_ENV` to `'production'`) first throws a TypeError naming a bad option.
 *
 * @example
 * resolveVirtualListOptions({ list, scrollElement: el }).overscan; // 5
 */
export function resolveVirtualListOptions<T>(options: VirtualListOptions<T>): ResolvedVirtualListOptions<T> {
  if (process.env.NODE_ENV !== 'production') checkVirtualListOptions(options);
  const horizontal = options.horizontal ?? false;
  const overscan = options.overscan ?? 5;
  const lanes = options.lanes ?? 1;
  const layout = options.layout === undefined || options.layout === 'rows' ? null : options.layout;
  const { scrollElement, scrollTarget } = options;
  const useWindow = options.useWindowScroll === true;
  const scrollMargin = options.scrollMargin ?? 0;
  const target = (): ScrollTarget | null => {
    if (scrollTarget !== undefined) return scrollTarget;
    if (useWindow) {
      return typeof window === 'undefined' ? null : windowScrollTarget({ horizontal, scrollMargin });
    }
    const element = typeof scrollElement === 'function' ? scrollElement() : scrollElement;
    return element == null ? null : elementScrollTarget(element, { horizontal });
  };
  const rect = options.initialRect;
  return {
    list: options.list,
    target,
    estimateSize: options.estimateSize ?? (() => 36),
    // Masonry: rows are chunks of items (MASONRY_CHUNK_DEPTH per lane); one chunk of overscan
    // each side, of which the items within `overscan` items' px are rendered.
    overscan: layout === null ? overscan : Math.min(1, overscan),
    horizontal,
    lanes: layout === null ? lanes : lanes * MASONRY_CHUNK_DEPTH,
    masonry: layout === null ? null : { lanes, overscan, create: layout.create },
    gap: options.gap ?? 0,
    anchor: options.anchor ?? 'start',
    restore: options.restore ?? null,
    persist: options.persist,
    initialViewport: rect === undefined ? 0 : horizontal ? rect.width : rect.height,
    endThreshold: options.endThreshold ?? 8,
    scrollPaddingStart: options.scrollPaddingStart ?? 0,
    scrollPaddingEnd: options.scrollPaddingEnd ?? 0,
    stickyIndexes: options.stickyIndexes ?? NO_STICKY,
    sticky: options.sticky ?? null,
    keyboard: options.keyboard ?? null,
    isScrollingResetDelayMs: options.isScrollingResetDelayMs ?? options.isScrollingResetDelay ?? 150,
    maxPhysicalSize: options.maxPhysicalSize ?? MAX_PHYSICAL_SIZE,
    timers: options.timers ?? defaultTimers,
    now: options.now ?? defaultNow,
  };
}

/**
 * Throws a TypeError naming the first bad option of `createVirtualList` (an option left out is
 * checked as its default, which is valid). Development builds only (decision 0054).
 */
function checkVirtualListOptions<T>(options: VirtualListOptions<T>): void {
  assertObject(OWNER, 'options', options);
  const list: unknown = options.list;
  if (typeof list !== 'object' || list === null || typeof (list as LazyList<T>).setWindow !== 'function') {
    throw optionError(OWNER, 'list', 'a lazy list from createLazyList', list);
  }
  if (options.estimateSize !== undefined) {
    assertFunction(OWNER, 'estimateSize', options.estimateSize);
    checkEstimate(options.estimateSize(0), 0); // a constant 0 or NaN, here rather than at the first layout
  }
  assertNonNegativeInteger(OWNER, 'overscan', options.overscan ?? 0);
  assertPositiveInteger(OWNER, 'lanes', options.lanes ?? 1);
  const layout = checkLayout(options.layout);
  assertNonNegativeNumber('gap', options.gap ?? 0);
  const anchor = options.anchor ?? 'start';
  if (anchor !== 'start' && anchor !== 'end') throw optionError(OWNER, 'anchor', '"start" or "end"', anchor);
  const scrollMargin = options.scrollMargin ?? 0;
  if (typeof scrollMargin !== 'function') assertNonNegativeNumber('scrollMargin', scrollMargin);
  assertNonNegativeNumber('endThreshold', options.endThreshold ?? 0);
  assertNonNegativeNumber('scrollPaddingStart', options.scrollPaddingStart ?? 0);
  assertNonNegativeNumber('scrollPaddingEnd', options.scrollPaddingEnd ?? 0);
  const sticky = options.sticky ?? null;
  if (sticky !== null && sticky.kind !== 'sticky-rows') {
    throw optionError(OWNER, 'sticky', STICKY_IMPORT, sticky);
  }
  const keyboard = options.keyboard ?? null;
  if (keyboard !== null && typeof keyboard !== 'function') {
    throw optionError(OWNER, 'keyboard', KEYBOARD_IMPORT, keyboard);
  }
  const stickyIndexes = options.stickyIndexes ?? NO_STICKY;
  if (sticky === null) {
    // The code comes with its import (decision 0027): an empty array asks for nothing.
    if (!Array.isArray(stickyIndexes) || stickyIndexes.length > 0) {
      throw optionError(OWNER, 'stickyIndexes', `given with sticky: ${STICKY_IMPORT}`, stickyIndexes);
    }
  } else if (stickyIndexes !== NO_STICKY && !checkedSticky.has(stickyIndexes)) {
    // Checked against the count only when it is exact: an unknown or estimated one may grow.
    const data = options.list.getSnapshot();
    sticky.check(stickyIndexes, data.countKind === 'exact' ? data.count : null);
    checkedSticky.add(stickyIndexes);
  }
  if (layout !== null && stickyIndexes.length > 0) {
    throw optionError(OWNER, 'stickyIndexes', 'none with layout: masonry', stickyIndexes);
  }
  assertNonNegativeNumber(
    'isScrollingResetDelayMs',
    options.isScrollingResetDelayMs ?? options.isScrollingResetDelay ?? 0,
  );
  assertPositiveNumber(OWNER, 'maxPhysicalSize', options.maxPhysicalSize ?? 1);
  const restore = options.restore ?? null;
  if (restore !== null && (typeof restore.anchorKey !== 'number' || !Array.isArray(restore.sizes))) {
    throw optionError(OWNER, 'restore', 'a value from saveScroll()', restore);
  }
  if (
    options.scrollTarget === undefined &&
    options.useWindowScroll !== true &&
    options.scrollElement === undefined
  ) {
    throw optionError(
      OWNER,
      'scrollElement',
      'an element, a function returning one, or useWindowScroll: true',
      options.scrollElement,
    );
  }
}

/**
 * Throws a TypeError naming `estimateSize` when its estimate for `index` is not a size: 0 or less
 * rendered every row at once (a frozen page with a million rows), NaN threw from setWindow.
 */
function checkEstimate(size: number, index: number): void {
  if (!(size > 0 && size < Number.POSITIVE_INFINITY))
    throw optionError(
      OWNER,
      'estimateSize',
      `a function returning a size in px > 0 (for item ${index})`,
      size,
    );
}

let warnedKeyboard = false;

/** `onKeyDown` called on a view made without `keyboard`: warns once; development builds only (decision 0058). */
export function warnNoKeyboard(): void {
  if (warnedKeyboard) return;
  warnedKeyboard = true;
  console.warn(`lazyflow: onKeyDown needs keyboard: ${KEYBOARD_IMPORT}`);
}
