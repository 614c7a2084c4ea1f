type YieldingScheduler = { yield?: () => Promise<void> };

/**
 * Resolves in a later task, so the browser can run a frame, input and other tasks in between:
 * `scheduler.yield()` where it exists (Chromium 129+), else a `MessageChannel` message (no 4 ms
 * clamp, unlike nested `setTimeout(0)`), else `setTimeout(0)`. Globals are read at call time.
 * Called from an animation frame callback, it resolves after that frame's rendering.
 *
 * @example
 * if (performance.now() - sliceStart > 8) await yieldToMain();
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: YieldingScheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    if (typeof MessageChannel !== 'function') {
      globalThis.setTimeout(resolve, 0);
      return;
    }
    // One channel per yield, closed at once: an open port would keep Node's event loop alive.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
