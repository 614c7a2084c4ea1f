import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { ScrollTarget, ScrollTargetHandlers } from '../env/scrollTarget.ts';
import { createLazyList } from '../list/createLazyList.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { FakeServer } from '../testing/fakeServer.ts';
import {
  checkModel,
  ManualTimers,
  type ModelTotals,
  modelFileHooks,
  modelRuns,
  sequenceChecks,
  settle,
} from '../testing/modelHarness.ts';
import { createVirtualList } from './createVirtualList.ts';
import { stickyRows } from './stickyImport.ts';
import type { VirtualList } from './VirtualList.ts';
import type { ScrollAlign, VirtualRow } from './virtualSnapshot.ts';

// Model-based test of the virtual list (issue 15, item 8), in Node: the scroll element is a fake
// ScrollTarget (it clamps like a browser and fires scroll events after writes) and rows are
// "measured" through measureElement with fake elements that report each row's true size.

const { numRuns, seed } = modelRuns(400);
const timeoutMs = Math.max(60_000, numRuns * 60);
const ESTIMATE = 36;

const rejections = modelFileHooks();

/** A scroll element without a DOM: content size is what the view last rendered. */
class FakeScrollElement implements ScrollTarget {
  readonly element = null;
  position = 0;
  size: number;
  #handlers: ScrollTargetHandlers | null = null;
  #eventQueued = false;
  #content: () => number = () => 0;

  constructor(size: number) {
    this.size = size;
  }

  render(content: () => number): void {
    this.#content = content;
  }

