// The soak (issue #16 item 5): the demo's 1,000,000-row Table driven for minutes through random
// scrolls, flings, jumps, scrollbar moves, window resizes, reloads and visits to the Stream page
// (whose connection the mock server cuts), drawn from a seeded generator, with the mock server
// failing and stalling requests. Shared by `pnpm bench` (scenario `soak`, 3 minutes at CPU ×4)
// and e2e/soak.spec.ts (a shorter one, CPU not throttled). It measures and checks, it does not
// judge: `soakFailures(result)` says what broke, the callers print or assert it.
import { compiledCodeBytes } from './heapCode.mjs';
import { installSoakProbes } from './soakProbes.mjs';

/** The fault panel's localStorage key (apps/demo/src/faultSettings.ts). */
const FAULTS_KEY = 'lazyflow-demo:faults';
/** The fetch budget of one QueryClient (packages/core/src/scheduler/fetchBudget.ts). */
export const FETCH_BUDGET = 6;
/**
 * Heap after GC at the end over the first checkpoint's, at most (without V8's compiled code when
 * the run reads it, `codeApart`).
 */
export const HEAP_GROWTH_LIMIT = 1.2;
/** Console errors the browser itself logs for a response the fault panel made fail. */
const EXPECTED_CONSOLE = /^Failed to load resource: the server responded with a status of 500\b/;

/**
 * The faults of the soak: 10 % of requests answer 500, 5 % never answer (the Table gives up
 * after its `timeoutMs`, 5 s), streams are cut every 150 events; 80 ms latency ± 25 %.
 */
export const SOAK_FAULTS = {
  latency: 80,
  errorRate: 0.1,
  stallRate: 0.05,
  dropAfter: 150,
  malformedEvery: null,
  slow: null,
};

/** Operations and their weights. */
const OPERATIONS = [
  ['scroll', 30],
  ['fling', 15],
  ['jump', 15],
  ['scrollbar', 10],
  ['resize', 10],
  ['reload', 6],
  ['stream', 6],
];
const TOTAL_ROWS = 1_000_000;

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The counters of the page's probes (soakProbes.mjs) added up over the documents of a run. */
function addProbes(total, part) {
  if (!part) return total;
  for (const key of Object.keys(part)) {
    if (key === 'inFlight') continue;
    if (key === 'maxInFlight') total.maxInFlight = Math.max(total.maxInFlight ?? 0, part.maxInFlight);
    else if (Array.isArray(part[key])) total[key] = [...(total[key] ?? []), ...part[key]].slice(0, 20);
    else total[key] = (total[key] ?? 0) + part[key];
  }
  return total;
}

/**
 * @typedef {object} SoakOptions
 * @property {number} durationMs     how long operations are started for
 * @property {number} seed           seed of the operations' generator
 * @property {number} throttle       CPU slowdown through the DevTools protocol (1: none)
 * @property {number} firstCheckMs   when the first heap checkpoint is taken (the issue: after the first minute)
 * @property {number} [checkEveryMs] heap checkpoints after the first (default: none until the end)
 * @property {boolean} [fillBudget]  before each checkpoint, jump the Table through far rows until the
 *   pages it holds stop growing (its 2 MB memory budget reached), so every checkpoint measures the
 *   list holding its whole budget and the ratio shows growth, not the list filling up (default: false)
 * @property {boolean} [codeApart]   at each checkpoint also read how much of the heap is V8's compiled
 *   code (a heap snapshot, heapCode.mjs) and check the heap without it: in a short run V8 is still
 *   compiling the page's code, which grows the heap whatever the page holds (default: false)
 * @property {(line: string) => void} [log]
 * @property {(cdp: import('playwright').CDPSession, atMs: number) => Promise<void>} [onCheckpoint]
 *   called after each heap checkpoint (e.g. to take a heap snapshot while looking for a leak)
 */

/**
 * Runs the soak in a new page of `context` against the demo served at `baseUrl`. Never throws
 * for what the page does: errors end up in the result.
 *
 * @param {import('playwright').BrowserContext} context
 * @param {string} baseUrl
 * @param {SoakOptions} options
 */
