#!/usr/bin/env node
// `pnpm bench`: lazyflow side by side with TanStack Virtual + Query, react-virtuoso, react-window
// and virtua (and, for stream ingest, a hand-written fetch reader), in Debian Chromium, on the
// same mock data (issue #8).
//   node apps/bench/run/bench.mjs [--runs 5] [--all-runs] [--libs a,b] [--scenarios a,b] [--port 4174] [--no-write [--raw results.json]]
//   node apps/bench/run/render.mjs bench/results/<date>.json   (docs and chart again from a results file)
// Builds apps/bench, serves it with `vite preview` on port 4174 (the same Node process answers the
// pages' `/api/*` requests with the mock handlers: apps/bench/mockApi.ts), runs every scenario ×
// library `--runs` times (fewer where a scenario says why), with the CPU throttled where the
// scenario says so and a Chromium trace where it says `trace` (run/trace.mjs), then writes
// bench/results/<date>.json (<date>b.json… for a later run that day), the generated part of
// docs/benchmarks.md and docs/bench-chart.svg.
// One library's main-thread breakdown in one scenario: node apps/bench/run/profile.mjs.
// The soak (`--scenarios soak`, lazyflow only) runs the demo app instead (run/soakBench.mjs),
// served on `--demo-port` (default: --port + 1; --port itself when no bench page is needed).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { packageVersions, pageBundleSize } from './bundle.mjs';
import { measure } from './measure.mjs';
import { measureReload } from './reload.mjs';
import { renderTables, writeDocs } from './report.mjs';
import { LATENCY, LIST_LIBS, SCENARIOS, THROTTLE } from './scenarios.mjs';
import { appRoot, buildBench, CONTEXT_OPTIONS, launchChromium, serveBench } from './serve.mjs';
import { buildDemo, measureSoak, serveDemo } from './soakBench.mjs';
import { summarize } from './summary.mjs';

const repoRoot = join(appRoot, '..', '..');
const LIBRARIES = JSON.parse(readFileSync(join(appRoot, 'libraries.json'), 'utf8'));

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);

const runs = Number(option('runs', '5'));
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${runs}`);
const port = Number(option('port', '4174'));
// Probes (libraries.json `probe: true`: upper bounds, not libraries) run only when --libs names them.
const libs = option(
  'libs',
  Object.keys(LIBRARIES)
    .filter((lib) => !LIBRARIES[lib].probe)
    .join(','),
).split(',');
const scenarioIds = option('scenarios', SCENARIOS.map((s) => s.id).join(',')).split(',');
for (const lib of libs) if (!LIBRARIES[lib]) throw new Error(`--libs: unknown library "${lib}"`);
const scenarios = scenarioIds.map((id) => {
  const scenario = SCENARIOS.find((s) => s.id === id);
  if (!scenario) throw new Error(`--scenarios: unknown scenario "${id}"`);
  return scenario;
});
/** How many runs measure `scenario`: `--runs`, or fewer where the scenario says so (unless --all-runs). */
const runsOf = (scenario) => (flag('all-runs') ? runs : Math.min(runs, scenario.runs ?? runs));
/** The libraries of `scenario` that this run measures. */
const libsOf = (scenario) => (scenario.libs ?? LIST_LIBS).filter((lib) => libs.includes(lib));

const started = Date.now();
// Other jobs on the machine slow every figure down: the run records how busy it was.
const loadAtStart = os.loadavg()[0];
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;

// 1. Build the app (in a temporary directory) and measure each page's bundle; the soak alone
// needs neither, only the demo.
const benchNeeded = scenarios.some((s) => s.page !== 'soak');
const outDir = benchNeeded ? await buildBench() : null;
const bundle = {};
for (const lib of benchNeeded ? libs.filter((l) => LIST_LIBS.includes(l)) : []) {
  bundle[lib] = { kind: 'bundle', ...(await pageBundleSize(appRoot, lib)) };
}
const demoOutDir = scenarios.some((s) => s.page === 'soak') ? await buildDemo() : null;
console.log(`[bench] built${benchNeeded ? ' and measured bundles' : ''} (${elapsed()})`);

// 2. Serve it and drive Chromium.
const server = outDir ? await serveBench(outDir, port) : null;
const baseUrl = `http://localhost:${port}`;
const demoPort = Number(option('demo-port', String(benchNeeded ? port + 1 : port)));
const demoServer = demoOutDir ? await serveDemo(demoOutDir, demoPort) : null;
const demoUrl = `http://localhost:${demoPort}`;
const browser = await launchChromium();
const chromiumVersion = browser.version();
const contextOptions = CONTEXT_OPTIONS;
const context = await browser.newContext(contextOptions);
// The scrollbar drag needs scrollbars, which change every list's width: a second browser shows
// them, for those scenarios only, so the others measure what they always have.
let scrollbarContext = null;
const contextFor = async (scenario) => {
  if (!scenario.drag) return context;
  scrollbarContext ??= await (await launchChromium({ scrollbars: true })).newContext(contextOptions);
  return scrollbarContext;
};

