#!/usr/bin/env node
// lazyflow installed the way an app installs it (issue #17 item 7). Packs @lazyflow/core and
// @lazyflow/react with pnpm (which turns `workspace:*` into the version), checks the tarballs with
// publint and @arethetypeswrong/cli, then copies each app of consumers/ to a temporary folder
// outside the workspace, installs the tarballs there with npm — no workspace links, the app's own
// React, React Query and tools — and runs its typecheck (tsc, strict), build (vite), jsdom test
// (vitest + @testing-library/react + MSW) and Playwright spec (vite preview, Debian's Chromium).
// After packing, the tarball checks and the apps run side by side (each into its own log).
//   [CONSUMERS_PORT=4333] node scripts/consumers.mjs [--keep] [react18-query|react19-plain …]
// Needs the packages built first (`npx pnpm@12.21.0 build:packages`; `pnpm test` builds them).
// npm's own cache (~/.npm) makes the second run's installs offline; --keep leaves the folder.
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
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

/**
 * Runs a command to its end; resolves true when it exits 0. Its output goes to the file `log`
 * when given (checks running side by side print theirs once done), else to the terminal;
 * `quiet` drops stdout (not errors).
 */
function run(cwd, cmd, args, { env = process.env, log, quiet = false } = {}) {
  return new Promise((resolve) => {
    const fd = log === undefined ? null : openSync(log, 'a');
    const stdout = fd ?? (quiet ? 'ignore' : 'inherit');
    let settled = false;
    const settle = (ok, error) => {
      if (settled) return;
      settled = true;
      if (error) writeTo(log, `[consumers] ${cmd}: ${error.message}\n`);
      if (fd !== null) closeSync(fd);
      resolve(ok);
    };
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', stdout, fd ?? 'inherit'] });
    child.on('error', (error) => settle(false, error));
    child.on('close', (code) => settle(code === 0));
  });
}

function writeTo(log, text) {
  if (log === undefined) process.stderr.write(text);
  else appendFileSync(log, text);
}

/** Runs one check: a banner, `fn` (resolving true when it passed), its time. Never throws. */
async function check(name, log, fn) {
  writeTo(log, `\n━━ ${name} ${'━'.repeat(Math.max(0, 70 - name.length))}\n`);
  const started = Date.now();
  let ok = false;
  try {
    ok = await fn();
  } catch (error) {
    writeTo(log, `[consumers] ${name}: ${error.message}\n`);
  }
  return { name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

async function packAll(packs) {
  const tarballs = {};
  const missing = PACKAGES.filter((pkg) => !existsSync(join(root, 'packages', pkg, 'dist', 'index.js')));
  if (missing.length > 0) {
    console.error(`[consumers] not built: ${missing.join(', ')}; run npx pnpm@12.21.0 build:packages`);
    return null;
  }
  const [cmd, pre] = pnpmCommand();
  for (const pkg of PACKAGES) {
    const dir = join(packs, pkg);
    mkdirSync(dir);
    const packArgs = [...pre, 'pack', '--pack-destination', dir];
    if (!(await run(join(root, 'packages', pkg), cmd, packArgs, { quiet: true }))) return null;
    const file = readdirSync(dir).find((name) => name.endsWith('.tgz'));
    if (file === undefined) return null;
    tarballs[pkg] = join(dir, file);
  }
  return tarballs;
}

/** publint and attw on each tarball, one after the other. */
async function checkTarballs(tarballs, log) {
  const results = [];
  for (const pkg of PACKAGES) {
    results.push(
      await check(`publint ${pkg} (tarball)`, log, () =>
        run(root, bin('publint'), ['--strict', tarballs[pkg]], { log }),
      ),
    );
  }
  for (const pkg of PACKAGES) {
    // ESM only by design (decision 0001), so CommonJS `require` is not a target.
    const args = ['--profile', 'esm-only', '--format', 'table-flipped', tarballs[pkg]];
    results.push(await check(`attw ${pkg} (tarball)`, log, () => run(root, bin('attw'), args, { log })));
  }
  return results;
}

/** One app: npm install of the tarballs, typecheck, build, jsdom test, Playwright spec. */
async function checkApp(app, work, tarballs, log) {
  const dir = join(work, app);
  cpSync(join(root, 'consumers', app), dir, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist|test-results)$|\.tgz$/.test(source),
  });
  const results = [];
  const installed = await check(`${app}: npm install`, log, () => {
    for (const pkg of PACKAGES) copyFileSync(tarballs[pkg], join(dir, `lazyflow-${pkg}.tgz`));
    const args = [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--loglevel=error',
    ];
    return run(dir, 'npm', args, { env: appEnv(), log });
  });
  results.push(installed);
  const inApp = async (cmd, args, env) =>
    installed.ok && run(dir, join(dir, 'node_modules', '.bin', cmd), args, { env: appEnv(env), log });
  // The app as apps check it (skipLibCheck), then lazyflow's .d.ts files checked too.
  results.push(
    await check(
      `${app}: typecheck`,
      log,
      async () =>
        (await inApp('tsc', ['-p', 'tsconfig.json'])) && inApp('tsc', ['-p', 'tsconfig.lazyflow.json']),
    ),
  );
  results.push(await check(`${app}: vite build`, log, () => inApp('vite', ['build', '--logLevel', 'warn'])));
  results.push(await check(`${app}: jsdom test`, log, () => inApp('vitest', ['run'])));
  const browser = {
    PORT: String(CONSUMER_APPS[app]),
    CHROMIUM_PATH: chromiumPath(),
    CHROMIUM_FLAGS: CHROMIUM_FLAGS.join(' '),
  };
  results.push(await check(`${app}: playwright`, log, () => inApp('playwright', ['test'], browser)));
  return results;
}

