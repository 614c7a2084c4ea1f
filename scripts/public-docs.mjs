#!/usr/bin/env node
// The rule for every public export (README, STYLE): a JSDoc comment with an `@example`. Run by
// `pnpm lint` (and so by `pnpm test`): lists each export of @lazyflow/core (every entry of its
// package.json `exports`) and @lazyflow/react whose declaration has no `@example` tag, and
// fails when there is one. Types count too: an adopter reads an option type's page as often as
// the function's.
//   node scripts/public-docs.mjs
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The source file of each public entry point: `exports[…].source` of each package. */
function entries(packageDir) {
  const manifest = JSON.parse(readFileSync(join(root, packageDir, 'package.json'), 'utf8'));
  return Object.entries(manifest.exports)
    .filter(([, target]) => typeof target === 'object' && typeof target.source === 'string')
    .map(([subpath, target]) => ({
      name: `${manifest.name}${subpath === '.' ? '' : subpath.slice(1)}`,
      file: join(root, packageDir, target.source),
    }));
}

const config = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
const points = [...entries('packages/core'), ...entries('packages/react')];
const program = ts.createProgram(
  points.map((point) => point.file),
  options,
);
const checker = program.getTypeChecker();

/** Where a symbol is declared, as `path:line`. */
function place(declaration) {
  const file = declaration.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(declaration.getStart());
  return `${relative(root, file.fileName)}:${line + 1}`;
}

const missing = [];
let checked = 0;
for (const point of points) {
  const source = program.getSourceFile(point.file);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`public-docs: cannot read the entry ${point.name} (${point.file})`);
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    checked++;
    if (symbol.getJsDocTags(checker).some((tag) => tag.name === 'example')) continue;
    const declaration = symbol.declarations?.[0];
    missing.push(`${point.name} › ${exported.name}${declaration ? ` (${place(declaration)})` : ''}`);
  }
}

if (missing.length > 0) {
  console.error(`public-docs: ${missing.length} public exports have no JSDoc @example:`);
  for (const line of missing) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`public-docs: all ${checked} public exports of ${points.length} entries have an @example`);
