// What each size-limit entry (.size-limit.mjs) is made of, per module and per folder, from
// esbuild's metafile: the entry is built the way size-limit builds it (bundled, minified, ESM,
// tree-shaken, peers external, every dynamic import left out as a lazy chunk) and each input's
// bytesInOutput is its minified share. The gzip column is an estimate: the module's share of the
// minified bytes times the bundle's min + gzip (gzip level 9, what size-limit reports), so it adds
// up to the total; scripts/bundle-breakdown.mjs measures what the gzipped bundle loses without a
// module instead. Run after `pnpm build:packages` (or tsc -p tsconfig.build.json in core and react).
// Usage: node apps/bench/run/sizeMap.mjs [--entry useLazyList] [--top 30] [--folders-only]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..', '..', '..');
const { default: entries } = await import(join(root, '.size-limit.mjs'));

// The esbuild size-limit runs (a dependency of its preset, not of this workspace).
const preset = createRequire(join(root, 'package.json')).resolve('@size-limit/preset-small-lib/package.json');
const esbuildPlugin = createRequire(preset).resolve('@size-limit/esbuild/package.json');
const { build } = createRequire(esbuildPlugin)('esbuild');

const { values } = parseArgs({
  options: {
    entry: { type: 'string' },
    top: { type: 'string' },
    'folders-only': { type: 'boolean' },
  },
});
const TOP = Number(values.top ?? 30);

const lazyChunksExternal = {
  name: 'lazy-chunks-external',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

/** `packages/core/dist/list/pageFlow.js` -> `core/list/pageFlow`. */
const moduleName = (path) =>
  relative(root, path)
    .replace(/^packages\/([^/]+)\/dist\//, '$1/')
    .replace(/\.js$/, '');
/** `core/list/pageFlow` -> `core/list`; a package's top-level module -> `core/(root)`. */
const folderOf = (module) => {
  const parts = module.split('/');
  return parts.length > 2 ? parts.slice(0, -1).join('/') : `${parts[0]}/(root)`;
};

const table = (title, label, rows, total, gzip, top) => {
  const share = (bytes) => Math.round((bytes / total) * gzip);
  console.log(`\n${title}\n`);
  console.log(`| ${label} | min (B) | share | min + gzip, est. (B) |`);
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, bytes] of rows.slice(0, top)) {
    console.log(`| ${name} | ${bytes} | ${((bytes / total) * 100).toFixed(1)} % | ${share(bytes)} |`);
  }
  const rest = rows.slice(top);
  if (rest.length > 0) {
    const bytes = rest.reduce((sum, [, b]) => sum + b, 0);
    console.log(
      `| ${rest.length} more | ${bytes} | ${((bytes / total) * 100).toFixed(1)} % | ${share(bytes)} |`,
    );
  }
};

const work = mkdtempSync(join(tmpdir(), 'size-map-'));
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
      treeShaking: true,
      format: 'esm',
      write: false,
      metafile: true,
      outdir: work,
      absWorkingDir: root,
      external: entry.ignore,
      plugins: [lazyChunksExternal],
      logLevel: 'silent',
    });
    const js = result.outputFiles[0].contents;
    const gzip = gzipSync(js, { level: 9 }).length;
    const [output] = Object.values(result.metafile.outputs);
    const modules = new Map();
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput === 0) continue;
      const name = path.startsWith('/') || path.startsWith('..') ? '(entry)' : moduleName(join(root, path));
      modules.set(name, (modules.get(name) ?? 0) + bytesInOutput);
    }
    const counted = [...modules.values()].reduce((sum, b) => sum + b, 0);
    modules.set('(glue: esbuild wrappers, exports)', js.length - counted);
    const folders = new Map();
    for (const [name, bytes] of modules) {
      const folder = name.startsWith('(') ? name : folderOf(name);
      folders.set(folder, (folders.get(folder) ?? 0) + bytes);
    }
    const byBytes = (map) => [...map].sort((a, b) => b[1] - a[1]);
    console.log(`\n## ${entry.name}: ${js.length} B min, ${gzip} B min + gzip (level 9)`);
    table('Per folder', 'folder', byBytes(folders), js.length, gzip, Number.POSITIVE_INFINITY);
    if (!values['folders-only']) table('Per module', 'module', byBytes(modules), js.length, gzip, TOP);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
