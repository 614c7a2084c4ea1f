#!/usr/bin/env node
// Where one library's main-thread time goes in one bench scenario (issue #16): builds apps/bench
// without minifying (function names stay readable), runs the scenario once as `pnpm bench` does
// (CPU throttled, traced), with V8's sampling profiler in the trace, and prints the main thread's
// busy time per frame, the trace events and JS functions by self time, and the style and layout
// passes (forced ones: run while script was on the stack), the main thread's CPU per frame and
// what its ResizeObserver deliveries cost (resizeSlices.mjs).
//   node apps/bench/run/profile.mjs [--lib lazyflow] [--scenario scroll|fling|drag|grid|stream|stream100k] [--port 4354] [--top 25] [--trace out.json]
//     [--long-tasks] (every task over 50 ms: its kind and what it holds) [--no-samples] (no V8 sampler: task lengths nearer pnpm bench's)
//     [--rows] (per animation frame: rows mounted, unmounted and held by the list's row container;
//     frames with a placeholder row in view)
//     [--minify] (the build pnpm bench measures; function names are lost)
//     [--blank-rows] (scroll/fling: every row renders as a placeholder from the window's start, in
//     any library: the list's own cost with rows whose content costs nothing)
import { rmSync, writeFileSync } from 'node:fs';
import { mainThreadBreakdown } from './breakdown.mjs';
import { dragScrollbar } from './drag.mjs';
import { longTaskBreakdown } from './longTasks.mjs';
import { pageReady, pageUrl } from './measure.mjs';
import { resizeSlices } from './resizeSlices.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { buildBench, CONTEXT_OPTIONS, launchChromium, serveBench } from './serve.mjs';
import { startTrace, TRACE_CATEGORIES, traceFigures } from './trace.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

const lib = option('lib', 'lazyflow');
const port = Number(option('port', '4354'));
const top = Number(option('top', '25'));
const traceFile = option('trace', null);
const samples = !process.argv.includes('--no-samples');
const scenario = SCENARIOS.find((s) => s.id === option('scenario', 'scroll'));
const PROFILED = ['scroll', 'grid', 'stream'];
if (!PROFILED.includes(scenario?.page)) {
  throw new Error(
    `--scenario: one of ${SCENARIOS.filter((s) => PROFILED.includes(s.page))
      .map((s) => s.id)
      .join(', ')}`,
  );
}

const countRows = process.argv.includes('--rows');
const blankRows = process.argv.includes('--blank-rows');
if (blankRows && scenario.request.kind !== 'scroll')
  throw new Error('--blank-rows: a scroll scenario (scroll, fling)');
const request = blankRows ? { ...scenario.request, blankRows: true } : scenario.request;

/**
 * `--rows`: an init script counting, per animation frame, the elements added to and removed from
 * the list's row container (the element that receives the most children) and how many it holds:
 * what a frame mounts, unmounts and lays out, the same for every library; and the frames in
 * which `.scroller` did not move.
 */
function rowsProbe() {
  const added = new Map();
  const removed = new Map();
  let on = false;
  let frames = 0;
  let still = 0;
  let last = null;
  let blankFrames = 0;
  const held = [];
  new MutationObserver((records) => {
    if (!on) return;
    for (const r of records) {
      const a = [...r.addedNodes].filter((n) => n.nodeType === 1).length;
      const d = [...r.removedNodes].filter((n) => n.nodeType === 1).length;
      added.set(r.target, (added.get(r.target) ?? 0) + a);
      removed.set(r.target, (removed.get(r.target) ?? 0) + d);
    }
  }).observe(document, { childList: true, subtree: true });
  const container = () => [...added].sort((x, y) => y[1] - x[1])[0]?.[0] ?? null;
  const tick = () => {
    if (!on) return;
    frames += 1;
    const c = container();
    if (c) held.push(c.childElementCount);
    // Frames in which the scroll did not move (an append-only list held at its loaded end).
    const scroller = document.querySelector('.scroller');
    const top = scroller?.scrollTop ?? 0;
    if (top === last) still += 1;
    last = top;
    // Frames showing a placeholder row (a row without its data) in the viewport.
    const box = scroller?.getBoundingClientRect();
    for (const row of box ? scroller.querySelectorAll('[data-state="placeholder"]') : []) {
      const rect = row.getBoundingClientRect();
      if (rect.bottom > box.top && rect.top < box.bottom) {
        blankFrames += 1;
        break;
      }
    }
    requestAnimationFrame(tick);
  };
  window.__rowsProbe = {
    start() {
      on = true;
      requestAnimationFrame(tick);
    },
    stop() {
      on = false;
      const c = container();
      return {
        frames,
        still,
        blankFrames,
        added: c ? added.get(c) : 0,
        removed: c ? (removed.get(c) ?? 0) : 0,
        heldMean: held.reduce((s, v) => s + v, 0) / Math.max(1, held.length),
        heldMax: Math.max(0, ...held),
      };
    },
  };
}

/** Where a function is: its bundle file (unminified) and line. */
const place = (url, line) => `${url.split('/').at(-1)}:${line + 1}`;