  get max(): number {
    return Math.max(0, this.#content() - this.size);
  }

  offset = (): number => this.position;
  viewport = (): number => this.size;
  scrollTo = (offset: number): void => {
    const next = Math.max(0, Math.min(this.max, offset));
    if (next === this.position) return;
    this.position = next;
    this.#eventQueued = true; // the browser reports a write with a scroll event, a little later
  };
  observe = (handlers: ScrollTargetHandlers): (() => void) => {
    this.#handlers = handlers;
    return () => {
      this.#handlers = null;
    };
  };

  /** A wheel / touch / key move; returns the distance the user moved the element. */
  userScroll(delta: number): number {
    const from = this.position;
    this.#handlers?.input?.(); // the wheel event comes before the scroll it causes
    this.position = Math.max(0, Math.min(this.max, from + delta));
    // Before the list sees it: the list may write the element elsewhere in its handler (a scaled
    // list near the element's ends re-maps), which moves the scrollbar, not the content.
    const moved = this.position - from;
    this.#handlers?.scroll();
    return moved;
  }

  /**
   * A scrollbar drag to a share of the track, on whole pixels as Chromium reports it at a device
   * pixel ratio of 1 (the list follows the element by whole pixels; a drag to 1e-6 px is none).
   */
  drag(share: number): void {
    this.#handlers?.drag(true);
    this.position = Math.round(share * this.max);
    this.#handlers?.scroll();
    this.#handlers?.drag(false);
  }

  resize(size: number): void {
    this.size = size;
    this.#handlers?.resize();
  }

  /** Delivers what a browser would after layout: clamping to shrunk content, queued scroll events. */
  flush(): boolean {
    if (this.position > this.max) {
      this.position = this.max;
      this.#eventQueued = true;
    }
    if (!this.#eventQueued) return false;
    this.#eventQueued = false;
    this.#handlers?.scroll();
    return true;
  }
}

/** A row element for measureElement, reporting `size` as its height. */
function rowElement(index: number, size: number): Element {
  return {
    isConnected: true,
    getAttribute: (name: string) => (name === 'data-index' ? String(index) : null),
    getBoundingClientRect: () => ({ width: 400, height: size }),
  } as unknown as Element;
}

interface Config {
  readonly kind: 'scaled' | 'small' | 'unknown-count' | 'cursor';
  /** Scaled lists: 1,000,000 or 100,000,000 rows. */
  readonly count: number;
  readonly viewport: number;
  readonly overscan: number;
  /** True row sizes by key modulo their length; measuring reveals them. */
  readonly sizes: readonly number[];
  /** Scroll padding (a header and a footer inside the scroller), px. */
  readonly paddingStart: number;
  readonly paddingEnd: number;
  /** Every this many items a sticky row (0: none; never for cursor lists, whose indexes shift). */
  readonly stickyEvery: number;
}

type Command =
  | { readonly type: 'scroll'; delta: number }
  | { readonly type: 'drag'; share: number }
  | { readonly type: 'resize'; viewport: number }
  | { readonly type: 'measure'; above: boolean }
  | { readonly type: 'grow'; pick: number; size: number }
  | { readonly type: 'resolve'; pick: number }
  | { readonly type: 'resolveAll' }
  | { readonly type: 'scrollToIndex'; share: number; align: ScrollAlign }
  | { readonly type: 'idle' };

const configArb: fc.Arbitrary<Config> = fc.record({
  kind: fc.constantFrom('scaled', 'small', 'unknown-count', 'cursor'),
  count: fc.constantFrom(1_000_000, 100_000_000),
  viewport: fc.integer({ min: 120, max: 900 }),
  overscan: fc.integer({ min: 0, max: 5 }),
  sizes: fc.array(fc.integer({ min: 12, max: 160 }), { minLength: 1, maxLength: 23 }),
  paddingStart: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
  paddingEnd: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
  stickyEvery: fc.constantFrom(0, 0, 50, 5_000, 1_000_000),
});

/** Sticky indexes of a config: every `stickyEvery` items, below `limit` (at most 100,000 of them). */
function stickyIndexes(config: Config, limit: number): number[] {
  if (config.stickyEvery === 0 || config.kind === 'cursor') return [];
  const end = Math.min(limit, config.stickyEvery * 100_000);
  return Array.from({ length: Math.ceil(end / config.stickyEvery) }, (_, i) => i * config.stickyEvery);
}

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('scroll' as const),
      delta: fc.oneof(fc.integer({ min: -1_500, max: 1_500 }), fc.integer({ min: -60_000, max: 60_000 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('drag' as const),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('resize' as const),
      viewport: fc.integer({ min: 100, max: 900 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('measure' as const), above: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('grow' as const),
      pick: fc.nat(50),
      size: fc.integer({ min: 12, max: 300 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('resolve' as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.constant({ type: 'resolveAll' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('scrollToIndex' as const),
      share: fc.double({ min: 0, max: 1.1, noNaN: true }),
      align: fc.constantFrom<ScrollAlign>('start', 'center', 'end', 'auto'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'idle' as const }) },
);

/** Where a row is on screen: its start minus the element's scroll offset. */
const onScreen = (row: VirtualRow<number>, element: FakeScrollElement) => row.start - element.position;

async function runSequence(config: Config, commands: readonly Command[], totals: ModelTotals): Promise<void> {
  totals.sequences += 1;
  const timers = new ManualTimers();
  const cursor = config.kind === 'cursor';
  const size = config.kind === 'scaled' ? config.count : config.kind === 'cursor' ? 4_000 : 300;
  const server = new FakeServer(size);
  const pageSize = 20;
  const origin = 2_000; // cursor lists open here and grow both ways
  const source = cursor
    ? cursorSource<number>({ pageSize, initialCursor: origin, fetchPage: server.cursor })
    : offsetSource<number>({
        pageSize,
        fetchPage: server.offset(config.kind === 'unknown-count' ? 'never' : 'always'),
        ...(config.kind !== 'unknown-count' && { initialCount: size }),
      });
  const list = createLazyList<number>({
    key: ['virtual-model', totals.sequences],
    source,
    prefetch: 1,
    statsInterval: 0,
    memoryMonitor: null,
    timers,
    now: timers.now,
    random: () => 0.5,
  });
  const element = new FakeScrollElement(config.viewport);
  const sticky = stickyIndexes(config, config.kind === 'unknown-count' ? 300 : size);
  const view: VirtualList<number> = createVirtualList({
    list,
    scrollTarget: element,
    estimateSize: () => ESTIMATE,
    overscan: config.overscan,
    scrollPaddingStart: config.paddingStart,
    scrollPaddingEnd: config.paddingEnd,
    sticky: stickyRows,
    stickyIndexes: sticky,
    timers,
    now: timers.now,
  });
  element.render(() => view.getSnapshot().totalSize);
  const trueSize = new Map<number, number>();
  const sizeOf = (key: number) =>
    trueSize.get(key) ??
    config.sizes[((key % config.sizes.length) + config.sizes.length) % config.sizes.length] ??
    ESTIMATE;
  view.subscribe(() => {});
  const { log, check, count } = sequenceChecks(config, totals);
  const settleView = async () => {
    for (let round = 0; round < 20; round++) {
      await settle(2);
      if (!element.flush()) return;
    }
  };
  await settleView();

  /** scrollToIndex in force (until the user scrolls): the row key it keeps in view. */
  let pinned: number | null = null;

  for (const command of commands) {
    totals.steps += 1;
    log.push(JSON.stringify(command));
    const before = view.getSnapshot();
    const beforeVirtual = view.getScrollOffset();
    const saved = view.saveScroll();
    const anchorRow = before.rows.find((row) => row.key === saved.anchorKey);
    const anchorScreen = anchorRow && onScreen(anchorRow, element);
    let moved: number | null = null;
    let keepsAnchor = pinned === null && before.count > 0 && anchorRow !== undefined;
    switch (command.type) {
      case 'scroll':
        moved = element.userScroll(command.delta);
        keepsAnchor = false;
        if (Math.abs(moved) >= 1) pinned = null; // a scroll event without movement is no user scroll
        break;
      case 'drag': {
        const from = element.position;
        element.drag(command.share);
        keepsAnchor = false;
        if (Math.abs(element.position - from) >= 1) pinned = null;
        break;
      }
      case 'resize':
        element.resize(command.viewport);
        break;
      case 'measure': {
        const rows = before.rows.filter((row) => !command.above || row.position < saved.anchorKey);
        for (const row of rows) view.measureElement(rowElement(row.index, sizeOf(row.position)));
        break;
      }
      case 'grow': {
        const row = before.rows[command.pick % Math.max(1, before.rows.length)];
        if (row === undefined) break;
        trueSize.set(row.position, command.size);
        view.measureElement(rowElement(row.index, command.size));
        // A row growing at or below the anchor moves what follows it, not the anchor.
        break;
      }
      case 'resolve':
        server.pending[command.pick % Math.max(1, server.pending.length)]?.respond();
        break;
      case 'resolveAll':
        for (const fetch of [...server.pending]) fetch.respond();
        break;
      case 'scrollToIndex': {
        const data = list.getSnapshot();
        const index = Math.floor(command.share * Math.max(data.count, 50));
        view.scrollToIndex(index, { align: command.align });
        const target = Math.max(0, Math.min(index, data.count > 0 ? data.count - 1 : index));
        pinned = target - data.prependedCount;
        keepsAnchor = false;
        break;
      }
      case 'idle':
        timers.fire(() => true);
        break;
    }
    await settleView();

    const after = view.getSnapshot();
    const virtual = view.getScrollOffset();
    check(view.getSnapshot() === after, 'getSnapshot() twice gave two objects');
    check(rejections.reasons.length === 0, `unhandled rejection: ${String(rejections.reasons[0])}`);
    check(
      element.position >= 0 && element.position <= element.max,
      `scroll offset ${element.position} outside [0, ${element.max}]`,
    );
    check(
      after.totalSize <= 15_000_000,
      `content of ${after.totalSize} px is taller than the browser allows`,
    );
    check(
      after.scaled === after.virtualSize > 15_000_000,
      `scaled ${after.scaled} for ${after.virtualSize} px`,
    );
    const virtualMax = Math.max(0, after.virtualSize - after.viewportSize);

    // Rows: contiguous, each showing its own item, covering the viewport; a section's sticky row
    // pinned from above the rendered range comes first, out of that order.
    const lead = after.rows[0];
    const pinnedAbove =
      lead?.sticky !== undefined &&
      after.rows[1] !== undefined &&
      after.rows[1].position !== lead.position + 1;
    const rows = pinnedAbove ? after.rows.slice(1) : after.rows;
    for (const [i, row] of rows.entries()) {
      check(
        row.index === row.position + after.list.prependedCount,
        `row key ${row.position} has index ${row.index}`,
      );
      check(row.index >= 0 && row.index < after.count, `row ${row.index} outside [0, ${after.count})`);
      if (row.state.status === 'loaded') {
        const item = cursor ? origin + row.position : row.index;
        check(row.state.item === item, `row ${row.index} shows item ${row.state.item}, expected ${item}`);
      }
      const next = rows[i + 1];
      if (next !== undefined) {
        check(
          next.position === row.position + 1,
          `rows ${row.position} and ${next.position} are not consecutive`,
        );
        check(
          Math.abs(next.start - (row.start + row.size)) < 1e-6,
          `a gap or overlap between rows ${row.position} and ${next.position}`,
        );
      }
    }
    const first = rows[0];
    const last = rows.at(-1);
    if (after.count > 0) {
      check(first !== undefined && last !== undefined, `no rows rendered for ${after.count} items`);
      if (first !== undefined && last !== undefined) {
        check(
          first.index === 0 || onScreen(first, element) <= 1e-6,
          `the viewport's top edge is blank (first row at ${onScreen(first, element)} px)`,
        );
        check(
          last.index === after.count - 1 || onScreen(last, element) + last.size >= element.size - 1e-6,
          `the viewport's bottom edge is blank (last row ends at ${onScreen(last, element) + last.size} of ${element.size} px)`,
        );
      }
    }

    // Relative moves are 1:1, scaled or not, unless the element hit one of its ends.
    if (moved !== null && element.position > 0 && element.position < element.max - 0.5 && rows.length > 0) {
      count(after.scaled ? '1:1 scroll, scaled' : '1:1 scroll');
      check(
        Math.abs(virtual - beforeVirtual - moved) < 1,
        `a ${moved} px scroll moved the content ${virtual - beforeVirtual} px`,
      );
      const common = rows.find((row) => before.rows.some((old) => old.key === row.key));
      const old = common && before.rows.find((row) => row.key === common.key);
      if (common && old) {
        const shift = onScreen(common, element) - (old.start - (element.position - moved));
        check(
          Math.abs(shift + moved) < 1,
          `row ${common.key} moved ${shift} px on screen for a ${moved} px scroll`,
        );
      }
    }

    // The anchored row holds still through measuring, data, prepends, resizes and idle time.
    if (keepsAnchor && anchorScreen !== undefined) {
      const row = rows.find((candidate) => candidate.key === saved.anchorKey);
      // Not rendered is fine only when it holds still out of view: below a viewport made
      // smaller, or above the top edge after the row itself shrank there.
      const resized = (command.type === 'measure' && !command.above) || command.type === 'grow';
      const out =
        (command.type === 'resize' && anchorScreen >= element.size) ||
        (resized && anchorScreen + sizeOf(saved.anchorKey) <= 0);
      check(row !== undefined || out, `the anchored row ${saved.anchorKey} is no longer rendered`);
      if (row !== undefined) {
        // The anchor's own position (offsets count from the first row, after the start padding).
        const expected = row.start - config.paddingStart + (virtual - element.position) + saved.offsetInItem;
        if (expected >= 0 && expected <= virtualMax) {
          const prepended = after.list.prependedCount > before.list.prependedCount;
          count(prepended ? 'anchor, prepend' : `anchor, ${command.type}`);
          check(
            Math.abs(onScreen(row, element) - anchorScreen) < 1,
            `the anchored row ${saved.anchorKey} moved from ${anchorScreen} to ${onScreen(row, element)} px`,
          );
        }
      }
    }

    // Sticky rows: the section of the first row below the header has its sticky row rendered,
    // boxed from at or above that edge to past it (the browser pins it there).
    if (sticky.length > 0 && after.count > 0) {
      const clearTop = config.paddingStart;
      const top = rows.find(
        (row) => onScreen(row, element) <= clearTop && onScreen(row, element) + row.size > clearTop,
      );
      const section =
        top === undefined ? undefined : Math.floor(top.index / config.stickyEvery) * config.stickyEvery;
      if (section !== undefined && section <= (sticky.at(-1) ?? -1)) {
        count('sticky row pinned');
        const row = after.rows.find((candidate) => candidate.index === section);
        const box = row?.sticky;
        check(box !== undefined, `the sticky row ${section} of row ${top?.index} is not rendered as sticky`);
        if (box !== undefined) {
          check(
            box.start - element.position <= clearTop + 1e-6 && box.end - element.position > clearTop,
            `the sticky row ${section}'s box [${box.start - element.position}, ${box.end - element.position}) px does not reach the header's edge at ${clearTop} px`,
          );
        }
      }
    }

    // scrollToIndex(i): row i is in view once its data is there (and stays, until the user scrolls).
    if (pinned !== null && after.count > 0 && pinned + after.list.prependedCount < after.count) {
      const row = rows.find((candidate) => candidate.key === pinned);
      count('scrollToIndex in view');
      check(row !== undefined, `scrollToIndex: row ${pinned} is not rendered`);
      if (row !== undefined) {
        const top = onScreen(row, element);
        check(
          top < element.size - config.paddingEnd && top + row.size > config.paddingStart,
          `scrollToIndex: row ${pinned} is at ${top} px, outside the viewport's part clear of its padding`,
        );
      }
    }
  }
  view.destroy();
  list.destroy();
  await settle();
}

describe('createVirtualList model', () => {
  it(
    'keeps the anchored row still, rows covering the viewport, scrolls 1:1 at any size and scrollToIndex rows in view',
    async () => {
      await checkModel(
        'createVirtualList model',
        configArb,
        fc.array(commandArb, { minLength: 1, maxLength: 50, size: 'max' }),
        runSequence,
        { numRuns, seed },
      );
    },
    timeoutMs,
  );
});
