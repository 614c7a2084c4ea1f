#!/usr/bin/env node
// lazyflow installed the way an app installs it (issue #17 item 7). Packs @lazyflow/core and
// @lazyflow/react with pnpm (which turns `workspace:*` into the version), checks the tarballs with
// publint and @arethetypeswrong/cli, then copies each app of consumers/ to a temporary folder
// outside the workspace, installs the tarballs there with npm — no workspace links, the app's own
// React, React Query and tools — and runs its typecheck (tsc, strict), build (vite), jsdom test
// (vitest + @testing-library/react + MSW) and Playwright spec (vite preview, Debian's Chromium).
//   [CONSUMERS_PORT=4333] node scripts/consumers.mjs [--keep] [react18-query|react19-plain …]
// Needs the packages built first (`npx pnpm@12.21.0 build:packages`; `pnpm test` builds them).
// npm's own cache (~/.npm) makes the second run's installs offline; --keep leaves the folder.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/**
 * The apps, with the port `vite preview` serves each on for its Playwright spec: 4333 and 4334,
 * or CONSUMERS_PORT and the next one (two runs on one machine).
 */
const BASE_PORT = Number(process.env.CONSUMERS_PORT ?? 4333);
export const CONSUMER_APPS = { 'react18-query': BASE_PORT, 'react19-plain': BASE_PORT + 1 };
const PACKAGES = ['core', 'react'];

/**
 * The environment of everything run in an app: without pnpm's `npm_*` variables (set when this
 * runs under `pnpm test`; they are pnpm's settings, not the user's — only the registry, cache
 * and user config are passed on) and without NODE_PATH, which could reach the workspace's packages.
 */
function appEnv(extra = {}) {
  const keep = new Set(['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig']);
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    const lower = name.toLowerCase();
    if (name !== 'NODE_PATH' && (!lower.startsWith('npm_') || keep.has(lower))) env[name] = value;
  }
  return { ...env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...extra };
}

/** The command that runs pnpm: the one running this script, else the pinned version through npx. */
function pnpmCommand() {
  const execPath = process.env.npm_execpath;
  // pnpm 12 is a native executable; older ones are a script for node.
  if (execPath && /pnpm/.test(execPath)) {
    return /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath]] : [execPath, []];
  }
  return ['npx', ['--yes', 'pnpm@12.21.0']];
}

/** Runs a command to its end; true when it exits 0. `quiet` drops its stdout (not its errors). */
function run(cwd, cmd, args, { env = process.env, quiet = false } = {}) {
  const result = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    env,
  });
  if (result.error) console.error(`[consumers] ${cmd}: ${result.error.message}`);
  return result.status === 0;
}

/**
 * Runs every consumer check; `report(name, ok, seconds)` is called once per check, in order, and
 * every check is reported even when an earlier one failed (those that cannot run fail at once).
 * Returns the number of failed checks.
 *
 * @example
 * const failed = runConsumerChecks((name, ok, seconds) => console.log(name, ok, seconds));
 */
