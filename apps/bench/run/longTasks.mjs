// What a page's long tasks are (issue #16 item 2, profile.mjs --long-tasks): each top-level task
// of the main thread inside the measured window, sorted into kinds by the trace events it holds,
// and what a long one is made of. A rendering frame (its scroll events, animation frame callbacks,
// style, layout and paint) is one task: work a library does inside it makes the frame longer,
// work it does in a task of its own (React's scheduler, a timer) is counted apart.
import { measuredWindow, windowEvents } from './trace.mjs';

/** Events that mark a task as the frame's rendering task. */
const FRAME_EVENTS = new Set(['Paint', 'Layerize', 'PrePaint', 'FireAnimationFrame']);

/** The page main thread's complete events from the window's start, nested under their top-level `RunTask`. */
function tasksOf(events, window) {
  const own = windowEvents(events, window);
  const tasks = [];
  for (const e of own) {
    const task = tasks.at(-1);
    if (task && e.ts < task.end) task.inside.push(e);
    else if (e.name === 'RunTask')
      tasks.push({ start: e.ts, end: e.ts + e.dur, ms: e.dur / 1000, inside: [] });
  }
  return tasks;
}

/** A task's kind: `frame`, or the function its first script event names (React's `performWorkUntilDeadline`, a timer), or `other`. */
function kindOf(task) {
  if (task.inside.some((e) => FRAME_EVENTS.has(e.name))) return 'frame';
  if (task.inside.some((e) => e.name === 'TimerFire')) return 'timer';
  const named = task.inside.find((e) => e.name === 'FunctionCall' && e.args?.data?.functionName);
  if (named) return named.args.data.functionName;
  if (task.inside.some((e) => e.name === 'MinorGC' || e.name === 'MajorGC')) return 'gc';
  return 'other';
}

/** Self time (ms) of a task's events by name (a scroll or other event dispatch by its type), largest first. */
function contents(task) {
  const stack = [];
  const self = new Map();
  // The task's own time, `(task)`: what no recorded event inside it covers (a network callback, say).
  let covered = 0;
  let until = 0;
  for (const e of task.inside) {
    while (stack.length > 0 && stack.at(-1).end <= e.ts) stack.pop();
    const key = e.name === 'EventDispatch' ? `${e.args?.data?.type ?? '?'} event` : e.name;
    const node = { key, end: e.ts + e.dur };
    const parent = stack.at(-1);
    if (parent) self.set(parent.key, (self.get(parent.key) ?? 0) - e.dur / 1000);
    else if (e.ts + e.dur > until) {
      covered += (e.ts + e.dur - Math.max(e.ts, until)) / 1000;
      until = e.ts + e.dur;
    }
    self.set(key, (self.get(key) ?? 0) + e.dur / 1000);
    stack.push(node);
  }
  self.set('(task)', task.ms - covered);
  return [...self].filter(([, ms]) => ms >= 0.5).sort((a, b) => b[1] - a[1]);
}

/**
 * The window's top-level tasks by kind (`frame`: the rendering task of a frame; others by what
 * they run), with how many were longer than `longMs` and their ms, and each long task: when it
 * started in the window, how long it ran, the dirty objects of its layouts (new rows), whether a
 * garbage collection ran in it, and its events by self time.
 *
 * @example
 * const { kinds, long } = longTaskBreakdown(events, 50);
 */
export function longTaskBreakdown(events, longMs = 50) {
  const window = measuredWindow(events);
  if (!window) throw new Error('the trace has no window marks');
  const tasks = tasksOf(events, window);
  const kinds = new Map();
  const long = [];
  for (const task of tasks) {
    const kind = kindOf(task);
    const k = kinds.get(kind) ?? { kind, tasks: 0, ms: 0, long: 0, longMs: 0, maxMs: 0 };
    k.tasks += 1;
    k.ms += task.ms;
    k.maxMs = Math.max(k.maxMs, task.ms);
    if (task.ms > longMs) {
      k.long += 1;
      k.longMs += task.ms;
      const layouts = task.inside.filter((e) => e.name === 'Layout');
      long.push({
        atMs: (task.start - window.start) / 1000,
        ms: task.ms,
        kind,
        dirtyObjects: layouts.reduce((sum, e) => sum + (e.args?.beginData?.dirtyObjects ?? 0), 0),
        gc: task.inside.some((e) => e.name === 'MinorGC' || e.name === 'MajorGC'),
        contents: contents(task),
      });
    }
    kinds.set(kind, k);
  }
  return { kinds: [...kinds.values()].sort((a, b) => b.ms - a.ms), long };
}
