#!/usr/bin/env node
// `pnpm test`: every check lazyflow has, in one command, ending with one summary line
// `N passed, N failed[, N skipped]` summed over all runners. Static checks (lint, typecheck,
// builds) and each consumer check (pack, publint, attw, and per consumer app: install,
// typecheck, build, jsdom test, Playwright spec) count as one test each. Every step runs even
// when an earlier one fails, so one run shows everything that is wrong; the exit code is
// non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';
import { runConsumerChecks } from './consumers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const env = {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '1',
};
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
/** Names of the failed tests, printed again just above the summary (a CI log may keep only its tail). */
const failures = [];

function run(cmd, args, extraEnv = {}) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  return {
    ok: result.status === 0,
    seconds: ((Date.now() - started) / 1000).toFixed(1),
    error: result.error,
  };
}

function banner(title) {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

function record(name, counts, seconds) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
  lines.push(`${name.padEnd(22)} ${counts.passed} passed, ${counts.failed} failed${skipped}  (${seconds}s)`);
}

/** A check that is one test: passes when the command exits 0. */
function check(name, cmd, args) {
  banner(name);
  const { ok, seconds } = run(cmd, args);
  record(name, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }, seconds);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

// 0. The browser every browser test uses (Debian's Chromium, installed when missing).
banner('chromium');
try {
  console.log(ensureChromium());
} catch (error) {
  console.error(error.message);
  record('chromium', { passed: 0, failed: 1, skipped: 0 }, '0.0');
}

// 1. Static checks.
// `pnpm lint` as written in package.json: biome, dependency-cruiser's import rules, then every
// public export's JSDoc @example (scripts/public-docs.mjs).
const lint = readJson(join(root, 'package.json'))?.scripts?.lint ?? 'false';
check('lint (biome+depcruise)', 'sh', ['-c', `PATH="${join(root, 'node_modules', '.bin')}:$PATH" ${lint}`]);
check('typecheck (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
// Unused files, exports and dependencies in every workspace (knip.jsonc).
check('knip', bin('knip'), ['--no-progress']);
for (const pkg of ['core', 'react']) {
  const dir = join(root, 'packages', pkg);
  // publint and attw check what is published: the packed tarballs, in step 4.
  check(`build ${pkg}`, 'sh', [
    '-c',
    `rm -rf "${dir}/dist" && "${bin('tsc')}" -p "${dir}/tsconfig.build.json"`,
  ]);
}
// Bundle budgets per entry (.size-limit.mjs), measured on the dist the builds above just wrote.
check('size-limit', bin('size-limit'), []);

// 2. Vitest: the node project (pure code) and the browser project (real Chromium).
banner('vitest (node + browser)');
{
  const out = join(reports, 'vitest.json');
  const { ok, seconds } = run(bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const report = readJson(out);
  if (report) {
    // A run can fail with no failed test (a file that does not load, an unhandled error):
    // that still counts as one failure.
    const failed = report.numFailedTests || (ok ? 0 : 1);
    const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      const name = file.name.slice(root.length + 1);
      const tests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
      for (const test of tests) failures.push(`vitest ${name} › ${test.fullName}`);
      if (file.status === 'failed' && tests.length === 0) {
        failures.push(`vitest ${name}: ${String(file.message ?? '').split('\n')[0]}`);
      }
    }
    record('vitest', { passed: report.numPassedTests, failed, skipped }, seconds);
  } else {
    record('vitest', { passed: 0, failed: 1, skipped: 0 }, seconds);
  }
}

// 3. Playwright end-to-end specs against the built demo (vite preview, fixed port).
banner('playwright (e2e)');
{
  const out = join(reports, 'playwright.json');
  const { ok, seconds } = run(bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  const report = readJson(out);
  if (report?.stats) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
    // Same rule as above: a failed run with no failed spec (config error, server did not start) is one failure.
    const failed = unexpected || (ok ? 0 : 1);
    const visit = (suite) => {
      for (const spec of suite.specs ?? []) {
        if (!spec.ok) failures.push(`playwright ${spec.file}:${spec.line} › ${spec.title}`);
      }
      for (const child of suite.suites ?? []) visit(child);
    };
    for (const suite of report.suites ?? []) visit(suite);
    record('playwright', { passed: expected + flaky, failed, skipped }, seconds);
  } else {
    record('playwright', { passed: 0, failed: 1, skipped: 0 }, seconds);
  }
}

// 4. Installed like a consumer (scripts/consumers.mjs): both packages packed with pnpm, the
// tarballs checked by publint and @arethetypeswrong/cli, then the apps of consumers/ copied
// outside the workspace, installed from the tarballs with npm, type-checked, built, and tested
// in jsdom and with Playwright.
try {
  await runConsumerChecks((name, ok, seconds) =>
    record(name, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }, seconds),
  );
} catch (error) {
  console.error(error);
  record('consumers', { passed: 0, failed: 1, skipped: 0 }, '0.0');
}

banner('summary');
for (const failure of failures) console.log(`✗ ${failure}`);
for (const line of lines) console.log(line);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
