// The generated part of docs/benchmarks.md (markdown tables from a results file) and writing it,
// with the chart, into the docs. Every figure printed here comes from the results of this run.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from './chart.mjs';
import { cell, cellText, number } from './format.mjs';
import { outcome, reloadOutcome } from './outcome.mjs';
import { correctLastRow, firstResult, measured, metricsOf, RATIO_METRICS } from './summary.mjs';

function libraryLine(report) {
  return Object.entries(report.libraries)
    .map(([, info]) => {
      const versions = Object.entries(info.versions)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ');
      return `${info.label} (${versions})`;
    })
    .join('; ');
}

function scenarioHeading(scenario, runs) {
  const cpu = scenario.throttle > 1 ? `CPU ×${scenario.throttle}` : 'no CPU throttling';
  const setting =
    scenario.setting ??
    `latency ${scenario.latency} ms, ${scenario.pageSize.toLocaleString('en-US')} rows per request`;
  const measures = scenario.measures.charAt(0).toUpperCase() + scenario.measures.slice(1);
  return `#### ${scenario.title} (${cpu}, ${setting}, ${runs})\n\n${measures}.`;
}

/** The libraries measured in scenario `id`, in table order. */
const libsIn = (report, id) => Object.keys(report.scenarios[id]?.results ?? {});

function runsLabel(scenario, report) {
  // `once` is what results files written before `runs` say.
  const runs = report.settings.allRuns
    ? report.settings.runs
    : Math.min(report.settings.runs, scenario.runs ?? (scenario.once ? 1 : report.settings.runs));
  const label = runs === 1 ? '1 run' : `${runs} runs`;
  const why = scenario.fewerRuns ?? scenario.once;
  return runs < report.settings.runs && why ? `${label}: ${why}` : label;
}

function metricTable(report, id) {
  const scenario = report.scenarios[id];
  const metrics = metricsOf(scenario);
  const lines = [
    `| library | ${metrics.map((m) => m.label).join(' | ')} | notes |`,
    `| --- | ${metrics.map(() => '---:').join(' | ')} | --- |`,
  ];
  for (const [lib, row] of Object.entries(report.summary[id].libs)) {
    const label = report.libraries[lib].label;
    if (row.runs === 0) {
      lines.push(
        `| ${label} | ${metrics.map(() => '—').join(' | ')} | ${cellText(row.notes.join('; ') || 'no result')} |`,
      );
      continue;
    }
    const notes = row.notes.length ? cellText(row.notes.join('; ')) : '';
    lines.push(
      `| ${label} | ${metrics.map((m) => cell(row.metrics[m.key], m.digits)).join(' | ')} | ${notes} |`,
    );
  }
  return lines.join('\n');
}

function jumpTable(report) {
  const ids = ['jump500k', 'jump900k'].filter((id) => report.scenarios[id]);
  if (ids.length === 0) return null;
  const head = ids.map((id) => report.scenarios[id].request.index.toLocaleString('en-US'));
  const lines = [
    `| library | ${head.map((h) => `row ${h}: time to real data (s) | requests`).join(' | ')} | what happened |`,
    `| --- | ${head.map(() => '---: | ---:').join(' | ')} | --- |`,
  ];
  for (const lib of libsIn(report, ids[0])) {
    const cells = [];
    const happened = [];
    for (const id of ids) {
      const row = report.summary[id].libs[lib];
      if (!row) {
        cells.push('—', '—');
        continue;
      }
      cells.push(cell(row.metrics.seconds, 2), cell(row.metrics.requests, 0));
      const scenario = report.scenarios[id];
      const first = firstResult(scenario.results[lib] ?? []);
      if (!row.metrics.seconds && first)
        happened.push(`${head[ids.indexOf(id)]}: ${outcome(first, scenario.request.capMs)}`);
    }
    lines.push(`| ${report.libraries[lib].label} | ${cells.join(' | ')} | ${happened.join('<br>')} |`);
  }
  return lines.join('\n');
}

function hugeTable(report) {
  const scenario = report.scenarios.huge;
  if (!scenario) return null;
  const lines = ['| library | last row shown with its data? | what happened |', '| --- | --- | --- |'];
  for (const lib of libsIn(report, 'huge')) {
    const first = firstResult(scenario.results[lib] ?? []);
    const ok = first && measured(first) && correctLastRow(first);
    lines.push(
      `| ${report.libraries[lib].label} | ${ok ? 'yes' : 'no'} | ${outcome(first, scenario.request.capMs)} |`,
    );
  }
  return lines.join('\n');
}

/** Warm reload: the metrics, plus what happened to the libraries that did not come back to the row. */
function reloadTable(report) {
  const scenario = report.scenarios.reload;
  const metrics = metricsOf(scenario);
  const lines = [
    `| library | ${metrics.map((m) => m.label).join(' | ')} | what happened |`,
    `| --- | ${metrics.map(() => '---:').join(' | ')} | --- |`,
  ];
  for (const lib of libsIn(report, 'reload')) {
    const row = report.summary.reload.libs[lib];
    const cells = metrics.map((m) => cell(row.metrics[m.key], m.digits));
    lines.push(
      `| ${report.libraries[lib].label} | ${cells.join(' | ')} | ${reloadOutcome(scenario.results[lib], scenario.request.capMs)} |`,
    );
  }
  return lines.join('\n');
}

