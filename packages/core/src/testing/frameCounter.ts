// Test support (excluded from the build): real animation frames, counted.

/** Animation frames counted by {@link frameCounter} until `stop()`. */
export interface FrameCounter {
  /** Frames whose animation frame callbacks ran since the counter started. */
  readonly frames: number;
  stop(): void;
}

/**
 * Counts real animation frames until `stop()`. A test loop that waits for one frame at a time can
 * miss one on a busy machine (a long task of another test file sharing the browser's main thread
 * between the loop's steps), and the view then lays out in a frame the loop did not look at. A
 * callback the loop asks for after the counter started runs after the counter's in each frame
 * (asked for a frame earlier), so `frames` read there already counts that frame.
 *
 * @example
 * const clock = frameCounter();
 * const seen = clock.frames;
 * await frames(1);
 * const missed = clock.frames - seen > 1; // a frame ran before the loop's own callback
 * clock.stop();
 */
export function frameCounter(): FrameCounter {
  let running = true;
  const counter = {
    frames: 0,
    stop() {
      running = false;
    },
  };
  const tick = () => {
    counter.frames += 1;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return counter;
}
