#!/usr/bin/env node
// What receiving a stream's body costs the page's main thread, by where the body is read (issue #16
// item 3, lead D): the bench's `/api/stream` NDJSON body (no parsing, no rendering: the bytes are
// only counted) read at CPU ×4 (`Emulation.setCPUThrottlingRate`, as in `pnpm bench`), with the
// page's long tasks (`PerformanceObserver` 'longtask') while it is read:
//   page      `fetch` + `getReader()` on the page (what createStream and the bench's reader do today)
//   worker    `fetch` + `getReader()` inside a Worker; the page only gets the byte count at the end
//   transfer  `fetch` on the page, `response.body` transferred to a Worker that reads it
//   node apps/bench/run/receiptProbe.mjs [--count 100000] [--runs 2] [--modes page,worker,transfer] [--port 4723]
import { buildBench, CONTEXT_OPTIONS, launchChromium, serveBench } from './serve.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

const count = Number(option('count', '100000'));
const runs = Number(option('runs', '2'));
const modes = option('modes', 'page,worker,transfer').split(',');
const port = Number(option('port', '4723'));

/** Runs in the page: reads the body as `mode` says; its byte count, time and the long tasks meanwhile. */
async function readBody({ mode, count }) {
  const tasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(Math.round(entry.duration));
  });
  observer.observe({ type: 'longtask' });
  const url = new URL(`/api/stream?count=${count}&rate=0&format=ndjson&latency=0`, location.href).href;
  const readAll = `let n = 0; for (;;) { const { done, value } = await reader.read(); if (done) break; n += value.length; }`;
  const worker = (source) => new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  const start = performance.now();
  let bytes = 0;
  if (mode === 'page') {
    const reader = (await fetch(url)).body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
    }
  } else if (mode === 'worker') {
    const w = worker(
      `onmessage = async (e) => { const reader = (await fetch(e.data)).body.getReader(); ${readAll} postMessage(n); };`,
    );
    bytes = await new Promise((resolve) => {
      w.onmessage = (e) => resolve(e.data);
      w.postMessage(url);
    });
  } else {
    const w = worker(
      `onmessage = async (e) => { const reader = e.data.getReader(); ${readAll} postMessage(n); };`,
    );
    const { body } = await fetch(url);
    bytes = await new Promise((resolve) => {
      w.onmessage = (e) => resolve(e.data);
      w.postMessage(body, [body]);
    });
  }
  const ms = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 300)); // a long task ending now is reported
  observer.disconnect();
  return { bytes, ms: Math.round(ms), longTasks: tasks };
}

const outDir = await buildBench();
const server = await serveBench(outDir, port);
const browser = await launchChromium();
try {
  for (let run = 0; run < runs; run++) {
    for (const mode of modes) {
      const context = await browser.newContext(CONTEXT_OPTIONS);
      const page = await context.newPage();
      await page.goto(`http://localhost:${port}/`, { waitUntil: 'load' });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const { bytes, ms, longTasks } = await page.evaluate(readBody, { mode, count });
      const longest = longTasks.length > 0 ? Math.max(...longTasks) : 0;
      console.log(
        `${mode.padEnd(8)} ${bytes.toLocaleString('en')} bytes in ${ms} ms; ${longTasks.length} long tasks on the page, longest ${longest} ms (${longTasks.join(', ')})`,
      );
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
