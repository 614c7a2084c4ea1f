/**
 * Schedules one callback per animation frame; injectable so tests can step frames by hand.
 *
 * @example
 * const frames: FrameScheduler = { request: (cb) => setTimeout(cb, 16), cancel: (h) => clearTimeout(h as number) };
 * createStream({ url: '/api/stream', frameScheduler: frames });
 */
export interface FrameScheduler {
  request(callback: () => void): unknown;
  cancel(handle: unknown): void;
}

// Hidden tabs get no animation frames; without a fallback a live stream would stop publishing
// (and, through backpressure, stop reading) until the tab is shown again.
const HIDDEN_TAB_FALLBACK_MS = 250;

/**
 * `requestAnimationFrame` when the environment has it (else a 16 ms timeout), with a timeout
 * fallback so hidden tabs and workers still get a frame every 250 ms. Globals are looked up at
 * call time, never at import time.
 *
 * @example
 * const handle = defaultFrameScheduler.request(() => render());
 * defaultFrameScheduler.cancel(handle);
 */
export const defaultFrameScheduler: FrameScheduler = {
  request(callback) {
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      if (raf !== undefined) globalThis.cancelAnimationFrame(raf);
      globalThis.clearTimeout(timer);
      callback();
    };
    const hasRaf = typeof globalThis.requestAnimationFrame === 'function';
    const raf = hasRaf ? globalThis.requestAnimationFrame(run) : undefined;
    const timer = globalThis.setTimeout(run, hasRaf ? HIDDEN_TAB_FALLBACK_MS : 16);
    return () => {
      done = true;
      if (raf !== undefined) globalThis.cancelAnimationFrame(raf);
      globalThis.clearTimeout(timer);
    };
  },
  cancel(handle) {
    if (typeof handle === 'function') handle();
  },
};

/**
 * A {@link FrameScheduler} whose frames run only when `flush()` is called.
 *
 * @example
 * const frames: ManualFrameScheduler = createManualFrameScheduler();
 * while (frames.pending > 0) frames.flush(); // run frames until nothing asks for one
 */
export interface ManualFrameScheduler extends FrameScheduler {
  /** Runs the callbacks requested so far; returns how many ran. */
  flush(): number;
  /** Callbacks waiting for the next frame. */
  readonly pending: number;
}

/**
 * A frame scheduler for tests and for driving frames yourself (e.g. from a render loop).
 *
 * @example
 * const frames = createManualFrameScheduler();
 * const stream = createStream({ url: '/api/stream', frameScheduler: frames });
 * frames.flush(); // publish what arrived since the last frame
 */
export function createManualFrameScheduler(): ManualFrameScheduler {
  let queue = new Map<number, () => void>();
  let next = 0;
  return {
    request(callback) {
      const id = next++;
      queue.set(id, callback);
      return id;
    },
    cancel(handle) {
      queue.delete(handle as number);
    },
    flush() {
      const run = queue;
      queue = new Map();
      for (const callback of run.values()) callback();
      return run.size;
    },
    get pending() {
      return queue.size;
    },
  };
}
