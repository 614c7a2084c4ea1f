#!/usr/bin/env node
// Finds the Chromium that every browser test uses, installing Debian's package when it is missing.
// Never downloads a browser from anywhere else (Playwright's own download is disabled in .npmrc).
//   node scripts/chromium.mjs          → prints the path, installing if needed
//   node scripts/chromium.mjs --check  → same, quiet unless it has to install
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const DEBIAN_PATH = '/usr/bin/chromium';

/** The browser path: `CHROMIUM_PATH` when set, else Debian's Chromium. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || DEBIAN_PATH;
}

function run(cmd, args) {
  execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Makes sure the browser exists; installs Debian's `chromium` with apt when it does not. */
export function ensureChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH is set to ${path}, but no file is there.`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  console.log(`[chromium] ${DEBIAN_PATH} is missing: installing Debian's chromium with apt-get…`);
  try {
    const [cmd, ...pre] = [...sudo, 'apt-get'];
    run(cmd, [...pre, 'update']);
    run(cmd, [...pre, 'install', '-y', 'chromium']);
  } catch (error) {
    throw new Error(
      `Could not install Chromium with apt-get (${error.message}). Install Debian's "chromium" package as root, or set CHROMIUM_PATH to a Chrome/Chromium binary.`,
    );
  }
  if (!existsSync(path)) throw new Error(`apt-get finished but ${path} does not exist.`);
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const path = ensureChromium();
    if (!process.argv.includes('--check')) console.log(path);
  } catch (error) {
    console.error(`[chromium] ${error.message}`);
    process.exit(1);
  }
}
