// What a page's ResizeObserver deliveries cost per frame (issue #16 item 2, profile.mjs): after
// the frame's first PrePaint, Chromium gathers the observations, builds the entries, calls each
// observer's callback and runs the lifecycle again up to a second PrePaint. A frame with two
// PrePaints had a delivery; the slice from the end of the first to the end of the second is that
// delivery, measured in thread CPU time (`tts`, `tdur`), which another process's load on the
// machine does not stretch as it stretches wall time. Per layout dirty object too: a slow frame
// lays out more new rows, so per-frame figures of two builds compare only at equal frame counts.
import { measuredWindow, windowEvents } from './trace.mjs';

/** Thread CPU µs from the end of `a` to the end of `b` (or to the start of `b` with `toStart`). */
const cpuBetween = (a, b, toStart = false) => b.tts + (toStart ? 0 : b.tdur) - (a.tts + a.tdur);

/**
 * The main thread's CPU per frame and its ResizeObserver deliveries in the measured window:
 * `{ frames, cpuMsPerFrame, cpuUsPerDirty, dirtyPerFrame, prePaintsPerFrame, deliveries,
 * deliveryMsPerFrame, deliveryUsPerDirty, beforeUs, callbackUs, afterUs }` (the last three: mean
 * thread CPU µs per delivery before the callbacks, in them, and after them up to the second
 * PrePaint's end). Null when the trace has no window marks or no thread times.
 */
export function resizeSlices(events) {
  const window = measuredWindow(events);
  if (!window) return null;
  const own = windowEvents(events, window);
  if (own.length === 0 || typeof own[0].tts !== 'number') return null;
  const starts = events
    .filter(
      (e) =>
        e.name === 'BeginMainThreadFrame' &&
        e.pid === window.pid &&
        e.tid === window.tid &&
        e.ts >= window.start &&
        e.ts < window.end,
    )
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  let cpu = 0;
  let taskEnd = 0;
  let dirty = 0;
  let prePaints = 0;
  const slice = { deliveries: 0, cpu: 0, before: 0, callback: 0, after: 0, dirty: 0 };
  let at = 0;
  for (let f = 0; f < starts.length; f++) {
    const end = starts[f + 1] ?? window.end;
    const frame = [];
    for (; at < own.length && own[at].ts < end; at++) if (own[at].ts >= starts[f]) frame.push(own[at]);
    const paints = frame.filter((e) => e.name === 'PrePaint');
    const frameDirty = frame
      .filter((e) => e.name === 'Layout')
      .reduce((sum, e) => sum + (e.args?.beginData?.dirtyObjects ?? 0), 0);
    prePaints += paints.length;
    dirty += frameDirty;
    if (paints.length < 2) continue;
    const [first, second] = paints;
    const calls = frame.filter(
      (e) => e.name === 'FunctionCall' && e.ts >= first.ts + first.dur && e.ts < second.ts,
    );
    slice.deliveries += 1;
    slice.dirty += frameDirty;
    slice.cpu += cpuBetween(first, second);
    if (calls.length === 0) continue;
    slice.before += cpuBetween(first, calls[0], true);
    slice.callback += calls.reduce((sum, e) => sum + e.tdur, 0);
    slice.after += cpuBetween(calls.at(-1), second);
  }
  for (const e of own) {
    if (e.name !== 'RunTask' || e.ts < taskEnd) continue; // a task nested in another one counts once
    cpu += e.tdur ?? 0;
    taskEnd = e.ts + e.dur;
  }
  const frames = Math.max(1, starts.length);
  const per = (us, n) => (n === 0 ? 0 : us / n);
  return {
    frames: starts.length,
    cpuMsPerFrame: cpu / 1000 / frames,
    cpuUsPerDirty: per(cpu, dirty),
    dirtyPerFrame: dirty / frames,
    prePaintsPerFrame: prePaints / frames,
    deliveries: slice.deliveries,
    deliveryMsPerFrame: slice.cpu / 1000 / frames,
    deliveryUsPerDirty: per(slice.cpu, slice.dirty),
    beforeUs: per(slice.before, slice.deliveries),
    callbackUs: per(slice.callback, slice.deliveries),
    afterUs: per(slice.after, slice.deliveries),
  };
}