/** results[scenarioId][lib] = one result per run */
const results = Object.fromEntries(
  scenarios.map((s) => [s.id, Object.fromEntries(libsOf(s).map((l) => [l, []]))]),
);

/** Why this measurement is not taken, or null to take it. */
function skipReason(scenario, lib) {
  const earlier = results[scenario.id][lib];
  const cappedRun = earlier.findIndex((r) => r.capped);
  if (cappedRun >= 0) return `capped in run ${cappedRun + 1}; not repeated`;
  if (scenario.id === 'jump900k' && results.jump500k?.[lib]?.some((r) => r?.capped)) {
    return 'not run: the jump to row 500,000 already hit the cap';
  }
  return null;
}

try {
  for (let run = 0; run < runs; run++) {
    for (const scenario of scenarios) {
      if (run >= runsOf(scenario)) continue;
      // Rotate the order each run so no library always goes first (cold caches, thermal drift).
      const own = libsOf(scenario);
      const order = own.map((_, i) => own[(i + run) % own.length]);
      for (const lib of order) {
        const reason = skipReason(scenario, lib);
        const result = reason
          ? { kind: 'skipped', reason }
          : scenario.page === 'reload'
            ? await measureReload(browser, contextOptions, baseUrl, lib, scenario)
            : scenario.page === 'soak'
              ? await measureSoak(browser, contextOptions, demoUrl, scenario)
              : await measure(await contextFor(scenario), baseUrl, lib, scenario);
        results[scenario.id][lib][run] = result;
        const note =
          result.kind === 'failed' || result.kind === 'skipped'
            ? ` ${result.reason}`
            : result.kind === 'soak'
              ? ` ${result.failures.length === 0 ? 'every check held' : result.failures.join('; ')}`
              : '';
        console.log(
          `[bench] run ${run + 1}/${runs} ${scenario.id} ${lib}: ${result.kind}${note} (${elapsed()})`,
        );
      }
    }
  }
} finally {
  await context.close();
  await browser.close();
  await scrollbarContext?.browser().close();
  await server?.close();
  await demoServer?.close();
  for (const dir of [outDir, demoOutDir]) if (dir) rmSync(dir, { recursive: true, force: true });
}

// 3. Report.
const date = new Date().toISOString().slice(0, 10);
const cpus = os.cpus();
const report = {
  date,
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    chromium: chromiumVersion,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
  },
  // mockServer 'node': the mock API ran in this process (older results files lack it: it ran in the page).
  settings: { runs, throttle: THROTTLE, latency: LATENCY, mockServer: 'node', allRuns: flag('all-runs') },
  libraries: Object.fromEntries(
    libs.map((lib) => [
      lib,
      { ...LIBRARIES[lib], versions: packageVersions(appRoot, LIBRARIES[lib].packages) },
    ]),
  ),
  scenarios: Object.fromEntries(scenarios.map((s) => [s.id, { ...s, results: results[s.id] }])),
  bundle,
};
report.summary = summarize(report);
// A second run on the same day gets the next free name (2026-12-06b.json…): none overwrites another.
if (!flag('no-write')) report.resultsFile = freeResultsFile(join(repoRoot, 'bench', 'results'), date);

console.log(`\n${renderTables(report)}`);
if (flag('no-write')) {
  // `--raw <file>`: the results (every run's figures) for a comparison of one's own, nothing else written.
  const raw = process.argv[process.argv.indexOf('--raw') + 1];
  if (process.argv.includes('--raw') && raw) writeFileSync(raw, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`[bench] --no-write: nothing written (${elapsed()})`);
} else {
  const resultsFile = join(repoRoot, report.resultsFile);
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  writeDocs(repoRoot, report);
  console.log(
    `[bench] wrote ${resultsFile.slice(repoRoot.length + 1)}, docs/benchmarks.md and docs/bench-chart.svg (${elapsed()})`,
  );
}

/**
 * `bench/results/<date>.json`, or `<date>b.json`, `<date>c.json`… when that name is taken: the
 * file a run writes, relative to the repository.
 */
function freeResultsFile(dir, day) {
  for (const suffix of ['', ...'bcdefghijklmnopqrstuvwxyz']) {
    if (!existsSync(join(dir, `${day}${suffix}.json`))) return `bench/results/${day}${suffix}.json`;
  }
  throw new Error(`bench/results: every name for ${day} is taken`);
}
