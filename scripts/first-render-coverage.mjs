// What a plain `useLazyList` page loads and never runs (issue #15 item 7): the hook's example
// (an `offsetSource` of 10,000 rows, 100 a page, answered after 10 ms) is bundled from the
// packages' dist the way size-limit counts it (esbuild, dynamic imports left out as lazy
// chunks, React bundled but not counted), rendered in Chromium with V8's block coverage on, and
// each lazyflow module's code is split into what ran and what never ran. `--scroll` also
// wheels down 20 times and presses ArrowDown on a row before coverage is taken. Figures are
// characters of unminified output without whitespace: a share per module, not kB over the wire.
// Run after `pnpm build:packages`.
// Usage: node scripts/first-render-coverage.mjs [--scroll] [--top 30]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.mjs';

const preset = createRequire(import.meta.url).resolve('@size-limit/preset-small-lib/package.json');
const esbuildPlugin = createRequire(preset).resolve('@size-limit/esbuild/package.json');
const { build } = createRequire(esbuildPlugin)('esbuild');

const { values } = parseArgs({ options: { scroll: { type: 'boolean' }, top: { type: 'string' } } });
const root = join(import.meta.dirname, '..');
const packages = join(root, 'packages');

const APP = `
import { createElement as h, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { useLazyList } from ${JSON.stringify(join(packages, 'react/dist/index.js'))};
import { offsetSource } from ${JSON.stringify(join(packages, 'core/dist/index.js'))};
const source = offsetSource({
  pageSize: 100,
  fetchPage: ({ offset, limit }) => new Promise((resolve) => setTimeout(() => resolve({
    items: Array.from({ length: limit }, (_, i) => ({ id: offset + i, name: 'Row ' + (offset + i) })),
    total: 10000,
  }), 10)),
});
function List() {
  const ref = useRef(null);
  const list = useLazyList({ key: ['rows'], source, getScrollElement: () => ref.current, estimateSize: () => 36 });
  window.loadedRows = list.rows.filter((row) => row.state.status === 'loaded').length;
  return h('div', { ref, role: 'list', onKeyDown: list.onKeyDown, style: { height: 600, overflow: 'auto' } },
    h('div', { style: { height: list.totalSize, position: 'relative' } }, list.rows.map((row) =>
      h('div', { key: row.key, ref: list.measureElement, 'data-index': row.index, tabIndex: -1, role: 'listitem',
        style: { position: 'absolute', width: '100%', transform: 'translateY(' + row.start + 'px)' } },
        row.state.status === 'loaded' ? row.state.item.name : 'Loading…'))));
}
createRoot(document.getElementById('root')).render(h(List));
`;

/** esbuild plugin: dynamic imports stay external (lazy chunks), as in .size-limit.mjs. */
const lazyChunksExternal = {
  name: 'lazy-chunks-external',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

const work = mkdtempSync(join(tmpdir(), 'first-render-coverage-'));
try {
  writeFileSync(join(work, 'app.js'), APP);
  writeFileSync(join(work, 'index.html'), '<div id="root"></div><script src="bundle.js"></script>');
  await build({
    entryPoints: [join(work, 'app.js')],
    bundle: true,
    format: 'iife',
    outfile: join(work, 'bundle.js'),
    define: { 'process.env.NODE_ENV': '"production"' },
    nodePaths: [join(root, 'node_modules'), join(packages, 'react/node_modules')],
    plugins: [lazyChunksExternal],
    logLevel: 'error',
  });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  const page = await browser.newPage({ viewport: { width: 800, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.startPreciseCoverage', { callCount: false, detailed: true });
  await page.goto(pathToFileURL(join(work, 'index.html')).href);
  await page.waitForFunction(() => window.loadedRows > 10, null, { timeout: 10_000 });
  await page.waitForTimeout(500); // the page settles: measured rows, idle prefetch
  if (values.scroll) {
    await page.mouse.move(300, 300);
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(50);
    }
    await page.waitForTimeout(500);
    await page.locator('[role=listitem]').nth(3).focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(200);
  }
  const { result } = await cdp.send('Profiler.takePreciseCoverage');
  await browser.close();

  const code = readFileSync(join(work, 'bundle.js'), 'utf8');
  const script = result.find((entry) => entry.url.endsWith('/bundle.js'));
  // Ranges nest, outer ones first within a function: the innermost count is the last written.
  const counts = new Int32Array(code.length).fill(1);
  for (const fn of script.functions)
    for (const r of fn.ranges) counts.fill(r.count, r.startOffset, r.endOffset);
  // esbuild marks each module's start with a comment naming its path.
  const starts = [...code.matchAll(/^ {2}\/\/ (.*)$/gm)].map((m) => [m.index, m[1]]);
  const rows = [];
  starts.forEach(([from, path], i) => {
    const at = path.indexOf('packages/');
    if (at < 0 || path.includes('node_modules')) return;
    const to = i + 1 < starts.length ? starts[i + 1][0] : code.length;
    let all = 0;
    let never = 0;
    for (let c = from + path.length + 5; c < to; c++) {
      if (/\s/.test(code[c])) continue;
      all += 1;
      if (counts[c] === 0) never += 1;
    }
    rows.push({ module: path.slice(at + 'packages/'.length).replace('/dist/', '/'), all, never });
  });
  rows.sort((a, b) => b.never - a.never);
  const all = rows.reduce((sum, row) => sum + row.all, 0);
  const never = rows.reduce((sum, row) => sum + row.never, 0);
  const pct = (part, whole) => `${Math.round((100 * part) / Math.max(1, whole))} %`;
  console.log(
    `\nlazyflow's code in a plain useLazyList page${values.scroll ? ', after 20 wheel steps and a key' : ''}: ` +
      `${all} characters in ${rows.length} modules, ${never} never run (${pct(never, all)})\n`,
  );
  console.log('| module | characters | never run | share |\n| --- | ---: | ---: | ---: |');
  for (const row of rows.slice(0, Number(values.top ?? 30)))
    console.log(`| ${row.module} | ${row.all} | ${row.never} | ${pct(row.never, row.all)} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
