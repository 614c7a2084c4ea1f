// Raw results → medians (min–max) per scenario × library × metric, and lazyflow ÷ peer ratios
// computed run by run. What each metric reads from a result is defined here, once.

/** Metrics per scenario: how to read each one from a result, and how to print it. */
export const METRICS = {
  scroll: [
    { key: 'frameP50', label: 'frame p50 (ms)', read: (r) => r.frameP50, digits: 1 },
    { key: 'frameP95', label: 'frame p95 (ms)', read: (r) => r.frameP95, digits: 1 },
    { key: 'frameP99', label: 'frame p99 (ms)', read: (r) => r.frameP99, digits: 1 },
    {
      key: 'dropped',
      label: 'frames over 16.7 ms (%)',
      read: (r) => (r.frames && r.slowFrames !== undefined ? (r.slowFrames / r.frames) * 100 : null),
      digits: 1,
    },
    {
      key: 'busyPerFrame',
      label: 'main-thread ms/frame',
      read: (r) => (r.trace?.frames ? r.trace.busyMs / r.trace.frames : null),
      digits: 2,
    },
    {
      key: 'busyP95',
      label: 'main-thread ms/frame p95',
      read: (r) => r.trace?.busyP95Ms ?? null,
      digits: 1,
    },
    { key: 'busyMs', label: 'main-thread ms', read: (r) => r.trace?.busyMs ?? null, digits: 0 },
    { key: 'longTasks', label: 'long tasks', read: (r) => r.longTasks, digits: 0 },
    { key: 'longTaskMs', label: 'long-task ms', read: (r) => r.longTaskMs, digits: 0 },
    { key: 'blank', label: 'blank (%)', read: (r) => r.blankRatio * 100, digits: 1 },
    { key: 'requests', label: 'requests', read: (r) => r.net.requests, digits: 0 },
    { key: 'mb', label: 'MB fetched', read: (r) => r.net.bytes / 1e6, digits: 2 },
  ],
  jump: [
    {
      key: 'seconds',
      label: 'time to real data (s)',
      read: (r) => (r.capped ? null : r.ms / 1000),
      digits: 2,
    },
    { key: 'requests', label: 'requests', read: (r) => r.net.requests, digits: 0 },
  ],
  sweep: [
    { key: 'heapMb', label: 'JS heap after GC (MB)', read: (r) => r.heapBytes / 1e6, digits: 1 },
    { key: 'reached', label: 'last row reached', read: (r) => r.reachedRow, digits: 0 },
    { key: 'dom', label: 'DOM elements', read: (r) => r.domElements, digits: 0 },
    { key: 'held', label: 'rows held in JS', read: (r) => r.heldRows, digits: 0 },
    { key: 'requests', label: 'requests', read: (r) => r.net.requests, digits: 0 },
    { key: 'seconds', label: 'sweep time (s)', read: (r) => r.ms / 1000, digits: 1 },
  ],
  dynamic: [
    { key: 'jitter', label: 'jitter (px)', read: (r) => r.jitterPx, digits: 0 },
    {
      key: 'perFrame',
      label: 'px per frame',
      read: (r) => (r.frames ? r.jitterPx / r.frames : null),
      digits: 1,
    },
    { key: 'jumps', label: 'frames that jumped', read: (r) => r.jumps, digits: 0 },
    { key: 'frames', label: 'frames', read: (r) => r.frames + r.blankFrames, digits: 0 },
    {
      key: 'blankFrames',
      label: 'frames without a loaded row on screen',
      read: (r) => r.blankFrames,
      digits: 0,
    },
    { key: 'rows', label: 'rows scrolled', read: (r) => r.rowsScrolled, digits: 0 },
  ],
  huge: [
    { key: 'seconds', label: 'time (s)', read: (r) => (correctLastRow(r) ? r.ms / 1000 : null), digits: 2 },
  ],
};

/** Events per second over `ms`, or null when the events never all arrived. */
const perSecond = (count, ms) => (ms === null || ms <= 0 ? null : (count / ms) * 1000);

METRICS.stream = [
  {
    key: 'receivedRate',
    label: 'events/s received',
    read: (r) => perSecond(r.count, r.receivedMs),
    digits: 0,
  },
  {
    key: 'renderedRate',
    label: 'events/s rendered',
    read: (r) => perSecond(r.count, r.renderedMs),
    digits: 0,
  },
  {
    key: 'seconds',
    label: 'last event on screen (s)',
    read: (r) => (r.capped ? null : r.renderedMs / 1000),
    digits: 2,
  },
  { key: 'longest', label: 'longest task (ms)', read: (r) => r.longestTaskMs, digits: 0 },
  { key: 'longTasks', label: 'long tasks', read: (r) => r.longTasks, digits: 0 },
  { key: 'longTaskMs', label: 'long-task ms', read: (r) => r.longTaskMs, digits: 0 },
  { key: 'lost', label: 'events lost', read: (r) => r.lost, digits: 0 },
  { key: 'wrong', label: 'out of order', read: (r) => r.outOfOrder + r.wrongRows, digits: 0 },
  { key: 'heapMb', label: 'JS heap after GC (MB)', read: (r) => r.heapBytes / 1e6, digits: 1 },
  { key: 'held', label: 'events held in JS', read: (r) => r.heldItems, digits: 0 },
];

