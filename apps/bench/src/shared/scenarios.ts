// The list scenarios, measured inside the page the same way for every library: the harness scrolls
// the `.scroller` element itself and reads rows through `data-row`/`data-state`; the only
// library-specific call is the page's `jumpTo`. The Node runner (apps/bench/run) opens one page
// per library × scenario × run, throttles the CPU, calls `window.__bench.run(request)` and reads
// the heap over the DevTools protocol afterwards.
import { getBenchHandle } from './benchHandle.ts';
import { isLoadedAndVisible, probeSlots, rowElement, scroller, visibleRows } from './dom.ts';
import { apiLatency, type NetCounters, net, setApiLatency } from './fetchItems.ts';
import {
  afterPaint,
  nextFrame,
  ScenarioFailure,
  sleep,
  throwIfPageError,
  waitFor,
  watchLongTasks,
} from './frames.ts';
import { renderRowsBlank, rowHeight } from './Row.tsx';

/** What the runner asks a list page to do. */
export type ListScenarioRequest =
  /**
   * `blankRows` (`profile.mjs --blank-rows`, a diagnostic, never in `pnpm bench`): from the
   * scroll's start every row renders as a placeholder, loaded or not, in every library: what the
   * list itself costs when the rows' content costs nothing.
   */
  | { kind: 'scroll'; speed: number; durationMs: number; blankRows?: boolean }
  /** Frames recorded while the runner drags the scrollbar thumb with the mouse, until it calls `stop()`. */
  | { kind: 'drag'; capMs: number }
  | { kind: 'jump'; index: number; capMs: number }
  | { kind: 'sweep'; rows: number; step: number; capMs: number }
  | { kind: 'dynamic-setup'; start: number; capMs: number }
  | { kind: 'dynamic'; start: number; rows: number; stepPx: number; capMs: number }
  | { kind: 'huge'; index: number; capMs: number };

/** Requests and bytes during the measured part of a scenario. */
export interface NetDelta {
  requests: number;
  aborted: number;
  bytes: number;
}

export interface ScrollResult {
  kind: 'scroll';
  frames: number;
  frameP50: number;
  frameP95: number;
  frameP99: number;
  /** Frames whose rAF delta is longer than one vsync (over 25 ms: deltas come in 16.7 ms steps). */
  slowFrames: number;
  longTasks: number;
  longTaskMs: number;
  /** When each long task started, ms after the window's first frame (the cold first second, or later). */
  longTaskStarts: number[];
  /** Blank probes / all probes over every frame. */
  blankRatio: number;
  distancePx: number;
  net: NetDelta;
}

export interface JumpResult {
  kind: 'jump' | 'huge';
  index: number;
  /** ms from `jumpTo` until the row showed real data in the viewport; null when capped. */
  ms: number | null;
  capped: boolean;
  net: NetDelta;
  heldRows: number;
  /** First and last row index inside the viewport at the end. */
  visibleFirst: number | null;
  visibleLast: number | null;
  /** Text of the target row when it rendered with data. */
  text: string | null;
  scrollHeight: number;
}

export interface SweepResult {
  kind: 'sweep';
  reachedRow: number;
  capped: boolean;
  ms: number;
  heldRows: number;
  domElements: number;
  net: NetDelta;
}

export interface DynamicResult {
  kind: 'dynamic';
  /** Sum over frames of |on-screen movement of a tracked row − the scroll applied|, px. */
  jitterPx: number;
  /** Frames in which the tracked row moved more than 1 px off the scroll applied. */
  jumps: number;
  frames: number;
  /** Frames with no loaded row on screen to follow (placeholders or nothing). */
  blankFrames: number;
  rowsScrolled: number;
  net: NetDelta;
}

/** The dynamic-heights scenario's unmeasured first half: the list is at row `start`. */
export interface DynamicSetupResult {
  kind: 'dynamic-setup';
  /** ms until row `start` showed data (latency 0, not measured). */
  ms: number;
}

export type ListScenarioResult = ScrollResult | JumpResult | SweepResult | DynamicSetupResult | DynamicResult;

/** Every scenario starts from the same state: row 0 on screen with data. */
export async function ready(): Promise<void> {
  const ms = await waitFor(() => getBenchHandle() !== null && isLoadedAndVisible(0), 15_000);
  if (ms === null) throw new ScenarioFailure('row 0 never showed data within 15 s of load');
}

/** Requests, aborts and bytes since `before` (a copy of the counters). */
export function netSince(before: NetCounters): NetDelta {
  return {
    requests: net.requests - before.requests,
    aborted: net.aborted - before.aborted,
    bytes: net.bytes - before.bytes,
  };
}

