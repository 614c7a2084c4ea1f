// Turns raw results into medians, ratios, the markdown tables of docs/benchmarks.md and the SVG
// chart. Every figure printed here comes from the results of this run.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BROWSER_MAX_HEIGHT = 33_000_000;

/** Metrics per scenario: how to read each one from a result, and how to print it. */
const METRICS = {
  scroll: [
    { key: 'frameP50', label: 'frame p50 (ms)', read: (r) => r.frameP50, digits: 1 },
    { key: 'frameP95', label: 'frame p95 (ms)', read: (r) => r.frameP95, digits: 1 },
    { key: 'frameP99', label: 'frame p99 (ms)', read: (r) => r.frameP99, digits: 1 },
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

/** The metrics whose lazyflow ÷ peer ratio is reported, per scenario. */
const RATIO_METRICS = {
  scroll: ['frameP95', 'blank', 'requests'],
  jump500k: ['seconds'],
  jump900k: ['seconds'],
  sweep: ['heapMb'],
  dynamic: ['jitter'],
};

const metricsOf = (scenario) => METRICS[scenario.page];

function correctLastRow(result) {
  return result.ms !== null && typeof result.text === 'string' && result.text.startsWith(`#${result.index} `);
}

function stats(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), n: sorted.length };
}

const measured = (r) => r && r.kind !== 'failed' && r.kind !== 'skipped';

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

const number = (value, digits) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function cell(stat, digits) {
  if (!stat) return '—';
  const median = number(stat.median, digits);
  if (stat.n === 1 || number(stat.min, digits) === number(stat.max, digits)) return median;
  return `${median} (${number(stat.min, digits)}–${number(stat.max, digits)})`;
}

function cellText(text) {
  return String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** What happened when the target row did not show its data: generated from the result. */
function outcome(result, capMs) {
  if (!result) return '—';
  if (result.kind === 'skipped' || result.kind === 'failed') return cellText(result.reason);
  const target = result.index.toLocaleString('en-US');
  if (result.ms !== null) {
    if (correctLastRow(result))
      return `row ${target} shown with its data in ${number(result.ms / 1000, 2)} s`;
    return `wrong data: row ${target} shows "${cellText((result.text ?? '').slice(0, 40))}"`;
  }
  const seconds = capMs / 1000;
  const shown =
    result.visibleFirst === null
      ? 'nothing on screen'
      : `rows ${result.visibleFirst.toLocaleString('en-US')}–${result.visibleLast.toLocaleString('en-US')} on screen`;
  if (result.scrollHeight >= BROWSER_MAX_HEIGHT && (result.visibleLast ?? 0) < result.index) {
    return `not reached in ${seconds} s: the scroll height stops at ${result.scrollHeight.toLocaleString('en-US')} px (the browser's maximum), so the list ends early; ${shown}`;
  }
  if (result.heldRows <= result.index) {
    const perSecond = result.heldRows / seconds;
    const eta =
      perSecond > 0
        ? ` (≈ ${Math.round(result.index / perSecond / 60).toLocaleString('en-US')} min at that rate)`
        : '';
    return `not reached in ${seconds} s: pages are walked from row 0, ${result.heldRows.toLocaleString('en-US')} rows loaded with ${result.net.requests} requests${eta}`;
  }
  return `not on screen with data after ${seconds} s; ${shown}`;
}

function firstResult(runs) {
  return runs.find(measured) ?? runs.find(Boolean) ?? null;
}

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
  const latency = `latency ${scenario.latency} ms`;
  const measures = scenario.measures.charAt(0).toUpperCase() + scenario.measures.slice(1);
  return `#### ${scenario.title} (${cpu}, ${latency}, ${scenario.pageSize.toLocaleString('en-US')} rows per request, ${runs})\n\n${measures}.`;
}

