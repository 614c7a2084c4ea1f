// Main-thread figures from a Chromium trace of a measured window: the page marks the window
// (`performance.mark('bench:window-start' | 'bench:window-end')`, src/shared/scenarios.ts), the
// runner records a trace around it over the DevTools protocol, and everything is read from the
// trace's events here.

/** What the bench records: main-thread tasks and the frame events of the DevTools timeline, and the page's marks. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
];

const WINDOW_START = 'bench:window-start';
const WINDOW_END = 'bench:window-end';

/**
 * Starts a trace of `categories` over `cdp` (the page's DevTools session). Resolves to `stop()`,
 * which ends it and resolves to the trace's events.
 */
export async function startTrace(cdp, categories = TRACE_CATEGORIES) {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      recordMode: 'recordAsMuchAsPossible',
      includedCategories: categories,
      excludedCategories: ['*'],
    },
  });
  return async function stop() {
    const complete = new Promise((resolve) => {
      const done = (event) => {
        cdp.off('Tracing.tracingComplete', done);
        resolve(event);
      };
      cdp.on('Tracing.tracingComplete', done);
    });
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    const chunks = [];
    for (;;) {
      const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
      chunks.push(Buffer.from(data, base64Encoded ? 'base64' : 'utf8'));
      if (eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    const trace = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return Array.isArray(trace) ? trace : trace.traceEvents;
  };
}

/** The page's main thread and the measured window (µs): where and when the page set its marks. */
export function measuredWindow(events) {
  const start = events.find((e) => e.name === WINDOW_START);
  const end = events.find((e) => e.name === WINDOW_END);
  if (!start || !end) return null;
  return { pid: start.pid, tid: start.tid, start: start.ts, end: end.ts };
}

/** The complete (`X`) events of the window's thread inside it, by start (an outer event before the ones it holds). */
export function windowEvents(events, window) {
  return events
    .filter(
      (e) =>
        e.ph === 'X' &&
        typeof e.dur === 'number' &&
        e.pid === window.pid &&
        e.tid === window.tid &&
        e.ts >= window.start &&
        e.ts < window.end,
    )
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
}

const onThread = (thread) => (e) => e.pid === thread.pid && e.tid === thread.tid;
const overlap = (from, to, window) => Math.max(0, Math.min(to, window.end) - Math.max(from, window.start));

/**
 * The top-level tasks of `thread`, sorted: its `RunTask` events that are not inside another one
 * (a nested run loop runs tasks inside a task; counting those too would count their time twice).
 */
function topLevelTasks(events, thread) {
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && typeof e.dur === 'number' && onThread(thread)(e))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out = [];
  for (const task of tasks) {
    const last = out.at(-1);
    if (last && task.ts < last.end) {
      // Nested (or, oddly, overlapping): only time past the outer task's end is new.
      last.end = Math.max(last.end, task.ts + task.dur);
      continue;
    }
    out.push({ start: task.ts, end: task.ts + task.dur });
  }
  return out;
}

/**
 * The main-thread frames inside the window: when each began (`BeginMainThreadFrame`, the frame's
 * rAF callbacks, style, layout and paint follow). While the harness runs its rAF loop there is
 * one per animation frame, whether or not the screen changes (a held scrollbar thumb), so per-frame
 * figures treat an idle library and a busy one alike.
 */
function frameStarts(events, window) {
  return events
    .filter(
      (e) =>
        e.name === 'BeginMainThreadFrame' && onThread(window)(e) && e.ts >= window.start && e.ts < window.end,
    )
    .map((e) => e.ts)
    .sort((a, b) => a - b);
}

/** Busy µs of `tasks` (sorted, not overlapping) inside each interval from one frame start to the next (or the window's end). */
function busyPerFrame(tasks, starts, window) {
  const out = [];
  let t = 0;
  for (let i = 0; i < starts.length; i++) {
    const frame = { start: starts[i], end: starts[i + 1] ?? window.end };
    while (t < tasks.length && tasks[t].end <= frame.start) t++;
    let busy = 0;
    for (let k = t; k < tasks.length && tasks[k].start < frame.end; k++) {
      busy += overlap(tasks[k].start, tasks[k].end, frame);
    }
    out.push(busy);
  }
  return out;
}

/** The `p`th percentile of sorted `values` (nearest rank), or null when empty. */
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * The main-thread figures of a traced window (ms): busy = the time the page's main thread spent
 * in top-level tasks inside the window; the main-thread frames in it, and the 95th percentile of
 * the busy time from one frame's start to the next. `{ error }` when the trace lacks the marks or
 * the tasks.
 */
export function traceFigures(events) {
  const window = measuredWindow(events);
  if (!window) return { error: 'the trace has no window marks' };
  const tasks = topLevelTasks(events, window);
  if (tasks.length === 0) return { error: 'the trace has no RunTask events on the page’s main thread' };
  const busyUs = tasks.reduce((sum, t) => sum + overlap(t.start, t.end, window), 0);
  const starts = frameStarts(events, window);
  const perFrame = busyPerFrame(tasks, starts, window).sort((a, b) => a - b);
  const p95 = percentile(perFrame, 95);
  return {
    windowMs: (window.end - window.start) / 1000,
    busyMs: busyUs / 1000,
    frames: starts.length,
    busyP95Ms: p95 === null ? null : p95 / 1000,
  };
}
