// Where the bytes of each size-limit entry go (.size-limit.mjs): the entry is built the way
// size-limit builds it (esbuild, bundled, minified, ESM, peers external, dynamic imports left
// out as lazy chunks) with a source map, every byte of the output is given to the module it
// came from, and each module's gzip contribution is measured as what the gzipped bundle loses
// without that module's bytes (so the column does not add up exactly to the total: gzip shares
// repeated strings between modules). `--folders` does the same per folder (core/src/list, …),
// each folder's bytes removed together. Run after `pnpm build:packages`.
// Usage: node scripts/bundle-breakdown.mjs [--top 25] [--entry "createLazyList"] [--folders]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import entries from '../.size-limit.mjs';

// The esbuild size-limit runs (a dependency of its preset, not of this workspace).
const preset = createRequire(import.meta.url).resolve('@size-limit/preset-small-lib/package.json');
const esbuildPlugin = createRequire(preset).resolve('@size-limit/esbuild/package.json');
const { build } = createRequire(esbuildPlugin)('esbuild');

const { values } = parseArgs({
  options: { top: { type: 'string' }, entry: { type: 'string' }, folders: { type: 'boolean' } },
});
const TOP = Number(values.top ?? 20);
const root = join(import.meta.dirname, '..');
const lazyChunksExternal = {
  name: 'lazy-chunks-external',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Per output line, the [column, source index] of each mapping (source map v3 VLQ). */
function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = B64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push([column, fields.length > 1 ? source : -1]);
    }
    lines.push(segments);
  }
  return lines;
}

const kb = (bytes) => (bytes / 1000).toFixed(2);
const work = mkdtempSync(join(tmpdir(), 'bundle-breakdown-'));
try {
  for (const entry of entries) {
    if (values.entry !== undefined && !entry.name.includes(values.entry)) continue;
    const imports = typeof entry.import === 'string' ? { [entry.path]: entry.import } : entry.import;
    const code = Object.entries(imports)
      .map(([path, names]) => `export ${names} from ${JSON.stringify(join(root, path))};`)
      .join('\n');
    const input = join(work, 'entry.js');
    writeFileSync(input, code);
    const result = await build({
      entryPoints: [input],
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      sourcemap: 'external',
      outdir: work,
      external: entry.ignore,
      plugins: [lazyChunksExternal],
      logLevel: 'silent',
    });
    const js = result.outputFiles.find((file) => file.path.endsWith('.js')).text;
    const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.map')).text);
    const name = (index) =>
      index < 0 ? '(glue)' : relative(root, join(work, map.sources[index])).replace(/^packages\//, '');
    const lines = js.split('\n');
    const decoded = decodeMappings(map.mappings);
    const parts = new Map(); // module -> array of [line, from, to]
    lines.forEach((text, l) => {
      const segments = decoded[l] ?? [];
      let from = 0;
      let who = '(glue)';
      for (const [column, source] of segments) {
        if (column > from) parts.set(who, [...(parts.get(who) ?? []), [l, from, column]]);
        from = column;
        who = name(source);
      }
      if (text.length > from) parts.set(who, [...(parts.get(who) ?? []), [l, from, text.length]]);
    });
    const total = gzipSync(js, { level: 9 }).length;
    // --folders: every module's ranges under its folder ('core/src/list/pageFlow.ts' -> 'core/src/list').
    const groups = new Map();
    for (const [module, ranges] of parts) {
      const group = values.folders ? module.replace(/\/[^/]*$/, '') : module;
      groups.set(group, [...(groups.get(group) ?? []), ...ranges]);
    }
    const rows = [];
    for (const [module, ranges] of groups) {
      const keep = lines.map((text) => text.split(''));
      let min = 0;
      for (const [l, from, to] of ranges) {
        for (let c = from; c < to; c++) keep[l][c] = '';
        min += to - from;
      }
      const without = gzipSync(keep.map((chars) => chars.join('')).join('\n'), { level: 9 }).length;
      rows.push({ module, min, gzip: total - without });
    }
    rows.sort((a, b) => b.gzip - a.gzip);
    console.log(`\n${entry.name}: ${kb(js.length)} kB min, ${kb(total)} kB min + gzip\n`);
    console.log(
      `| ${values.folders ? 'folder' : 'module'} | min (kB) | gzip contribution (kB) |\n| --- | ---: | ---: |`,
    );
    for (const row of rows.slice(0, TOP)) console.log(`| ${row.module} | ${kb(row.min)} | ${kb(row.gzip)} |`);
    const rest = rows.slice(TOP);
    if (rest.length > 0) {
      const min = rest.reduce((sum, row) => sum + row.min, 0);
      const gzip = rest.reduce((sum, row) => sum + row.gzip, 0);
      console.log(`| ${rest.length} more | ${kb(min)} | ${kb(gzip)} |`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
