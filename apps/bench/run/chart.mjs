// docs/bench-chart.svg: one small bar chart per headline figure of a `pnpm bench` results file,
// lower is better in each. Every bar is a median from the file.
import { number } from './format.mjs';

const COLORS = {
  lazyflow: '#2563eb',
  tanstack: '#ef4444',
  virtuoso: '#f59e0b',
  'react-window': '#10b981',
  virtua: '#8b5cf6',
  baseline: '#6b7280',
};

function xml(text) {
  return String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The panels of the chart: title, the libraries shown, the value per library. */
function panelsOf(report) {
  const panels = [];
  const medianOf = (id, key) => (lib) => report.summary[id]?.libs[lib]?.metrics[key]?.median ?? null;
  const libsIn = (id) => Object.keys(report.scenarios[id].results);
  const capped = (id) => {
    const cap = report.scenarios[id].request.capMs / 1000;
    return {
      missing: (lib) => (report.summary[id].libs[lib]?.runs ? `> ${cap} s (cap)` : 'not run'),
      capValue: cap,
    };
  };
  if (report.scenarios.scroll) {
    panels.push({
      title: 'Scroll: frame p95 (ms)',
      libs: libsIn('scroll'),
      value: medianOf('scroll', 'frameP95'),
      digits: 1,
    });
    panels.push({
      title: 'Scroll: main-thread ms/frame',
      libs: libsIn('scroll'),
      value: medianOf('scroll', 'busyPerFrame'),
      digits: 2,
    });
    panels.push({
      title: 'Scroll: blank (%)',
      libs: libsIn('scroll'),
      value: medianOf('scroll', 'blank'),
      digits: 1,
    });
  }
  if (report.scenarios.jump500k) {
    panels.push({
      title: 'Jump to row 500,000 (s)',
      libs: libsIn('jump500k'),
      value: medianOf('jump500k', 'seconds'),
      digits: 2,
      ...capped('jump500k'),
    });
  }
  if (report.scenarios.sweep)
    panels.push({
      title: 'Sweep: JS heap (MB)',
      libs: libsIn('sweep'),
      value: medianOf('sweep', 'heapMb'),
      digits: 0,
    });
  if (report.scenarios.dynamic)
    panels.push({
      title: 'Dynamic: jitter (px)',
      libs: libsIn('dynamic'),
      value: medianOf('dynamic', 'jitter'),
      digits: 0,
    });
  if (report.scenarios.reload) {
    const row = report.scenarios.reload.request.index.toLocaleString('en-US');
    panels.push({
      title: `Warm reload: row ${row} (s)`,
      libs: libsIn('reload'),
      value: medianOf('reload', 'seconds'),
      digits: 2,
      ...capped('reload'),
    });
  }
  if (report.scenarios.stream) {
    panels.push({
      title: 'Stream: longest task (ms)',
      libs: libsIn('stream'),
      value: medianOf('stream', 'longest'),
      digits: 0,
    });
    panels.push({
      title: 'Stream: all events shown (s)',
      libs: libsIn('stream'),
      value: medianOf('stream', 'seconds'),
      digits: 2,
    });
  }
  const bundled = Object.keys(report.bundle);
  if (bundled.length > 0) {
    panels.push({
      title: 'Bundle, min+gzip (kB)',
      libs: bundled,
      value: (lib) => (report.bundle[lib]?.kind === 'bundle' ? report.bundle[lib].gzip / 1000 : null),
      digits: 1,
    });
  }
  return panels;
}

/** One SVG with a small bar chart per headline figure (lower is better in each). */
export function renderChart(report) {
  const panels = panelsOf(report);
  const panelWidth = 250;
  const barHeight = 18;
  const top = 56;
  const panelHeight = (panel) => 34 + panel.libs.length * (barHeight + 8);
  const columns = 3;
  const rows = [];
  for (let i = 0; i < panels.length; i += columns) rows.push(panels.slice(i, i + columns));
  const rowHeights = rows.map((row) => Math.max(...row.map(panelHeight)));
  const width = columns * panelWidth + 20;
  const height = top + rowHeights.reduce((sum, h) => sum + h + 16, 0);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img">`,
    `<title>lazyflow vs TanStack Virtual + Query, react-virtuoso, react-window and virtua: pnpm bench, ${xml(report.date)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="600">lazyflow vs peers — pnpm bench, ${xml(report.date)} (lower is better)</text>`,
    `<text x="10" y="40" fill="#555">${xml(`${report.machine.cpu}, ${report.machine.cores} cores, Chromium ${report.machine.chromium}; ${report.settings.runs === 1 ? 'one run' : `medians of ${report.settings.runs} runs`}`)}</text>`,
  ];
  let y0 = top;
  rows.forEach((row, r) => {
    row.forEach((panel, p) => {
      const x0 = 10 + p * panelWidth;
      const values = panel.libs.map((lib) => panel.value(lib));
      const max = Math.max(panel.capValue ?? 0, ...values.filter((v) => v !== null), 1e-9);
      out.push(`<text x="${x0}" y="${y0 + 14}" font-weight="600">${xml(panel.title)}</text>`);
      panel.libs.forEach((lib, i) => {
        const y = y0 + 26 + i * (barHeight + 8);
        const value = values[i];
        out.push(
          `<text x="${x0}" y="${y + 13}" fill="#333">${xml(report.libraries[lib].label.split(' ')[0])}</text>`,
        );
        const bx = x0 + 92;
        const room = panelWidth - 30 - 92 - 40;
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
    y0 += rowHeights[r] + 16;
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
