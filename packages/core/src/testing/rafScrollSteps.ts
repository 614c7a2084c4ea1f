// Test support (excluded from the build): a page that scrolls from requestAnimationFrame, one step
// up a frame, and how far the item read moved from where the step should have put it.
import { frameCounter } from './frameCounter.ts';
import { afterPaint, frames, type MountedList } from './mountVirtualList.ts';

/** What {@link rafScrollSteps} measured. */
export interface RafScrollResult {
  /** Steps read. */
  readonly read: number;
  /** Sum over the steps read of |where the item read is after the step − (before + step)|, px. */
  readonly jitter: number;
  /** Steps read whose item moved more than 1 px off. */
  readonly jumps: number;
}

/**
 * Each step: picks the item read with `tracked()` and its position, waits one frame, writes
 * `scrollTop -= step` inside the next frame (before its layout and paint), and reads the item's
 * position after that paint. Real frames are counted: on a busy machine (other test files share
 * the browser's main thread) a frame can run between the read and the write, or between the write
 * and the look after its paint; the view then lays out in a frame the loop did not look at, so
 * such a step is not read, nor one where `tracked()` found no item. Stops once `reads` steps were
 * read, or after `maxSteps`.
 *
 * @example
 * const result = await rafScrollSteps(mounted, { step: 480, reads: 78, maxSteps: 160, tracked: () => mounted.visible()[0] });
 * expect(result).toEqual({ read: 78, jitter: 0, jumps: 0 });
 */
export async function rafScrollSteps<T>(
  mounted: MountedList<T>,
  options: { step: number; reads: number; maxSteps: number; tracked: () => number | undefined },
): Promise<RafScrollResult> {
  const { step, reads, maxSteps, tracked: pick } = options;
  let jitter = 0;
  let jumps = 0;
  let read = 0;
  const clock = frameCounter();
  for (let n = 0; read < reads && n < maxSteps; n++) {
    const tracked = pick();
    const before = tracked === undefined ? undefined : mounted.position(tracked);
    const readAt = clock.frames;
    await frames(1);
    const writtenAt = clock.frames;
    mounted.viewport.scrollTop -= step;
    await afterPaint();
    const missed = writtenAt - readAt !== 1 || clock.frames !== writtenAt;
    if (tracked === undefined || before === undefined || missed) continue;
    read += 1;
    const error = Math.abs((mounted.position(tracked) ?? Number.NaN) - (before + step));
    jitter += error;
    if (error > 1) jumps += 1;
  }
  clock.stop();
  return { read, jitter, jumps };
}
