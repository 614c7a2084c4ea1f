// CPU throttling for the page's Workers (issue #16 item 3). `Emulation.setCPUThrottlingRate`
// slows the page's main thread only, and Chromium refuses it on a worker target ("Operation is
// only supported for pages, not workers"), so a Worker would run at full speed beside a ×4 main
// thread. With `?workerSlowdown=N` in the page URL (the harness sets it to the scenario's CPU
// factor), every Worker the page starts runs its script behind a shim that makes each slice of
// work cost N times its time, as a thread paused by the throttler would.
//
// A slice is what one task of the Worker runs: a message handler, or the code a `fetch`, a
// body's `reader.read()` or a timer resumes, each with the microtasks it queues (the slice ends
// at a task posted when it began, which runs once they are done). While a slice runs, its posts
// are held; then the thread stays idle (N − 1) × the slice's time, the posts leave, the time they
// took to post is served (N − 1) times again, and only then does the next slice start: a message
// or a read that arrived meanwhile waits, as it would behind a slow thread. (Until 2026-12-06
// only message handlers were slowed, so a Worker that fetched and parsed its own body —
// createStream's `url`-only stream since decision 0067 — parsed at full speed.) Started Workers
// load their real script by `import()` from a blob module, so `import.meta.url` inside it is
// unchanged.

const SHIM = `
const rate = RATE;
const realPost = self.postMessage.bind(self);
const realSetTimeout = self.setTimeout.bind(self);
const stats = { slices: 0, busyMs: 0, owedMs: 0 };
const marker = new MessageChannel();
const ends = [];
marker.port1.onmessage = () => ends.shift()?.();
const waiting = [];
let held = null;
let busy = false;
function enter(run) {
  if (busy) {
    waiting.push(run);
    return;
  }
  busy = true;
  held = [];
  const start = performance.now();
  ends.push(() => {
    const spent = performance.now() - start;
    const out = held;
    held = null;
    stats.slices++;
    stats.busyMs += spent;
    stats.owedMs += spent * (rate - 1);
    realSetTimeout(() => {
      const postStart = performance.now();
      for (const [message, transfer] of out) realPost(message, transfer);
      const postMs = performance.now() - postStart;
      stats.owedMs += postMs * (rate - 1);
      realSetTimeout(() => {
        busy = false;
        const next = waiting.shift();
        if (next) enter(next);
      }, postMs * (rate - 1));
    }, spent * (rate - 1));
  });
  marker.port2.postMessage(0);
  try {
    run();
  } catch (error) {
    reportError(error);
  }
}
const gated = (promise) =>
  promise.then(
    (value) => new Promise((resolve) => enter(() => resolve(value))),
    (error) => new Promise((_, reject) => enter(() => reject(error))),
  );
self.postMessage = (message, transfer) => {
  if (held) held.push([message, transfer]);
  else realPost(message, transfer);
};
const realFetch = self.fetch.bind(self);
self.fetch = (...args) => gated(realFetch(...args));
const realRead = ReadableStreamDefaultReader.prototype.read;
ReadableStreamDefaultReader.prototype.read = function read() {
  return gated(realRead.call(this));
};
self.setTimeout = (callback, ms, ...args) =>
  realSetTimeout(() => enter(() => (typeof callback === 'function' ? callback(...args) : undefined)), ms);
let handler = null;
const early = [];
Object.defineProperty(self, 'onmessage', {
  configurable: true,
  get: () => handler,
  set: (fn) => {
    handler = fn;
    for (const event of early.splice(0)) enter(() => handler?.call(self, event));
  },
});
self.addEventListener('message', (event) => {
  if (event.data && event.data.slowWorkersStats === true) {
    realPost({ slowWorkersStats: { ...stats, rate } });
    return;
  }
  if (handler) enter(() => handler.call(self, event));
  else early.push(event);
});
await import(SCRIPT);
`;

/**
 * What a slowed Worker has counted since it started: slices of work, their time and the idle
 * time owed for them (`(rate − 1)` × their time plus the same for the time posting took).
 * A Worker answers `{ slowWorkersStats: true }` with `{ slowWorkersStats: SlowWorkerStats }`.
 */
export interface SlowWorkerStats {
  slices: number;
  busyMs: number;
  owedMs: number;
  rate: number;
}

/**
 * Wraps `Worker` so that every Worker started from now on runs `rate` times slower (see above).
 * Returns the function that puts the real `Worker` back.
 *
 * @example
 * const restore = slowWorkersDown(4);
 * const worker = new Worker(url, { type: 'module' }); // slowed
 * restore();
 */
export function slowWorkersDown(rate: number): () => void {
  const RealWorker = window.Worker;
  class SlowWorker extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      const script = new URL(url, location.href).href;
      const source = SHIM.replace('RATE', String(rate)).replace('SCRIPT', JSON.stringify(script));
      const blob = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      super(blob, { ...options, type: 'module' });
    }
  }
  window.Worker = SlowWorker;
  return () => {
    window.Worker = RealWorker;
  };
}

const rate = Number(new URLSearchParams(location.search).get('workerSlowdown') ?? '1');
if (rate > 1) slowWorkersDown(rate);
