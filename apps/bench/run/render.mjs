#!/usr/bin/env node
// Writes the generated part of docs/benchmarks.md and docs/bench-chart.svg again from a results
// file of `pnpm bench`, without measuring anything: for changes to the report's layout or to a
// scenario's description. Every figure still comes from the file.
//   node apps/bench/run/render.mjs bench/results/<date>.json
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDocs } from './report.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { summarize } from './summary.mjs';

const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const file = process.argv[2];
if (!file) throw new Error('usage: node apps/bench/run/render.mjs bench/results/<date>.json');
const report = JSON.parse(readFileSync(resolve(file), 'utf8'));
// Descriptions come from the current scenarios.mjs; results, settings, runs and caps from the file.
for (const [id, scenario] of Object.entries(report.scenarios)) {
  const current = SCENARIOS.find((s) => s.id === id);
  if (current)
    Object.assign(scenario, {
      title: current.title,
      measures: current.measures,
      setting: current.setting,
    });
}
report.summary = summarize(report);
report.resultsFile = relative(repoRoot, resolve(file)); // the docs name the file read
writeDocs(repoRoot, report);
console.log(`[bench] wrote docs/benchmarks.md and docs/bench-chart.svg from ${file}`);