/** The soak: its table, then each run's operations, faults and what broke (lazyflow only, no peer). */
function soakSection(report) {
  const scenario = report.scenarios.soak;
  const parts = [metricTable(report, 'soak')];
  const n = (value) => value.toLocaleString('en-US');
  for (const [i, r] of (scenario.results.lazyflow ?? []).entries()) {
    if (!measured(r)) continue;
    const kinds = Object.entries(r.operations).map(([name, n]) => `${n} ${name}`);
    const checks =
      r.failures.length === 0 ? 'every check held' : `**broken: ${cellText(r.failures.join('; '))}**`;
    parts.push(
      `Run ${i + 1} (seed ${r.seed}): ${kinds.join(', ')}; ${n(r.requests)} requests, ${n(r.errors500)} answered HTTP 500, ${r.stallsInjected === undefined ? `${n(r.stalled)} stalled until the timeout` : `${n(r.stallsInjected)} stalled (${n(r.stalled)} of them until the timeout gave up, the others cancelled by the list once it no longer needed the page)`}, ${n(r.streamCuts)} stream cuts; ${n(r.frames)} frames and ${n(r.rowsChecked)} rows checked (${n(r.placeholders)} placeholders seen); ${checks}.`,
    );
  }
  return parts.join('\n\n');
}

/** Stream ingest `id`: its table and the lazyflow ÷ baseline line (the one peer of this scenario). */
function streamSection(report, id) {
  const parts = [metricTable(report, id)];
  const metrics = metricsOf(report.scenarios[id]);
  for (const [lib, ratios] of Object.entries(report.summary[id].ratios)) {
    const figures = Object.entries(ratios).map(([key, stat]) => {
      const label = metrics.find((m) => m.key === key).label.replace(/ \(.*\)$/, '');
      return `${label} ${cell(stat, 2)}`;
    });
    parts.push(
      `lazyflow ÷ ${report.libraries[lib].label}, run by run, median (min–max): ${figures.join('; ')}.`,
    );
  }
  return parts.join('\n\n');
}

function ratioTable(report) {
  const rows = [];
  const columns = [];
  for (const [id, keys] of Object.entries(RATIO_METRICS)) {
    // The stream has its own peer (the baseline): its ratios are printed under its table.
    if (!report.scenarios[id] || report.scenarios[id].page === 'stream') continue;
    for (const key of keys) columns.push({ id, key });
  }
  const peers = [...new Set(columns.flatMap(({ id }) => libsIn(report, id)))];
  const label = ({ id, key }) => {
    const metric = metricsOf(report.scenarios[id]).find((m) => m.key === key);
    return `${report.scenarios[id].title}: ${metric.label.replace(/ \(.*\)$/, '')}`;
  };
  for (const lib of peers) {
    if (lib === 'lazyflow') continue;
    const cells = columns.map(({ id, key }) => cell(report.summary[id].ratios[lib]?.[key] ?? null, 2));
    rows.push(`| ${report.libraries[lib].label} | ${cells.join(' | ')} |`);
  }
  return [
    `| lazyflow ÷ | ${columns.map(label).join(' | ')} |`,
    `| --- | ${columns.map(() => '---:').join(' | ')} |`,
    ...rows,
  ].join('\n');
}

function bundleTable(report) {
  const lines = [
    '| library | page + library, min (kB) | min + gzip (kB) | lazy chunks, min + gzip (kB) |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const [lib, size] of Object.entries(report.bundle)) {
    const label = report.libraries[lib].label;
    if (size.kind !== 'bundle') lines.push(`| ${label} | — | — ${cellText(size.reason)} | — |`);
    else {
      // Results from before 2026-12-04 counted every chunk up front and have no lazy figure.
      const lazy = size.lazyGzip === undefined ? '—' : number(size.lazyGzip / 1000, 1);
      lines.push(`| ${label} | ${number(size.min / 1000, 1)} | ${number(size.gzip / 1000, 1)} | ${lazy} |`);
    }
  }
  return lines.join('\n');
}

/** The machine's 1-minute load average at the start and end of the run (recorded since 2026-11-22). */
function loadNote(machine) {
  const load = machine.loadAverage;
  if (!load) return '';
  return ` with a load average of ${number(load.start, 1)} at the start and ${number(load.end, 1)} at the end on ${machine.cores} cores (other jobs slow every figure down; compare ratios within the run)`;
}

/** Where the mock API ran (results files written before it moved to Node say nothing: in the page). */
function mockServerNote(settings) {
  return settings.mockServer === 'node'
    ? ', added by the mock server, which runs in the Node process serving the pages (the same MSW handlers as the demo’s), not on the page’s throttled main thread'
    : ', added by the mock server, which ran in the page (MSW’s service worker) and shared its main thread';
}