/** The `p`th percentile of ascending `sorted` (0 when empty). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function handle() {
  const h = getBenchHandle();
  if (!h) throw new ScenarioFailure('the page registered no bench handle');
  return h;
}

/** Marks around a recorded window, found by these names in the runner's trace (apps/bench/run/trace.mjs). */
const WINDOW_MARKS = { start: 'bench:window-start', end: 'bench:window-end' } as const;

let stopRequested = false;

/** Ends the drag recording at its next frame: the runner calls it once the mouse is released. */
export function stopRecording(): void {
  stopRequested = true;
}

/** A rAF delta this long means at least one vsync (16.7 ms) passed without a new frame. */
const SLOW_FRAME_MS = 25;

/**
 * Records frames from now until `done(elapsed)` says stop: rAF deltas, long tasks, the blank
 * probes of every painted frame, requests. `step(elapsed)` runs in each frame's rAF callback
 * (the scroll-through sets `scrollTop` there; a drag leaves scrolling to the mouse).
 */
async function recordFrames(
  step: (elapsed: number) => void,
  done: (elapsed: number) => boolean,
): Promise<ScrollResult> {
  const el = scroller();
  const stopLongTasks = watchLongTasks();
  const before = { ...net };
  const deltas: number[] = [];
  let slots = 0;
  let blank = 0;
  const start = await nextFrame();
  performance.mark(WINDOW_MARKS.start);
  let previous = start;
  for (;;) {
    const now = await nextFrame();
    throwIfPageError();
    deltas.push(now - previous);
    previous = now;
    const elapsed = now - start;
    if (done(elapsed)) break;
    step(elapsed);
    // Probed once this frame is painted: what the user saw at this scroll position.
    await afterPaint();
    const probe = probeSlots();
    slots += probe.slots;
    blank += probe.blank;
  }
  performance.mark(WINDOW_MARKS.end);
  const longTasks = stopLongTasks(start);
  const sorted = [...deltas].sort((a, b) => a - b);
  return {
    kind: 'scroll',
    frames: deltas.length,
    frameP50: percentile(sorted, 50),
    frameP95: percentile(sorted, 95),
    frameP99: percentile(sorted, 99),
    slowFrames: deltas.filter((d) => d > SLOW_FRAME_MS).length,
    longTasks: longTasks.count,
    longTaskMs: longTasks.totalMs,
    longTaskStarts: longTasks.starts,
    blankRatio: slots === 0 ? 0 : blank / slots,
    distancePx: el.scrollTop,
    net: netSince(before),
  };
}

async function scrollThrough(
  request: Extract<ListScenarioRequest, { kind: 'scroll' }>,
): Promise<ScrollResult> {
  await ready();
  const el = scroller();
  if (request.blankRows === true) renderRowsBlank();
  return await recordFrames(
    (elapsed) => {
      el.scrollTop = (request.speed * elapsed) / 1000;
    },
    (elapsed) => elapsed >= request.durationMs,
  );
}

/** Records until the runner, done dragging the scrollbar, calls `stop()` (or `capMs` passes). */
async function drag(request: Extract<ListScenarioRequest, { kind: 'drag' }>): Promise<ScrollResult> {
  await ready();
  stopRequested = false;
  return await recordFrames(
    () => {},
    (elapsed) => stopRequested || elapsed >= request.capMs,
  );
}

async function jump(request: { kind: 'jump' | 'huge'; index: number; capMs: number }): Promise<JumpResult> {
  await ready();
  await sleep(300);
  const before = { ...net };
  handle().jumpTo(request.index);
  const ms = await waitFor(() => isLoadedAndVisible(request.index), request.capMs);
  const visible = visibleRows();
  return {
    kind: request.kind,
    index: request.index,
    ms,
    capped: ms === null,
    net: netSince(before),
    heldRows: handle().heldRows(),
    visibleFirst: visible[0]?.index ?? null,
    visibleLast: visible.at(-1)?.index ?? null,
    text: ms === null ? null : (rowElement(request.index)?.textContent ?? null),
    scrollHeight: scroller().scrollHeight,
  };
}