function runsLabel(scenario, report) {
  if (scenario.once && report.settings.runs > 1) return `1 run: ${scenario.once}`;
  return report.settings.runs === 1 ? '1 run' : `${report.settings.runs} runs`;
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
  for (const lib of Object.keys(report.libraries)) {
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
  for (const lib of Object.keys(report.libraries)) {
    const first = firstResult(scenario.results[lib] ?? []);
    const ok = first && measured(first) && correctLastRow(first);
    lines.push(
      `| ${report.libraries[lib].label} | ${ok ? 'yes' : 'no'} | ${outcome(first, scenario.request.capMs)} |`,
    );
  }
  return lines.join('\n');
}

function ratioTable(report) {
  const rows = [];
  const columns = [];
  for (const [id, keys] of Object.entries(RATIO_METRICS)) {
    if (!report.scenarios[id]) continue;
    for (const key of keys) columns.push({ id, key });
  }
  const label = ({ id, key }) => {
    const metric = metricsOf(report.scenarios[id]).find((m) => m.key === key);
    return `${report.scenarios[id].title}: ${metric.label.replace(/ \(.*\)$/, '')}`;
  };
  for (const lib of Object.keys(report.libraries)) {
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
  const lines = ['| library | page + library, min (kB) | min + gzip (kB) |', '| --- | ---: | ---: |'];
  for (const [lib, size] of Object.entries(report.bundle)) {
    const label = report.libraries[lib].label;
    if (size.kind !== 'bundle') lines.push(`| ${label} | — | — ${cellText(size.reason)} |`);
    else lines.push(`| ${label} | ${number(size.min / 1000, 1)} | ${number(size.gzip / 1000, 1)} |`);
  }
  return lines.join('\n');
}

/** The generated section of docs/benchmarks.md. */
export function renderTables(report) {
  const { machine, settings } = report;
  const minutes = Math.floor(report.durationSeconds / 60);
  const seconds = report.durationSeconds % 60;
  const parts = [
    `Measured ${report.date} on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), Chromium ${machine.chromium}, Node ${machine.node}; the whole run took ${minutes} min ${seconds} s. Mock latency ${settings.latency} ms ± 25% unless a scenario says otherwise. Each cell: median (min–max) over the runs that were measured. Raw results: \`bench/results/${report.date}.json\`.`,
    `Libraries: ${libraryLine(report)}.`,
  ];
  const lazyflowNote = report.summary.scroll?.libs.lazyflow?.notes[0] ?? report.bundle.lazyflow?.reason;
  if (!report.summary.scroll?.libs.lazyflow?.runs && lazyflowNote) {
    parts.push(
      `**lazyflow was not measured in this run: ${lazyflowNote}.** Its rows and the ratios stay empty.`,
    );
  }
  for (const id of ['scroll']) {
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
  for (const id of ['sweep', 'dynamic']) {
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
  parts.push(
    '#### Bundle size\n\nEach library page built alone with Vite 8 (library mode, minified, gzip level 6), React and the bench’s shared row/harness code left out: the page’s own code plus everything it imports from its library.',
    bundleTable(report),
  );
  parts.push(
    '#### lazyflow ÷ peer\n\nRatios computed inside each run (lazyflow’s figure over the peer’s, same run), then the median over runs; below 1 means lazyflow’s figure is lower. — where there is no ratio: the peer did not get there within the cap, or its figure is 0.',
    ratioTable(report),
  );
  parts.push(
    '#### Not yet measured\n\n| scenario | why |\n| --- | --- |\n| Stream ingest (lazyflow vs a hand-written `fetch` + `getReader` + split + `setState` baseline) | no stream page in the bench app yet; lazyflow’s own figures (parser vs tight loop, longest task at 50,000 items/s into a visible list) come from the browser tests below |\n| Warm reload (IndexedDB vs each peer) | no reload scenario in the bench app yet; lazyflow’s IndexedDB-vs-network figure comes from the browser test below |',
  );
  return parts.join('\n\n');
}

// ---- chart ----

const COLORS = {
  lazyflow: '#2563eb',
  tanstack: '#ef4444',
  virtuoso: '#f59e0b',
  'react-window': '#10b981',
  virtua: '#8b5cf6',
};

function xml(text) {
  return String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** One SVG with a small bar chart per headline figure (lower is better in each). */
export function renderChart(report) {
  const libs = Object.keys(report.libraries);
  const panels = [];
  const medianOf = (id, key) => (lib) => report.summary[id]?.libs[lib]?.metrics[key]?.median ?? null;
  if (report.scenarios.scroll) {
    panels.push({ title: 'Scroll: frame p95 (ms)', value: medianOf('scroll', 'frameP95'), digits: 1 });
    panels.push({ title: 'Scroll: blank (%)', value: medianOf('scroll', 'blank'), digits: 1 });
  }
  if (report.scenarios.jump500k) {
    const cap = report.scenarios.jump500k.request.capMs / 1000;
    panels.push({
      title: 'Jump to row 500,000 (s)',
      value: medianOf('jump500k', 'seconds'),
      digits: 2,
      missing: (lib) => (report.summary.jump500k.libs[lib]?.runs ? `> ${cap} s (cap)` : 'not run'),
      capValue: cap,
    });
  }
  if (report.scenarios.sweep)
    panels.push({ title: 'Sweep: JS heap (MB)', value: medianOf('sweep', 'heapMb'), digits: 0 });
  if (report.scenarios.dynamic)
    panels.push({ title: 'Dynamic: jitter (px)', value: medianOf('dynamic', 'jitter'), digits: 0 });
  panels.push({
    title: 'Bundle, min+gzip (kB)',
    value: (lib) => (report.bundle[lib]?.kind === 'bundle' ? report.bundle[lib].gzip / 1000 : null),
    digits: 1,
  });

  const panelWidth = 250;
  const barHeight = 18;
  const labelWidth = 0;
  const top = 56;
  const panelHeight = 34 + libs.length * (barHeight + 8);
  const columns = 3;
  const rows = Math.ceil(panels.length / columns);
  const width = columns * panelWidth + 20;
  const height = top + rows * (panelHeight + 16);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img">`,
    `<title>lazyflow vs TanStack Virtual + Query, react-virtuoso, react-window and virtua: pnpm bench, ${xml(report.date)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="600">lazyflow vs peers — pnpm bench, ${xml(report.date)} (lower is better)</text>`,
    `<text x="10" y="40" fill="#555">${xml(`${report.machine.cpu}, ${report.machine.cores} cores, Chromium ${report.machine.chromium}; ${report.settings.runs === 1 ? 'one run' : `medians of ${report.settings.runs} runs`}`)}</text>`,
  ];
  panels.forEach((panel, p) => {
    const x0 = 10 + (p % columns) * panelWidth;
    const y0 = top + Math.floor(p / columns) * (panelHeight + 16);
    const values = libs.map((lib) => panel.value(lib));
    const max = Math.max(panel.capValue ?? 0, ...values.filter((v) => v !== null), 1e-9);
    out.push(`<text x="${x0}" y="${y0 + 14}" font-weight="600">${xml(panel.title)}</text>`);
    libs.forEach((lib, i) => {
      const y = y0 + 26 + i * (barHeight + 8);
      const value = values[i];
      const barMax = panelWidth - 30 - labelWidth;
      out.push(
        `<text x="${x0}" y="${y + 13}" fill="#333">${xml(report.libraries[lib].label.split(' ')[0])}</text>`,
      );
      const bx = x0 + 92;
      const room = barMax - 92 - 40;
      if (value === null) {
        const text = panel.missing ? panel.missing(lib) : 'not measured';
        if (panel.capValue && text.includes('cap')) {
          out.push(
            `<rect x="${bx}" y="${y}" width="${room}" height="${barHeight}" fill="${COLORS[lib]}" opacity="0.25"/>`,
          );
        }
        out.push(`<text x="${bx + 4}" y="${y + 13}" fill="#555">${xml(text)}</text>`);
        return;
      }
      const w = Math.max(1, (value / max) * room);
      out.push(
        `<rect x="${bx}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${COLORS[lib]}"/>`,
      );
      out.push(
        `<text x="${(bx + w + 4).toFixed(1)}" y="${y + 13}" fill="#111">${xml(number(value, panel.digits))}</text>`,
      );
    });
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
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
