// The bench's Worker slowdown (slowWorkers.ts) counts every slice of a Worker's work, not only its
// message handlers: createStream's `url`-only Worker fetches and parses its own body, in the code
// `fetch` and `reader.read()` resume. No timed assertion: each slice below spins for at least
// 5 ms by construction, so the counted time has a floor whatever the machine.
import { afterEach, expect, test } from 'vitest';
import { type SlowWorkerStats, slowWorkersDown } from './slowWorkers.ts';

const CHUNKS = 8;
const SPIN_MS = 5;

/** A Worker that, told to go, fetches `url` and reads a body of CHUNKS chunks, spinning in each read's continuation. */
const WORKER = `
const spin = (ms) => { const end = performance.now() + ms; while (performance.now() < end); };
self.onmessage = async ({ data }) => {
  if (data.kind !== 'go') return;
  const response = await fetch(data.url);
  spin(${SPIN_MS});
  await response.text();
  const body = new ReadableStream({
    start(controller) {
      for (let i = 0; i < ${CHUNKS}; i++) controller.enqueue(new Uint8Array([i]));
      controller.close();
    },
  });
  const reader = body.getReader();
  for (let chunk = 0; ; chunk++) {
    const { done } = await reader.read();
    if (done) break;
    spin(${SPIN_MS});
    self.postMessage({ kind: 'chunk', chunk });
  }
  self.postMessage({ kind: 'done' });
};`;

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
});

function url(text: string, type: string): string {
  const made = URL.createObjectURL(new Blob([text], { type }));
  cleanup.push(() => URL.revokeObjectURL(made));
  return made;
}

test('a slowed Worker counts the work fetch and reader.read() resume, holds its posts, and keeps their order', async () => {
  const RealWorker = window.Worker;
  cleanup.push(slowWorkersDown(4));
  expect(window.Worker).not.toBe(RealWorker);
  const worker = new Worker(url(WORKER, 'text/javascript'), { type: 'module' });
  cleanup.push(() => worker.terminate());

  const seen: number[] = [];
  const stats = await new Promise<SlowWorkerStats>((resolve, reject) => {
    worker.onerror = (event) => reject(new Error(event.message));
    worker.onmessage = ({ data }) => {
      if (data.kind === 'chunk') seen.push(data.chunk);
      else if (data.kind === 'done') worker.postMessage({ slowWorkersStats: true });
      else if (data.slowWorkersStats) resolve(data.slowWorkersStats);
    };
    worker.postMessage({ kind: 'go', url: url('a body', 'text/plain') });
  });

  expect(seen).toEqual(Array.from({ length: CHUNKS }, (_, i) => i));
  expect(stats.rate).toBe(4);
  // The handler, the fetch's continuation, the text() and each read: CHUNKS + 1 reads (the last
  // says done), every one a slice of its own.
  expect(stats.slices).toBeGreaterThanOrEqual(CHUNKS + 3);
  // Each spin ran inside a slice (message handlers alone counted none of the reads' spins).
  expect(stats.busyMs).toBeGreaterThanOrEqual((CHUNKS + 1) * SPIN_MS);
  // The idle time owed is (rate − 1) × the slices' time, plus the same for posting.
  expect(stats.owedMs).toBeGreaterThanOrEqual(3 * stats.busyMs);
});

test('the returned function puts the real Worker back', () => {
  const RealWorker = window.Worker;
  const restore = slowWorkersDown(2);
  expect(window.Worker).not.toBe(RealWorker);
  restore();
  expect(window.Worker).toBe(RealWorker);
});