async function sweep(request: Extract<ListScenarioRequest, { kind: 'sweep' }>): Promise<SweepResult> {
  await ready();
  const before = { ...net };
  const start = performance.now();
  let reachedRow = 0;
  let capped = false;
  // Page by page through the library's own "go to row" (its scrollToIndex, after loading the
  // next page where the list is append-only): every library loads every page on the way. Not
  // by setting scrollTop: lists taller than the browser allows map big scroll jumps their own
  // way, so pixel positions do not name the same row in every library.
  for (let target = request.step; target <= request.rows; target += request.step) {
    handle().jumpTo(target);
    const ms = await waitFor(() => isLoadedAndVisible(target), request.capMs - (performance.now() - start));
    if (ms === null) {
      capped = true;
      break;
    }
    reachedRow = target;
  }
  const ms = performance.now() - start;
  // Let late responses land, then collect garbage (Chromium runs with --js-flags=--expose-gc).
  await sleep(1000);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return {
    kind: 'sweep',
    reachedRow,
    capped,
    ms,
    heldRows: handle().heldRows(),
    domElements: document.getElementsByTagName('*').length,
    net: netSince(before),
  };
}

/** The topmost loaded row inside the viewport, as the row to follow through the next frame. */
function trackedRow(): { index: number; top: number } | null {
  const row = visibleRows().find((r) => r.loaded);
  return row ? { index: row.index, top: row.top } : null;
}

/**
 * Where row `index` is on screen now: its own box when it is rendered, else derived from the
 * first visible row and the true row heights (the list may have jumped so far that the tracked
 * row is gone; that jump must count too). Null when no row is visible at all.
 */
function rowTop(index: number): number | null {
  const own = rowElement(index);
  if (own) return own.getBoundingClientRect().top;
  const anchor = visibleRows()[0];
  if (!anchor) return null;
  let top = anchor.top;
  for (let i = anchor.index; i > index; i--) top -= rowHeight(i - 1, 'dynamic');
  for (let i = anchor.index; i < index; i++) top += rowHeight(i, 'dynamic');
  return top;
}

/**
 * Goes to row `start`, the dynamic scenario's starting point. Not measured: the runner calls it
 * before it throttles the CPU, and it asks the server for latency 0 (the append-only lists walk
 * every page before the row), as the warm reload's setup does.
 */
async function dynamicSetup(
  request: Extract<ListScenarioRequest, { kind: 'dynamic-setup' }>,
): Promise<DynamicSetupResult> {
  await ready();
  const latency = apiLatency();
  setApiLatency(0);
  try {
    handle().jumpTo(request.start);
    const ms = await waitFor(() => isLoadedAndVisible(request.start), request.capMs);
    if (ms === null) {
      throw new ScenarioFailure(
        `setup: row ${request.start} never showed data within ${request.capMs / 1000} s`,
      );
    }
    return { kind: 'dynamic-setup', ms };
  } finally {
    setApiLatency(latency);
  }
}

async function dynamicHeights(
  request: Extract<ListScenarioRequest, { kind: 'dynamic' }>,
): Promise<DynamicResult> {
  // Opened without the runner's setup (by hand, or a test): go there first.
  if (!isLoadedAndVisible(request.start)) await dynamicSetup({ ...request, kind: 'dynamic-setup' });
  await sleep(300);
  const el = scroller();
  const before = { ...net };
  const goal = request.start - request.rows;
  let jitterPx = 0;
  let jumps = 0;
  let frames = 0;
  let blankFrames = 0;
  let top = visibleRows()[0]?.index ?? request.start;
  const start = performance.now();
  while (top > goal && el.scrollTop > 0 && performance.now() - start < request.capMs) {
    // Positions are compared between painted frames: one step of scrolling happens in between.
    const tracked = trackedRow();
    await nextFrame();
    throwIfPageError();
    const from = el.scrollTop;
    el.scrollTop = from - request.stepPx;
    // What the user asked for: the content moves down by exactly the scroll applied.
    const applied = Math.min(request.stepPx, from);
    await afterPaint();
    const now = tracked && rowTop(tracked.index);
    if (tracked && now !== null) {
      const error = Math.abs(now - tracked.top - applied);
      jitterPx += error;
      if (error > 1) jumps += 1;
      frames += 1;
    } else {
      blankFrames += 1;
    }
    top = visibleRows()[0]?.index ?? top;
  }
  return {
    kind: 'dynamic',
    jitterPx,
    jumps,
    frames,
    blankFrames,
    rowsScrolled: request.start - top,
    net: netSince(before),
  };
}

/** Runs one list scenario in this page; throws {@link ScenarioFailure} when it cannot. */
export async function runListScenario(request: ListScenarioRequest): Promise<ListScenarioResult> {
  switch (request.kind) {
    case 'scroll':
      return await scrollThrough(request);
    case 'drag':
      return await drag(request);
    case 'jump':
    case 'huge':
      return await jump(request);
    case 'sweep':
      return await sweep(request);
    case 'dynamic-setup':
      return await dynamicSetup(request);
    case 'dynamic':
      return await dynamicHeights(request);
  }
}
