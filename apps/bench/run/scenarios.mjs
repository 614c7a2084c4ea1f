// The scenarios `pnpm bench` runs, in order, each for every library, in every run unless it says
// `runs` (with why), at the CPU slowdown it names. `request` is passed as is to `runScenario` in
// the page (apps/bench/src/shared/scenarios.ts), where each one is measured. The mock API answers
// from the Node process that serves the pages (apps/bench/mockApi.ts), so its work is not on the
// throttled main thread.

/** Mock-server latency every scenario uses unless it says otherwise (±25% jitter, added in Node). */
export const LATENCY = 80;
/** CPU slowdown applied through the DevTools protocol, to look like a mid-range phone. */
export const THROTTLE = 4;
/** Longest wait for a row before the result is recorded as capped. */
export const CAP_MS = 4_000;

/**
 * @typedef {object} Scenario
 * @property {string} id
 * @property {string} title
 * @property {'scroll' | 'jump' | 'sweep' | 'dynamic' | 'huge' | 'reload' | 'stream' | 'grid'} page  the page's `?scenario=`
 * @property {string[]} [libs]   the libraries it compares (default: the list libraries, see LIST_LIBS)
 * @property {string} [ready]    CSS selector of a page ready to measure (default: row 0 with data)
 * @property {string} [setting]  what the heading says instead of latency and rows per request
 * @property {number} total      items in the dataset
 * @property {number} pageSize   items per request, the same for every library
 * @property {number} latency    mock latency in ms
 * @property {number} throttle   CPU slowdown factor (1 = none)
 * @property {object} [setup]    what the page does first, before the CPU is throttled (not measured)
 * @property {object} request    what the page measures
 * @property {string} measures   one line for the docs
 * @property {number} [runs]     measured in the first `runs` runs only (default: every run)…
 * @property {string} [fewerRuns] …for this reason, printed with the table
 * @property {boolean} [trace]   record a Chromium trace of the measured window (main-thread busy time, frames)
 * @property {import('./drag.mjs').DragPlan} [drag]  drag the scrollbar thumb meanwhile (a browser that shows scrollbars)
 */

/** The list pages, in table order: every scenario without its own `libs` compares them. */
export const LIST_LIBS = ['lazyflow', 'tanstack', 'virtuoso', 'react-window', 'virtua'];
/** Row the warm reload comes back to. */
// Not 50,000: the append-only lists walk every page before it in the unmeasured first visit (about
// 20 s each at latency 0 on the 2-core machine, with the mock server in the page), which would push
// the whole run past 10 minutes.
const RELOAD_ROW = 10_000;
/** Events of the stream ingest. */
// 100,000 took 25–30 s per run at CPU ×4 when the mock server still ran in the page (its pipeline
// and the list both saturated the main thread); 10,000 keeps the 5 runs of both pages well inside
// the 10-minute budget. The 100,000-event scenario (issue 16) runs beside it, in fewer runs.
const STREAM_COUNT = 10_000;
const STREAM_100K = 100_000;

/** Why the fling and the drag have fewer runs than the scroll-through. */
const FEWER_SCROLL_RUNS =
  'with five runs each, the fling and the drag (about 8 s per library and run) would add 7 minutes to the bench; three add 4';