/** The generated section of docs/benchmarks.md. */
export function renderTables(report) {
  const { machine, settings } = report;
  const minutes = Math.floor(report.durationSeconds / 60);
  const seconds = report.durationSeconds % 60;
  const parts = [
    `Measured ${report.date} on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), Chromium ${machine.chromium}, Node ${machine.node}; the whole run took ${minutes} min ${seconds} s${loadNote(machine)}. Mock latency ${settings.latency} ms ± 25% unless a scenario says otherwise${mockServerNote(settings)}. Each cell: median (min–max) over the runs that were measured. Raw results: \`${report.resultsFile ?? `bench/results/${report.date}.json`}\`.`,
    `Libraries: ${libraryLine(report)}.`,
  ];
  const lazyflowNote = report.summary.scroll?.libs.lazyflow?.notes[0] ?? report.bundle.lazyflow?.reason;
  if (!report.summary.scroll?.libs.lazyflow?.runs && lazyflowNote) {
    parts.push(
      `**lazyflow was not measured in this run: ${lazyflowNote}.** Its rows and the ratios stay empty.`,
    );
  }
  for (const id of ['scroll', 'fling', 'drag']) {
    if (report.scenarios[id]) {
      parts.push(
        scenarioHeading(report.scenarios[id], runsLabel(report.scenarios[id], report)),
        metricTable(report, id),
      );
    }
  }
  const jumps = jumpTable(report);
  if (jumps) {
    const s = report.scenarios.jump500k ?? report.scenarios.jump900k;
    parts.push(
      scenarioHeading({ ...s, title: 'Jump to row 500,000 and 900,000' }, runsLabel(s, report)),
      jumps,
    );
  }
  for (const id of ['sweep', 'dynamic', 'grid']) {
    if (report.scenarios[id]) {
      parts.push(
        scenarioHeading(report.scenarios[id], runsLabel(report.scenarios[id], report)),
        metricTable(report, id),
      );
    }
  }
  const huge = hugeTable(report);
  if (huge)
    parts.push(scenarioHeading(report.scenarios.huge, runsLabel(report.scenarios.huge, report)), huge);
  for (const id of ['stream', 'stream100k']) {
    if (report.scenarios[id]) {
      parts.push(
        scenarioHeading(report.scenarios[id], runsLabel(report.scenarios[id], report)),
        streamSection(report, id),
      );
    }
  }
  if (report.scenarios.reload) {
    parts.push(
      scenarioHeading(report.scenarios.reload, runsLabel(report.scenarios.reload, report)),
      reloadTable(report),
    );
  }
  if (report.scenarios.soak) {
    parts.push(
      scenarioHeading(report.scenarios.soak, runsLabel(report.scenarios.soak, report)),
      soakSection(report),
    );
  }
  if (Object.keys(report.bundle).length > 0) {
    parts.push(
      '#### Bundle size\n\nEach library page built alone with Vite 8 (library mode, minified, gzip level 6), React and the bench’s shared row/harness code left out: the page’s own code plus everything it imports from its library, up front (code behind a dynamic `import()`, which the page loads only when it uses that feature, is the last column). The warm-reload persistence each page adds (`libs/persist/`: lazyflow’s `idbCache`, the peers’ sessionStorage code) is left out too: the figure is the list.',
      bundleTable(report),
    );
  }
  // Not when no scenario of the run has peers (the soak alone).
  if (Object.keys(RATIO_METRICS).some((id) => report.scenarios[id] && report.scenarios[id].page !== 'stream'))
    parts.push(
      '#### lazyflow ÷ peer\n\nRatios computed inside each run (lazyflow’s figure over the peer’s, same run), then the median over runs; below 1 means lazyflow’s figure is lower. — where there is no ratio: the peer did not get there within the cap, or its figure is 0. The stream ingest’s ratios are under its table.',
      ratioTable(report),
    );
  return parts.join('\n\n');
}

const START = '<!-- bench:start (generated by `pnpm bench`; edits here are overwritten) -->';
const END = '<!-- bench:end -->';

/** Replaces the generated part of docs/benchmarks.md and writes docs/bench-chart.svg. */
export function writeDocs(repoRoot, report) {
  const docsFile = join(repoRoot, 'docs', 'benchmarks.md');
  const docs = readFileSync(docsFile, 'utf8');
  const from = docs.indexOf(START);
  const to = docs.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${docsFile} lacks the marker comments ${START} … ${END}`);
  const tables = renderTables(report);
  writeFileSync(docsFile, `${docs.slice(0, from + START.length)}\n\n${tables}\n${docs.slice(to)}`);
  writeFileSync(join(repoRoot, 'docs', 'bench-chart.svg'), renderChart(report));
  // Biome formats the docs (it aligns table columns): keep `pnpm lint` clean after a run.
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'biome'), ['format', '--write', docsFile], {
    stdio: 'ignore',
  });
}
