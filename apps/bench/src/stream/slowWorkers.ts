// CPU throttling for the page's Workers (issue #16 item 3). `Emulation.setCPUThrottlingRate`
// slows the page's main thread only, and Chromium refuses it on a worker target ("Operation is
// only supported for pages, not workers"), so a Worker would run at full speed beside a ×4 main
// thread. With `?workerSlowdown=N` in the page URL (the harness sets it to the scenario's CPU
// factor), every Worker the page starts runs its script behind a shim that makes each message
// handled cost N times its CPU time: the handler runs, its posts are held, the thread then stays
// idle (N − 1) × that time before the posts leave and the next message is handled, as a thread
// paused by the throttler would. The time a post takes (serializing the reply) is added as idle
// time before the next message, after the reply left. Started Workers load their real script
// by `import()` from a blob module, so `import.meta.url` inside it is unchanged.

const SHIM = `
const rate = RATE;
const realPost = self.postMessage.bind(self);
const queue = [];
let handler = null;
let held = null;
let busy = false;
Object.defineProperty(self, 'onmessage', { configurable: true, get: () => handler, set: (fn) => { handler = fn; } });
self.postMessage = (message, transfer) => {
  if (held) held.push([message, transfer]);
  else realPost(message, transfer);
};
function pump() {
  if (busy || queue.length === 0 || !handler) return;
  busy = true;
  const event = queue.shift();
  held = [];
  const start = performance.now();
  try {
    handler.call(self, event);
  } finally {
    const spent = performance.now() - start;
    const out = held;
    held = null;
    setTimeout(() => {
      const postStart = performance.now();
      for (const [message, transfer] of out) realPost(message, transfer);
      const postMs = performance.now() - postStart;
      setTimeout(() => { busy = false; pump(); }, postMs * (rate - 1));
    }, spent * (rate - 1));
  }
}
self.addEventListener('message', (event) => { queue.push(event); pump(); });
const poll = setInterval(() => { if (handler) { clearInterval(poll); pump(); } }, 1);
await import(SCRIPT);
`;

/** Wraps `Worker` so that every Worker started from now on runs `rate` times slower (see above). */
function slowWorkersDown(rate: number): void {
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
}

const rate = Number(new URLSearchParams(location.search).get('workerSlowdown') ?? '1');
if (rate > 1) slowWorkersDown(rate);