METRICS.reload = [
  {
    key: 'seconds',
    label: 'time to the row with data (s)',
    read: (r) => (r.capped ? null : r.ms / 1000),
    digits: 2,
  },
  {
    key: 'afterStart',
    label: 'of which after the list started (s)',
    read: (r) => (r.capped || r.appStartMs === null ? null : (r.ms - r.appStartMs) / 1000),
    digits: 2,
  },
  {
    key: 'firstRow',
    label: 'first row with data (s)',
    read: (r) => (r.firstRowMs === null ? null : r.firstRowMs / 1000),
    digits: 2,
  },
  {
    key: 'responsesBefore',
    label: 'network responses before it',
    read: (r) => (r.capped ? null : r.responsesBefore),
    digits: 0,
  },
  { key: 'drift', label: 'moved (px)', read: (r) => r.driftPx, digits: 0 },
];

METRICS.soak = [
  { key: 'operations', label: 'operations', read: (r) => r.operationCount, digits: 0 },
  { key: 'requests', label: 'requests', read: (r) => r.requests, digits: 0 },
  {
    key: 'faults',
    label: 'faults injected (500 / stalls / stream cuts)',
    read: (r) => r.errors500 + (r.stallsInjected ?? r.stalled) + r.streamCuts,
    digits: 0,
  },
  { key: 'frames', label: 'frames checked', read: (r) => r.frames, digits: 0 },
  { key: 'rows', label: 'rows checked', read: (r) => r.rowsChecked, digits: 0 },
  { key: 'wrong', label: 'wrong rows', read: (r) => r.wrongRows + r.outOfOrder, digits: 0 },
  { key: 'inFlight', label: 'most requests in flight', read: (r) => r.maxInFlight, digits: 0 },
  {
    key: 'errors',
    label: 'errors (console, page, rejections)',
    read: (r) => r.consoleErrors.length + r.pageErrors.length + r.rejections.length,
    digits: 0,
  },
  {
    key: 'heapFirst',
    label: 'heap after 1 min (MB)',
    read: (r) => (r.heap[0]?.bytes ?? Number.NaN) / 1e6,
    digits: 1,
  },
  {
    key: 'heapEnd',
    label: 'heap at the end (MB)',
    read: (r) => (r.heap.at(-1)?.bytes ?? Number.NaN) / 1e6,
    digits: 1,
  },
  { key: 'heapRatio', label: 'heap end ÷ 1 min', read: (r) => r.heapRatio, digits: 2 },
];

METRICS.grid = [
  ...['frameP50', 'frameP95', 'dropped', 'busyPerFrame', 'busyP95', 'longTasks', 'longTaskMs', 'blank'].map(
    (key) => METRICS.scroll.find((m) => m.key === key),
  ),
  { key: 'cellsMean', label: 'DOM cells (mean)', read: (r) => r.cellsMean, digits: 0 },
  { key: 'cellsMax', label: 'DOM cells (most)', read: (r) => r.cellsMax, digits: 0 },
  { key: 'requests', label: 'requests', read: (r) => r.net.requests, digits: 0 },
];

/** The metrics whose lazyflow ÷ peer ratio is reported, per scenario. */
export const RATIO_METRICS = {
  scroll: ['frameP95', 'blank', 'requests', 'busyPerFrame'],
  fling: ['busyPerFrame', 'blank'],
  drag: ['busyPerFrame', 'blank'],
  grid: ['frameP95', 'busyPerFrame', 'blank', 'cellsMean'],
  jump500k: ['seconds'],
  jump900k: ['seconds'],
  sweep: ['heapMb'],
  dynamic: ['jitter'],
  reload: ['seconds', 'afterStart'],
  stream: ['renderedRate', 'longest', 'heapMb'],
  stream100k: ['renderedRate', 'longest', 'heapMb'],
};

export const metricsOf = (scenario) => METRICS[scenario.page];

export function correctLastRow(result) {
  return result.ms !== null && typeof result.text === 'string' && result.text.startsWith(`#${result.index} `);
}

function stats(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), n: sorted.length };
}

export const measured = (r) => r && r.kind !== 'failed' && r.kind !== 'skipped';

/**
 * Medians (min–max) per scenario × library × metric, the reasons of failed or skipped runs, and
 * lazyflow ÷ peer ratios computed run by run (only runs where both were measured).
 */
export function summarize(report) {
  const summary = {};
  for (const [id, scenario] of Object.entries(report.scenarios)) {
    const perLib = {};
    for (const [lib, runs] of Object.entries(scenario.results)) {
      const ok = runs.filter(measured);
      const metrics = {};
      for (const m of metricsOf(scenario)) metrics[m.key] = stats(ok.map(m.read));
      const notes = [...new Set(runs.filter((r) => r && !measured(r)).map((r) => r.reason))];
      perLib[lib] = { runs: ok.length, metrics, notes };
    }
    const ratios = {};
    const lazyflowRuns = scenario.results.lazyflow;
    if (lazyflowRuns && RATIO_METRICS[id]) {
      for (const [lib, runs] of Object.entries(scenario.results)) {
        if (lib === 'lazyflow') continue;
        ratios[lib] = {};
        for (const key of RATIO_METRICS[id]) {
          const metric = metricsOf(scenario).find((m) => m.key === key);
          const perRun = runs.map((r, i) => {
            const l = lazyflowRuns[i];
            if (!measured(r) || !measured(l)) return null;
            const a = metric.read(l);
            const b = metric.read(r);
            return typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null;
          });
          ratios[lib][key] = stats(perRun);
        }
      }
    }
    summary[id] = { libs: perLib, ratios };
  }
  return summary;
}

/** The first measured run's result, else the first result of any kind. */
export function firstResult(runs) {
  return runs.find(measured) ?? runs.find(Boolean) ?? null;
}
