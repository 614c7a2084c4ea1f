// The grid scenario, measured inside the page the same way for every library: the harness
// scrolls the `.scroller` element diagonally (down and right at constant speeds) and, after each
// painted frame, probes the viewport on a 36 × 80 px lattice for loaded cells and counts the
// cells in the DOM.

import { scroller } from '../shared/dom.ts';
import { net } from '../shared/fetchItems.ts';
import {
  afterPaint,
  nextFrame,
  ScenarioFailure,
  throwIfPageError,
  waitFor,
  watchLongTasks,
} from '../shared/frames.ts';
import { netSince, percentile, type ScrollResult } from '../shared/scenarios.ts';

/** Scroll down by `speedY` and right by `speedX` px/s for `durationMs`. */
export interface GridRequest {
  kind: 'grid';
  speedX: number;
  speedY: number;
  durationMs: number;
}

/** A scroll result's frame, long-task and blank figures, plus the DOM cells and both axes' distance. */
export interface GridResult extends Omit<ScrollResult, 'kind' | 'distancePx'> {
  kind: 'grid';
  /** Cells in the DOM after each frame: mean and most. */
  cellsMean: number;
  cellsMax: number;
  distanceX: number;
  distanceY: number;
}

const SLOT_Y = 36;
const SLOT_X = 80;

/** Probes at the middle of each 36 × 80 px slot of the viewport: how many no loaded cell covers. */
function probeCells(el: HTMLElement): { slots: number; blank: number; cells: number } {
  const box = el.getBoundingClientRect();
  const top = box.top + el.clientTop;
  const left = box.left + el.clientLeft;
  const loaded: DOMRect[] = [];
  const cells = el.querySelectorAll<HTMLElement>('[data-col]');
  for (const cell of cells) if (cell.dataset.state === 'loaded') loaded.push(cell.getBoundingClientRect());
  let slots = 0;
  let blank = 0;
  for (let y = top + SLOT_Y / 2; y < top + el.clientHeight; y += SLOT_Y) {
    for (let x = left + SLOT_X / 2; x < left + el.clientWidth; x += SLOT_X) {
      slots += 1;
      if (!loaded.some((r) => r.top <= y && r.bottom > y && r.left <= x && r.right > x)) blank += 1;
    }
  }
  return { slots, blank, cells: cells.length };
}

/** Runs the diagonal scroll from the top-left cell and records it. */
export async function gridScroll(request: GridRequest): Promise<GridResult> {
  const ready = await waitFor(
    () => document.querySelector('[data-row="0"][data-col="0"][data-state="loaded"]') !== null,
    15_000,
  );
  if (ready === null) throw new ScenarioFailure('cell (0, 0) never showed data within 15 s of load');
  const el = scroller();
  const stopLongTasks = watchLongTasks();
  const before = { ...net };
  const deltas: number[] = [];
  let slots = 0;
  let blank = 0;
  let cellSum = 0;
  let cellsMax = 0;
  const start = await nextFrame();
  performance.mark('bench:window-start');
  let previous = start;
  for (;;) {
    const now = await nextFrame();
    throwIfPageError();
    deltas.push(now - previous);
    previous = now;
    const elapsed = now - start;
    if (elapsed >= request.durationMs) break;
    el.scrollTop = (request.speedY * elapsed) / 1000;
    el.scrollLeft = (request.speedX * elapsed) / 1000;
    await afterPaint();
    const probe = probeCells(el);
    slots += probe.slots;
    blank += probe.blank;
    cellSum += probe.cells;
    cellsMax = Math.max(cellsMax, probe.cells);
  }
  performance.mark('bench:window-end');
  const longTasks = stopLongTasks(start);
  const sorted = [...deltas].sort((a, b) => a - b);
  const probed = Math.max(1, deltas.length - 1);
  return {
    kind: 'grid',
    frames: deltas.length,
    frameP50: percentile(sorted, 50),
    frameP95: percentile(sorted, 95),
    frameP99: percentile(sorted, 99),
    slowFrames: deltas.filter((d) => d > 25).length,
    longTasks: longTasks.count,
    longTaskMs: longTasks.totalMs,
    longTaskStarts: longTasks.starts,
    blankRatio: slots === 0 ? 0 : blank / slots,
    cellsMean: cellSum / probed,
    cellsMax,
    distanceX: el.scrollLeft,
    distanceY: el.scrollTop,
    net: netSince(before),
  };
}