export async function runSoak(context, baseUrl, options) {
  const {
    durationMs,
    seed,
    throttle,
    firstCheckMs,
    checkEveryMs = 0,
    fillBudget = false,
    codeApart = false,
    log = () => {},
    onCheckpoint,
  } = options;
  const weighted = OPERATIONS.map(([name, weight]) => [name, options.weights?.[name] ?? weight]).filter(
    ([, weight]) => weight > 0,
  );
  const random = generator(seed);
  const int = (n) => Math.floor(random() * n);
  const pick = () => {
    let at = random() * weighted.reduce((sum, [, w]) => sum + w, 0);
    for (const [name, weight] of weighted) {
      at -= weight;
      if (at < 0) return name;
    }
    return weighted.at(-1)[0];
  };

  await context.addInitScript(installSoakProbes, {
    faultsKey: FAULTS_KEY,
    faults: SOAK_FAULTS,
    stalledMs: 4_000,
  });
  const page = await context.newPage();
  const pageErrors = [];
  const consoleErrors = [];
  let expectedConsole = 0;
  page.on('pageerror', (error) => pageErrors.push(error.message.slice(0, 300)));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (EXPECTED_CONSOLE.test(message.text())) expectedConsole++;
    else consoleErrors.push(message.text().slice(0, 300));
  });
  const cdp = await context.newCDPSession(page);
  const scroller = page.getByTestId('table-scroller');
  const ready = async () => {
    await page.locator('html[data-msw="ready"]').waitFor({ timeout: 30_000 });
    await scroller.locator('[data-state="loaded"]').first().waitFor({ timeout: 30_000 });
  };
  const operations = Object.fromEntries(OPERATIONS.map(([name]) => [name, 0]));
  const operationErrors = [];
  const heap = [];
  let probes = {};
  let streamCuts = 0;
  const readProbes = () => page.evaluate(() => window.__soak).catch(() => null);
  const pointAtList = async () => {
    const box = await scroller.boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  };
  // Under 900 px (a resize may go there) the demo's menu is the header's "Pages" button.
  const nav = async (name) => {
    const link = page.getByRole('navigation').getByRole('link', { name, exact: true });
    if (!(await link.isVisible())) await page.getByTestId('menu-toggle').click();
    await link.click();
  };

  const run = {
    async scroll() {
      await pointAtList();
      const direction = random() < 0.5 ? -1 : 1;
      for (let steps = 1 + int(5); steps > 0; steps--) {
        await page.mouse.wheel(0, direction * (100 + int(2_900)));
        await sleep(30 + int(200));
      }
    },
    async fling() {
      await pointAtList();
      const direction = random() < 0.5 ? -1 : 1;
      const step = direction * (300 + int(900));
      for (let n = 20 + int(20); n > 0; n--) {
        await page.mouse.wheel(0, step);
        await sleep(16);
      }
    },
    async jump() {
      await page.getByTestId('jump-index').fill(String(int(TOTAL_ROWS)));
      await page.getByTestId('jump-align').selectOption(['start', 'center', 'end'][int(3)]);
      await page.getByTestId('jump-go').click();
    },
    // What a scrollbar drag does to the scroller: a move no wheel, key or touch explains.
    async scrollbar() {
      await scroller.evaluate((element, at) => {
        element.scrollTop = at * (element.scrollHeight - element.clientHeight);
      }, random());
    },
    async resize() {
      await page.setViewportSize({ width: 600 + int(800), height: 500 + int(500) });
    },
    async reload() {
      probes = addProbes(probes, await readProbes());
      await page.reload();
      await ready();
    },
    async stream() {
      await nav('Stream');
      const stats = page.locator('[data-reconnects]');
      await stats.waitFor({ timeout: 20_000 });
      await sleep(2_000 + int(2_000));
      streamCuts += Number((await stats.getAttribute('data-reconnects')) ?? 0);
      await nav('Table');
      await ready();
    },
  };

  const pagesHeld = async () => {
    const status = await page
      .getByTestId('table-status')
      .textContent()
      .catch(() => '');
    return Number(/([\d,]+) pages? in memory/.exec(status ?? '')?.[1]?.replaceAll(',', '') ?? Number.NaN);
  };
  // Far rows of their own (not drawn from the seeded generator, so the operations stay the same).
  const fillToBudget = async () => {
    let held = await pagesHeld();
    for (let k = 1, flat = 0; k <= 40 && flat < 3; k++) {
      await page.getByTestId('jump-index').fill(String((k * 104_729) % TOTAL_ROWS));
      await page.getByTestId('jump-go').click();
      await ready().catch(() => {});
      await sleep(400);
      const now = await pagesHeld();
      flat = now > held ? 0 : flat + 1;
      held = Math.max(held, now);
    }
  };

  const checkpoint = async (atMs) => {
    if (fillBudget) await fillToBudget();
    await sleep(1_000); // let the last operation's requests land
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const codeBytes = codeApart ? await compiledCodeBytes(cdp) : null;
    // What the list holds then (its memory budget is 2 MB): the status line's "N pages in memory".
    const status = await page
      .getByTestId('table-status')
      .textContent()
      .catch(() => '');
    const pages = Number(
      /([\d,]+) pages? in memory/.exec(status ?? '')?.[1]?.replaceAll(',', '') ?? Number.NaN,
    );
    heap.push({
      atMs: Math.round(atMs),
      bytes: usedSize,
      codeBytes,
      pagesInMemory: Number.isNaN(pages) ? null : pages,
    });
    log(
      `heap after GC at ${(atMs / 1000).toFixed(0)} s: ${(usedSize / 1e6).toFixed(1)} MB${codeBytes === null ? '' : ` (${(codeBytes / 1e6).toFixed(1)} MB of it compiled code)`}, ${pages} pages in the list's memory`,
    );
    await onCheckpoint?.(cdp, atMs);
  };

  const started = Date.now();
  try {
    await page.goto(`${baseUrl}/table`);
    await ready();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const soakStart = Date.now();
    let nextCheck = firstCheckMs;
    // First each kind once (a reload first, the Stream page last, so the first checkpoint sees a
    // document that has run every page and path of the soak), then drawn at random by weight.
    const names = weighted.map(([name]) => name);
    const warmUp = [
      ...names.filter((name) => name === 'reload'),
      ...names.filter((name) => name !== 'reload' && name !== 'stream'),
      ...names.filter((name) => name === 'stream'),
    ];
    // The warm-up runs whole however slow the machine is, so every kind runs at least once.
    while (warmUp.length > 0 || Date.now() - soakStart < durationMs) {
      const name = warmUp.shift() ?? pick();
      operations[name]++;
      try {
        await run[name]();
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        operationErrors.push(`${name} #${operations[name]}: ${message}`.slice(0, 300));
        await ready().catch(() => {});
      }
      await sleep(100 + int(900));
      const elapsed = Date.now() - soakStart;
      if (elapsed >= nextCheck && elapsed < durationMs - 5_000) {
        await checkpoint(elapsed);
        nextCheck = checkEveryMs > 0 ? nextCheck + checkEveryMs : Number.POSITIVE_INFINITY;
      }
    }
    await checkpoint(Date.now() - soakStart);
    probes = addProbes(probes, await readProbes());
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => {});
    await page.close().catch(() => {});
  }
  /** The last checkpoint's figure over the first's, or null without two of them. */
  const endOverFirst = (read) => {
    if (heap.length < 2) return null;
    const first = read(heap[0]);
    const last = read(heap.at(-1));
    return first && last ? last / first : null;
  };
  return {
    kind: 'soak',
    seed,
    throttle,
    ms: Date.now() - started,
    operations,
    operationCount: Object.values(operations).reduce((a, b) => a + b, 0),
    operationErrors,
    requests: probes.requests ?? 0,
    errors500: probes.errors500 ?? 0,
    stalled: probes.stalled ?? 0,
    stallsInjected: probes.stallsInjected ?? 0,
    aborted: probes.aborted ?? 0,
    streamCuts,
    maxInFlight: probes.maxInFlight ?? 0,
    frames: probes.frames ?? 0,
    rowsChecked: probes.rows ?? 0,
    placeholders: probes.placeholders ?? 0,
    wrongRows: probes.wrong ?? 0,
    outOfOrder: probes.outOfOrder ?? 0,
    samples: probes.samples ?? [],
    rejections: probes.rejections ?? [],
    pageErrors,
    consoleErrors,
    expectedConsole,
    heap,
    heapRatio: endOverFirst((h) => h.bytes),
    dataHeapRatio: endOverFirst(withoutCode),
  };
}