/**
 * Runs every consumer check; `report(name, ok, seconds)` is called once per check, in a fixed
 * order, and every check is reported even when an earlier one failed (those that cannot run
 * fail at once). After packing, the tarball checks and the apps run side by side (each app's
 * steps in order), each into its own log, printed when all are done. Resolves to the number of
 * failed checks.
 *
 * @example
 * const failed = await runConsumerChecks((name, ok, seconds) => console.log(name, ok, seconds));
 */
export async function runConsumerChecks(report, { apps = Object.keys(CONSUMER_APPS), keep = false } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'lazyflow-consumers-'));
  const packs = join(work, 'packs');
  mkdirSync(packs);
  let results;
  try {
    let tarballs = null;
    const pack = await check('pack (pnpm pack)', undefined, async () => {
      tarballs = await packAll(packs);
      return tarballs !== null;
    });
    const names = [
      ...PACKAGES.map((pkg) => `publint ${pkg} (tarball)`),
      ...PACKAGES.map((pkg) => `attw ${pkg} (tarball)`),
      ...apps.flatMap((app) =>
        ['npm install', 'typecheck', 'vite build', 'jsdom test', 'playwright'].map((s) => `${app}: ${s}`),
      ),
    ];
    if (tarballs === null) {
      results = [pack, ...names.map((name) => ({ name, ok: false, seconds: '0.0' }))];
    } else {
      // shared/ goes beside the apps, as in the repository (they import ../shared).
      cpSync(join(root, 'consumers', 'shared'), join(work, 'shared'), { recursive: true });
      const logs = [join(work, 'tarballs.log'), ...apps.map((app) => join(work, `${app}.log`))];
      console.log(
        `\n[consumers] publint + attw and ${apps.join(', ')} run side by side; their output follows.`,
      );
      const groups = await Promise.all([
        checkTarballs(tarballs, logs[0]),
        ...apps.map((app, i) => checkApp(app, work, tarballs, logs[i + 1])),
      ]);
      for (const log of logs) if (existsSync(log)) process.stdout.write(readFileSync(log));
      results = [pack, ...groups.flat()];
    }
  } finally {
    if (keep) console.log(`[consumers] kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  for (const { name, ok, seconds } of results) report(name, ok, seconds);
  return results.filter((result) => !result.ok).length;
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
  const failed = await runConsumerChecks(
    (name, ok, seconds) => lines.push(`${name.padEnd(34)} ${ok ? 'passed' : 'FAILED'}  (${seconds}s)`),
    { apps: apps.length > 0 ? apps : undefined, keep: args.includes('--keep') },
  );
  console.log(`\n${lines.join('\n')}`);
  console.log(
    `${lines.length - failed} passed, ${failed} failed  (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
  process.exit(failed > 0 ? 1 : 0);
}
