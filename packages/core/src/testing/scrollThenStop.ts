// Test support (excluded from the build): a page that scrolls in requestAnimationFrame and stops,
// and what the frames after its last write painted.
import { frameCounter } from './frameCounter.ts';
import { afterPaint, frames } from './mountVirtualList.ts';

/** What {@link scrollThenStop} saw. */
export interface ScrollThenStopResult {
  /** Frames the writing loop missed (a busy machine): each ends the lean by design (decision 0020). */
  readonly gaps: number;
  /** The frames after the last write (0 = its own paint) whose paint left `uncovered()` above 0. */
  readonly blank: number[];
}

/**
 * Calls `write()` inside each of `steps` animation frames (before the frame's layout), then probes
 * `uncovered()` after each of the next `after` paints. Real frames are counted, as in
 * `rafScrollSteps`: a missed frame is reported in `gaps`, and a test then cannot expect the lean.
 *
 * @example
 * const { gaps, blank } = await scrollThenStop(() => { viewport.scrollTop += 1_200; }, () => uncovered(mounted));
 * if (gaps === 0) expect(blank).toEqual([]);
 */
export async function scrollThenStop(
  write: () => void,
  uncovered: () => number,
  { steps = 30, after = 8 }: { steps?: number; after?: number } = {},
): Promise<ScrollThenStopResult> {
  const clock = frameCounter();
  let lastTick = -1;
  let gaps = 0;
  for (let step = 0; step < steps; step++) {
    await frames(1);
    if (lastTick >= 0 && clock.frames - lastTick > 1) gaps += 1;
    lastTick = clock.frames;
    write();
  }
  const blank: number[] = [];
  for (let frame = 0; frame < after; frame++) {
    await afterPaint();
    if (uncovered() > 0) blank.push(frame);
    await frames(1);
  }
  clock.stop();
  return { gaps, blank };
}