/** A checkpoint's heap less V8's compiled code, or null when the code was not read (`codeApart`). */
const withoutCode = (h) => (h.codeBytes === null ? null : h.bytes - h.codeBytes);

/** What the soak found broken, one sentence each; empty when every check held. */
export function soakFailures(result) {
  const failures = [];
  const codeApart = result.dataHeapRatio !== null;
  const ratio = codeApart ? result.dataHeapRatio : result.heapRatio;
  const mb = (h) => ((codeApart ? withoutCode(h) : h.bytes) / 1e6).toFixed(1);
  if (ratio === null) failures.push('the JS heap was not read twice');
  else if (ratio > HEAP_GROWTH_LIMIT)
    failures.push(
      `the JS heap after GC${codeApart ? ", without V8's compiled code," : ''} grew ${ratio.toFixed(2)}× from the first checkpoint to the end (limit ${HEAP_GROWTH_LIMIT}×): ${result.heap.map((h) => `${mb(h)} MB at ${Math.round(h.atMs / 1000)} s`).join(', ')}`,
    );
  if (result.maxInFlight > FETCH_BUDGET)
    failures.push(`${result.maxInFlight} requests in flight at once (budget ${FETCH_BUDGET})`);
  if (result.wrongRows > 0) failures.push(`${result.wrongRows} rows on screen showed another item`);
  if (result.outOfOrder > 0) failures.push(`${result.outOfOrder} rows on screen out of index order`);
  if (result.rejections.length > 0) failures.push(`unhandled rejections: ${result.rejections.join(' | ')}`);
  if (result.pageErrors.length > 0) failures.push(`page errors: ${result.pageErrors.join(' | ')}`);
  if (result.consoleErrors.length > 0) failures.push(`console errors: ${result.consoleErrors.join(' | ')}`);
  if (result.operationErrors.length > 0)
    failures.push(`operations that failed: ${result.operationErrors.join(' | ')}`);
  if (result.frames === 0 || result.rowsChecked === 0) failures.push('no frame with rows was checked');
  return failures;
}