const outDir = await buildBench({ minify: process.argv.includes('--minify') });
const server = await serveBench(outDir, port);
const browser = await launchChromium({ scrollbars: Boolean(scenario.drag) });
try {
  const page = await (await browser.newContext(CONTEXT_OPTIONS)).newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const cdp = await page.context().newCDPSession(page);
  if (countRows) await page.addInitScript(rowsProbe);
  await page.goto(pageUrl(`http://localhost:${port}`, lib, scenario), { waitUntil: 'load' });
  const notReady = await pageReady(page, scenario.ready ?? '[data-row="0"][data-state="loaded"]', errors);
  if (notReady) throw new Error(notReady);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: scenario.throttle });
  const stop = await startTrace(
    cdp,
    samples ? [...TRACE_CATEGORIES, 'disabled-by-default-v8.cpu_profiler'] : TRACE_CATEGORIES,
  );
  const running = page.evaluate((r) => window.__bench.run(r), request);
  if (scenario.drag) {
    await page.waitForFunction(() => performance.getEntriesByName('bench:window-start').length > 0);
    await dragScrollbar(page, scenario.drag).finally(() => page.evaluate(() => window.__bench.stop()));
  }
  if (countRows) await page.evaluate(() => window.__rowsProbe.start());
  const result = await running;
  const rowCounts = countRows ? await page.evaluate(() => window.__rowsProbe.stop()) : null;
  const events = await stop();
  if (traceFile) writeFileSync(traceFile, JSON.stringify({ traceEvents: events }));
  if (result.kind !== 'scroll' && result.kind !== 'grid' && result.kind !== 'stream')
    throw new Error(`${lib} ${scenario.id}: ${result.reason ?? result.kind}`);
  const figures = traceFigures(events);
  const breakdown = mainThreadBreakdown(events, place);
  const ms = (v) => (v === null || v === undefined ? '—' : v.toFixed(1));
  console.log(
    `${lib} ${scenario.id} (CPU ×${scenario.throttle}${samples ? ', profiler on: every figure is higher than in pnpm bench' : ''})\n` +
      `window ${ms(figures.windowMs)} ms, ${figures.frames} main-thread frames, main thread busy ${ms(figures.busyMs)} ms = ${(figures.busyMs / figures.frames).toFixed(2)} ms/frame (p95 ${ms(figures.busyP95Ms)}); ` +
      (result.kind === 'stream'
        ? `${result.rendered} events rendered in ${ms(result.renderedMs)} ms, ${result.longTasks} long tasks (${ms(result.longTaskMs)} ms, longest ${ms(result.longestTaskMs)})`
        : `rAF: ${result.frames} frames, ${result.slowFrames} over 16.7 ms, ${result.longTasks} long tasks (${ms(result.longTaskMs)} ms${result.longTasks > 0 ? `, starting at ${result.longTaskStarts.join(', ')} ms` : ''}), blank ${(result.blankRatio * 100).toFixed(1)} %, ${result.net.requests} requests`),
  );
  const l = breakdown.layout;
  console.log(
    `style recalcs ${l.styleRecalcs} (${l.forcedStyleRecalcs} forced, ${ms(l.styleMs)} ms self), layouts ${l.layouts} (${l.forcedLayouts} forced, ${ms(l.layoutMs)} ms self), paints ${l.paints}`,
  );
  const ro = resizeSlices(events);
  if (ro)
    console.log(
      `main-thread CPU ${ms(ro.cpuMsPerFrame)} ms/frame = ${ro.cpuUsPerDirty.toFixed(0)} µs per layout dirty object (${ro.dirtyPerFrame.toFixed(1)}/frame), PrePaint ${ro.prePaintsPerFrame.toFixed(2)}/frame; ` +
        `ResizeObserver deliveries in ${ro.deliveries} frames, CPU ${ro.deliveryMsPerFrame.toFixed(2)} ms/frame = ${ro.deliveryUsPerDirty.toFixed(1)} µs per dirty object ` +
        `(per delivery: ${ro.beforeUs.toFixed(0)} µs before the callbacks, ${ro.callbackUs.toFixed(0)} in them, ${ro.afterUs.toFixed(0)} after)`,
    );
  console.log(`events dispatched: ${breakdown.dispatched.join(', ')}`);
  if (rowCounts)
    console.log(
      `rows per rAF frame (${rowCounts.frames} frames): mounted ${(rowCounts.added / rowCounts.frames).toFixed(1)}, unmounted ${(rowCounts.removed / rowCounts.frames).toFixed(1)}, held ${rowCounts.heldMean.toFixed(1)} (max ${rowCounts.heldMax}); frames the scroll did not move ${rowCounts.still}; frames with a placeholder row in view ${rowCounts.blankFrames}`,
    );
  console.log('\ntrace events by self time (ms, count):');
  for (const e of breakdown.events.slice(0, top))
    console.log(`  ${ms(e.ms).padStart(8)}  ${String(e.count).padStart(6)}  ${e.key}`);
  if (process.argv.includes('--long-tasks')) {
    const { kinds, long } = longTaskBreakdown(events);
    console.log('\ntasks by kind (count, ms, over 50 ms: count and ms, longest):');
    for (const k of kinds)
      console.log(
        `  ${k.kind.padEnd(28)} ${String(k.tasks).padStart(5)} ${ms(k.ms).padStart(8)}  ${k.long} (${ms(k.longMs)} ms), ${ms(k.maxMs)}`,
      );
    console.log(
      '\ntasks over 50 ms (start in the window, ms, kind, layout dirty objects, GC, self ms by event):',
    );
    for (const t of long)
      console.log(
        `  @${ms(t.atMs).padStart(8)} ${ms(t.ms).padStart(6)} ${t.kind} dirty ${t.dirtyObjects}${t.gc ? ' GC' : ''}: ` +
          t.contents
            .slice(0, 6)
            .map(([key, v]) => `${key} ${ms(v)}`)
            .join(', '),
      );
  }
  if (samples) {
    console.log('\nJS functions by self time (ms, samples):');
    for (const f of breakdown.functions.slice(0, top))
      console.log(`  ${ms(f.ms).padStart(8)}  ${String(f.count).padStart(6)}  ${f.key}`);
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}