/** @type {Scenario[]} */
export const SCENARIOS = [
  {
    id: 'scroll',
    title: 'Scroll-through',
    page: 'scroll',
    total: 1_000_000,
    pageSize: 100,
    latency: LATENCY,
    throttle: THROTTLE,
    trace: true,
    request: { kind: 'scroll', speed: 5_000, durationMs: 10_000 },
    measures:
      'the list scrolled from the top at a constant 5,000 px/s for 10 s (1,000,000 rows): rAF frame times, frames over 16.7 ms, main-thread busy time from a trace, long tasks, blank ratio, requests and bytes',
  },
  {
    id: 'fling',
    title: 'Fling',
    page: 'scroll',
    total: 1_000_000,
    pageSize: 100,
    latency: LATENCY,
    throttle: THROTTLE,
    runs: 3,
    fewerRuns: FEWER_SCROLL_RUNS,
    trace: true,
    request: { kind: 'scroll', speed: 20_000, durationMs: 5_000 },
    measures:
      'the scroll-through four times faster: 20,000 px/s for 5 s from the top (the append-only lists stop where their loaded rows end until the next page arrives); the same figures',
  },
  {
    id: 'drag',
    title: 'Scrollbar drag',
    page: 'scroll',
    total: 1_000_000,
    pageSize: 100,
    latency: LATENCY,
    throttle: THROTTLE,
    runs: 3,
    fewerRuns: FEWER_SCROLL_RUNS,
    trace: true,
    request: { kind: 'drag', capMs: 20_000 },
    drag: { seed: 16, moves: 8, steps: 12, stepMs: 16, holdMs: 300 },
    measures:
      'the mouse grabs the scrollbar thumb (a real button press on it, Chromium showing classic scrollbars) and drags it to 8 positions along the track drawn from a fixed seed, the same for every library, 12 mouse moves 16 ms apart to each and 0.3 s held there, then lets go; the track is the whole dataset where the list has random access, the loaded rows where it appends; the same figures from the first move to the release',
  },
  {
    id: 'jump500k',
    title: 'Jump to row 500,000',
    page: 'jump',
    total: 1_000_000,
    pageSize: 100,
    latency: LATENCY,
    throttle: THROTTLE,
    request: { kind: 'jump', index: 500_000, capMs: CAP_MS },
    measures: `time from the page’s go-to-row until the row shows real data in the viewport, capped at ${CAP_MS / 1000} s; requests made meanwhile`,
  },
  {
    id: 'jump900k',
    title: 'Jump to row 900,000',
    page: 'jump',
    total: 1_000_000,
    pageSize: 100,
    latency: LATENCY,
    throttle: THROTTLE,
    request: { kind: 'jump', index: 900_000, capMs: CAP_MS },
    measures: 'the same for row 900,000',
  },
  {
    id: 'sweep',
    title: 'Sweep memory',
    page: 'sweep',
    total: 1_000_000,
    pageSize: 5_000,
    latency: 0,
    // Not throttled and measured once: what it measures (heap, DOM and rows held after GC) does
    // not depend on CPU speed, and each library parses 75 MB of JSON: at ×4 the 5 runs took 6.5
    // minutes, at ×1 about 3.
    throttle: 1,
    runs: 1,
    fewerRuns:
      'heap, DOM and rows held after GC do not depend on timing, and a sweep of the five libraries takes about 35 s: more runs would not fit the 10-minute budget',
    request: { kind: 'sweep', rows: 200_000, step: 5_000, capMs: 60_000 },
    measures:
      'rows 5,000, 10,000, … 200,000 of a 1,000,000-row list visited in turn through each page’s go-to-row (one request of 5,000 rows per step), each on screen with data before the next, then GC: JS heap, DOM elements, rows held in JS',
  },
  {
    id: 'dynamic',
    title: 'Dynamic heights',
    page: 'dynamic',
    total: 2_400,
    pageSize: 100,
    latency: LATENCY,
    throttle: THROTTLE,
    runs: 3,
    fewerRuns:
      'a run of the five libraries takes about 40 s at CPU ×4 (200–380 measured frames each): five would not fit the 10-minute budget',
    setup: { kind: 'dynamic-setup', start: 2_200, capMs: 30_000 },
    request: { kind: 'dynamic', start: 2_200, rows: 2_000, stepPx: 480, capMs: 12_000 },
    measures:
      'rows of 20–80 px (deterministic, learnt only by measuring): go to row 2,200 (through the page’s go-to-row at latency 0 before the CPU is throttled, not measured), then scroll up 2,000 rows at 480 px per frame; jitter = how far the tracked row moved on screen beyond the scroll, summed over frames',
  },
  {
    id: 'huge',
    title: 'Huge list',
    page: 'huge',
    total: 100_000_000,
    pageSize: 100,
    latency: LATENCY,
    throttle: THROTTLE,
    request: { kind: 'huge', index: 99_999_999, capMs: CAP_MS },
    measures: `100,000,000 rows: go to the last row; does it show the last item's data within ${CAP_MS / 1000} s, and if not, what happened`,
  },
  {
    id: 'stream',
    title: 'Stream ingest',
    page: 'stream',
    libs: ['lazyflow', 'lazyflow-log', 'baseline', 'probe-parse', 'probe-index'],
    ready: '[data-stream="idle"]',
    setting: `latency ${LATENCY} ms to the first byte, ${STREAM_COUNT.toLocaleString('en-US')} NDJSON events written as fast as the page reads them`,
    total: STREAM_COUNT,
    pageSize: STREAM_COUNT,
    latency: LATENCY,
    throttle: THROTTLE,
    request: { kind: 'stream', count: STREAM_COUNT, rate: 0, capMs: 30_000 },
    measures: `the same \`/api/stream\` NDJSON body of ${STREAM_COUNT.toLocaleString('en-US')} events (the mock server writes up to 500 per chunk, as fast as the reader pulls) into a virtualized list that follows the newest row, from opening the stream until the list has every event and the last one is on screen with its data: events per second received by the app's code and rendered, long tasks, events lost, then GC and the JS heap. The mock server runs in the Node process serving the page, so producing the body costs neither page main-thread time. Before the window each page lays out, hidden, one row holding every word the events use (東京, ветер, 🚀…), as a page already showing such text has: the fallback fonts are then known, and the first publishing frame measures the page's code, not the bench machine's font lookups (100–300 ms at CPU ×4 in either page without it)`,
  },
  {
    id: 'stream100k',
    title: 'Stream ingest, 100,000 events',
    page: 'stream',
    libs: ['lazyflow', 'lazyflow-log', 'baseline', 'probe-parse', 'probe-index'],
    ready: '[data-stream="idle"]',
    setting: `latency ${LATENCY} ms to the first byte, ${STREAM_100K.toLocaleString('en-US')} NDJSON events written as fast as the page reads them`,
    total: STREAM_100K,
    pageSize: STREAM_100K,
    latency: LATENCY,
    throttle: THROTTLE,
    runs: 3,
    fewerRuns:
      'a page takes 5–20 s for 100,000 events at CPU ×4 on the 2-core machine; three runs (a median, not the mean of two: runs differ by up to 0.3 in the ratio) add about 15 s to the bench, five would add 45',
    request: { kind: 'stream', count: STREAM_100K, rate: 0, capMs: 60_000 },
    measures: `the same with ten times the events: ${STREAM_100K.toLocaleString('en-US')}, capped at 60 s (lazyflow's list still keeps 4 MB of them, the baseline every one)`,
  },
  {
    id: 'grid',
    title: 'Grid, diagonal scroll',
    page: 'grid',
    // The grids (issue #19 item 7): lazyflow's useLazyGrid, TanStack Virtual's two virtualizers,
    // react-window's Grid; virtuoso and virtua have no two-dimensional grid.
    libs: ['lazyflow', 'tanstack', 'react-window'],
    ready: '[data-row="0"][data-col="0"][data-state="loaded"]',
    setting: `latency ${LATENCY} ms, 100 rows per request with all their columns, 1,000 columns of 80 px (the first 160 px), overscan 3 rows and 3 columns on every page`,
    total: 1_000_000,
    pageSize: 100,
    latency: LATENCY,
    throttle: THROTTLE,
    runs: 3,
    fewerRuns: 'about 12 s per library and run: three runs add 2 minutes to the bench, five would add 3',
    trace: true,
    request: { kind: 'grid', speedX: 1_500, speedY: 3_000, durationMs: 8_000 },
    measures:
      'a 1,000,000-row × 1,000-column grid (cells are text derived from the row’s item: the same data and requests for every library) scrolled diagonally from the top-left cell for 8 s, 3,000 px/s down and 1,500 px/s right, in the same 480 × 600 px frame as the lists: rAF frame times, frames over 16.7 ms, main-thread busy time from a trace, long tasks, blank ratio (probes on a 36 × 80 px lattice not covered by a loaded cell, after each painted frame), DOM cells after each frame (mean and most), requests',
  },
  {
    id: 'reload',
    title: 'Warm reload',
    page: 'reload',
    total: 1_000_000,
    pageSize: 100,
    latency: LATENCY,
    throttle: THROTTLE,
    request: { kind: 'reload', index: RELOAD_ROW, capMs: CAP_MS },
    measures: `a fresh browser profile opens the 1,000,000-row list, goes to row ${RELOAD_ROW.toLocaleString('en-US')} (through the page’s go-to-row at latency 0, not measured) and waits 1.3 s (lazyflow’s cache writes pages within a 1 s idle deadline); then \`page.reload()\` with the CPU throttled: time from the reload’s navigation start until row ${RELOAD_ROW.toLocaleString('en-US')} is on screen with data, capped at ${CAP_MS / 1000} s; the same counted from when the page handed its list to React (app code loaded), any row’s first data, network responses answered before the row’s data first reached the DOM (counted in that task), and how far the row moved`,
  },
  {
    id: 'soak',
    title: 'Soak',
    page: 'soak',
    // Not a comparison: the demo's own Table under faults, checked for correctness over minutes.
    libs: ['lazyflow'],
    setting: `the demo app's Table (MSW in the page), latency ${LATENCY} ms, 10 % of requests answer HTTP 500, 5 % stall past the Table's 5 s timeout, streams cut every 150 events`,
    total: 1_000_000,
    pageSize: 100,
    latency: LATENCY,
    throttle: THROTTLE,
    runs: 1,
    fewerRuns:
      'three minutes per run: one run adds 3.5 minutes to the bench; the operations are the same in every run (seeded)',
    request: {
      durationMs: 180_000,
      seed: 16_005,
      firstCheckMs: 60_000,
      checkEveryMs: 30_000,
      fillBudget: true,
    },
    measures:
      'the demo’s 1,000,000-row Table for 3 minutes through operations drawn from a fixed seed (each kind once, then at random by weight): wheel scrolls of 100–3,000 px, flings of 20–40 wheel steps 16 ms apart, jumps to a random row and alignment through the page’s form, scrollbar-like moves (`scrollTop` set to a random point), window resizes, reloads and visits to the Stream page (whose connection the mock server cuts) and back. Checked all along: every row on screen in every animation frame shows its own item and rows are in index order, requests in flight (from `fetch` until the body is read) never exceed the fetch budget of 6, no unhandled rejection, no page error, no console error except the browser’s own line for each injected HTTP 500; the JS heap after GC at the end at most 1.2× its value after the first minute (and every 30 s between), each checkpoint taken after jumps to far rows have filled the Table to its 2 MB memory budget, so the ratio shows growth, not how full the list happened to be',
  },
];