export function runConsumerChecks(report, { apps = Object.keys(CONSUMER_APPS), keep = false } = {}) {
  let failed = 0;
  const step = (name, fn) => {
    console.log(`\n━━ ${name} ${'━'.repeat(Math.max(0, 70 - name.length))}`);
    const started = Date.now();
    let ok = false;
    try {
      ok = fn();
    } catch (error) {
      console.error(`[consumers] ${name}: ${error.message}`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!ok) failed += 1;
    report(name, ok, seconds);
    return ok;
  };
  const work = mkdtempSync(join(tmpdir(), 'lazyflow-consumers-'));
  const packs = join(work, 'packs');
  mkdirSync(packs);
  const tarballs = {};
  try {
    const packed = step('pack (pnpm pack)', () => {
      const missing = PACKAGES.filter((pkg) => !existsSync(join(root, 'packages', pkg, 'dist', 'index.js')));
      if (missing.length > 0) {
        console.error(`[consumers] not built: ${missing.join(', ')}; run npx pnpm@12.21.0 build:packages`);
        return false;
      }
      const [cmd, pre] = pnpmCommand();
      for (const pkg of PACKAGES) {
        const dir = join(packs, pkg);
        mkdirSync(dir);
        const packArgs = [...pre, 'pack', '--pack-destination', dir];
        if (!run(join(root, 'packages', pkg), cmd, packArgs, { quiet: true })) return false;
        const file = readdirSync(dir).find((name) => name.endsWith('.tgz'));
        if (file === undefined) return false;
        tarballs[pkg] = join(dir, file);
      }
      return true;
    });
    for (const pkg of PACKAGES) {
      step(`publint ${pkg} (tarball)`, () =>
        packed ? run(root, bin('publint'), ['--strict', tarballs[pkg]]) : false,
      );
    }
    for (const pkg of PACKAGES) {
      // ESM only by design (decision 0001), so CommonJS `require` is not a target.
      step(`attw ${pkg} (tarball)`, () =>
        packed
          ? run(root, bin('attw'), ['--profile', 'esm-only', '--format', 'table-flipped', tarballs[pkg]])
          : false,
      );
    }
    // shared/ goes beside the apps, as in the repository (they import ../shared).
    cpSync(join(root, 'consumers', 'shared'), join(work, 'shared'), { recursive: true });
    for (const app of apps) {
      const dir = join(work, app);
      cpSync(join(root, 'consumers', app), dir, {
        recursive: true,
        filter: (source) => !/[/\\](node_modules|dist|test-results)$|\.tgz$/.test(source),
      });
      const appBin = (name) => join(dir, 'node_modules', '.bin', name);
      const installed = step(`${app}: npm install`, () => {
        if (!packed) return false;
        for (const pkg of PACKAGES) copyFileSync(tarballs[pkg], join(dir, `lazyflow-${pkg}.tgz`));
        return run(
          dir,
          'npm',
          ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'],
          { env: appEnv() },
        );
      });
      const inApp = (cmd, args, env) => installed && run(dir, appBin(cmd), args, { env: appEnv(env) });
      // The app as apps check it (skipLibCheck), then lazyflow's .d.ts files checked too.
      step(`${app}: typecheck`, () =>
        ['tsconfig.json', 'tsconfig.lazyflow.json'].every((config) => inApp('tsc', ['-p', config])),
      );
      step(`${app}: vite build`, () => inApp('vite', ['build', '--logLevel', 'warn']));
      step(`${app}: jsdom test`, () => inApp('vitest', ['run']));
      step(`${app}: playwright`, () =>
        inApp('playwright', ['test'], {
          PORT: String(CONSUMER_APPS[app]),
          CHROMIUM_PATH: chromiumPath(),
          CHROMIUM_FLAGS: CHROMIUM_FLAGS.join(' '),
        }),
      );
    }
  } finally {
    if (keep) console.log(`[consumers] kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  return failed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const apps = args.filter((arg) => !arg.startsWith('--'));
  const unknown = apps.filter((app) => !(app in CONSUMER_APPS));
  if (unknown.length > 0) {
    console.error(`unknown app ${unknown.join(', ')}; apps: ${Object.keys(CONSUMER_APPS).join(', ')}`);
    process.exit(2);
  }
  const started = Date.now();
  const lines = [];
  const failed = runConsumerChecks(
    (name, ok, seconds) => lines.push(`${name.padEnd(34)} ${ok ? 'passed' : 'FAILED'}  (${seconds}s)`),
    { apps: apps.length > 0 ? apps : undefined, keep: args.includes('--keep') },
  );
  console.log(`\n${lines.join('\n')}`);
  console.log(
    `${lines.length - failed} passed, ${failed} failed  (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
  process.exit(failed > 0 ? 1 : 0);
}
