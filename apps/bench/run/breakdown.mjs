// Where a page's main-thread time goes in a traced window (profile.mjs): trace events by self
// time, style and layout passes (forced ones apart), and JS functions by self time from the V8
// sampling profiler's events in the same trace.
import { measuredWindow, windowEvents } from './trace.mjs';

/** Trace events that run script: a layout inside one was forced by that script. */
const SCRIPT_EVENTS = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.callFunction',
  'v8.run',
  'RunMicrotasks',
  'FireAnimationFrame',
  'TimerFire',
  'EventDispatch',
  'V8.Execute',
]);

/**
 * The page main thread's complete events inside the window, each with its self time (µs: its
 * duration minus its children's) and whether script was running around it.
 */
function mainThreadTree(events, window) {
  const own = windowEvents(events, window);
  const nodes = [];
  const stack = [];
  for (const e of own) {
    while (stack.length > 0 && stack.at(-1).end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    const node = {
      name: e.name,
      args: e.args,
      end: e.ts + e.dur,
      self: e.dur,
      inScript: parent ? parent.inScript || SCRIPT_EVENTS.has(parent.name) : false,
    };
    if (parent) parent.self -= Math.min(e.dur, parent.end - e.ts);
    nodes.push(node);
    stack.push(node);
  }
  return nodes;
}

/** Sums and counts by key, largest first. */
function tally(entries) {
  const by = new Map();
  for (const [key, us] of entries) {
    const t = by.get(key) ?? { key, ms: 0, count: 0 };
    t.ms += us / 1000;
    t.count += 1;
    by.set(key, t);
  }
  return [...by.values()].sort((a, b) => b.ms - a.ms);
}

/**
 * JS self time by function from the sampling profiler's `ProfileChunk` events of the page's
 * main thread, samples inside the window only. `where(url, line)` names a function's place.
 */
function jsSelfTimes(events, window, where) {
  const nodes = new Map();
  const samples = [];
  const chunks = events
    .filter((e) => e.name === 'ProfileChunk' && e.pid === window.pid)
    .sort((a, b) => a.ts - b.ts);
  const profile = events.find((e) => e.name === 'Profile' && e.pid === window.pid && e.tid === window.tid);
  if (!profile) return [];
  let time = profile.args.data.startTime;
  for (const chunk of chunks) {
    if (chunk.id !== profile.id) continue;
    const data = chunk.args.data;
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++) {
      time += deltas[i] ?? 0;
      samples.push({ id: ids[i], time });
    }
  }
  const entries = [];
  for (let i = 0; i + 1 < samples.length; i++) {
    const { id, time } = samples[i];
    if (time < window.start || time >= window.end) continue;
    const node = nodes.get(id);
    if (!node) continue;
    const name = (frame) =>
      `${frame.functionName || '(anonymous)'}${frame.url ? ` ${where(frame.url, frame.lineNumber)}` : ''}`;
    // A native function (a DOM call such as getBoundingClientRect, whose time includes the layout
    // it forced) is named with its caller: who called it is what can be changed.
    const caller = node.callFrame.url ? undefined : nodes.get(node.parent)?.callFrame;
    const key = caller?.url ? `${name(node.callFrame)} ← ${name(caller)}` : name(node.callFrame);
    entries.push([key, samples[i + 1].time - time]);
  }
  return tally(entries);
}

/**
 * The breakdown of the page's main thread in the traced window: top events by self time, the
 * style and layout passes (`forced` = run while script was on the stack), and JS functions by
 * self time. `where(url, line)` says where a JS function is.
 */
export function mainThreadBreakdown(events, where) {
  const window = measuredWindow(events);
  if (!window) throw new Error('the trace has no window marks');
  const nodes = mainThreadTree(events, window);
  const count = (name, forced) =>
    nodes.filter((n) => n.name === name && (forced === undefined || n.inScript === forced)).length;
  const ms = (name) => nodes.filter((n) => n.name === name).reduce((sum, n) => sum + n.self, 0) / 1000;
  const dispatched = tally(
    nodes.filter((n) => n.name === 'EventDispatch').map((n) => [n.args?.data?.type ?? '?', 0]),
  );
  return {
    windowMs: (window.end - window.start) / 1000,
    events: tally(nodes.map((n) => [n.name, n.self])),
    layout: {
      styleRecalcs: count('UpdateLayoutTree'),
      forcedStyleRecalcs: count('UpdateLayoutTree', true),
      styleMs: ms('UpdateLayoutTree'),
      layouts: count('Layout'),
      forcedLayouts: count('Layout', true),
      layoutMs: ms('Layout'),
      paints: count('Paint'),
    },
    dispatched: dispatched.map((d) => `${d.key} ×${d.count}`),
    functions: jsSelfTimes(events, window, where),
  };
}
