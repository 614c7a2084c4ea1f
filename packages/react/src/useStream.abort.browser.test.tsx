// useStream's teardown with a body the abort does not end (found by hooksLifecycle.browser.test.tsx's
// author): a `request` that returns a Response the app built (a WebSocket bridge, a test double, a
// `fetch` made without the signal) kept its reading loop, its body and its parse Worker after
// unmount, because stopping only aborted the signal. Now the abort cancels the body being read.
import { cleanup, render } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { useStream } from './useStream.ts';

const RealWorker = globalThis.Worker;
afterEach(() => {
  cleanup();
  globalThis.Worker = RealWorker;
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const body = { cancelled: false, signal: null as AbortSignal | null, pulls: 0 };

function Feed() {
  const { items, error } = useStream<{ n: number }>({
    format: 'ndjson',
    // The app's own Response: 3 items, then a live feed with nothing new yet.
    request: ({ signal }) => {
      body.signal = signal;
      let n = 0;
      return new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            body.pulls += 1;
            if (n >= 3) return new Promise<void>(() => {});
            controller.enqueue(new TextEncoder().encode(`{"n":${n++}}\n`));
          },
          cancel() {
            body.cancelled = true;
          },
        }),
      );
    },
  });
  return <output>{error ? String(error) : items.map((item) => item.n).join(',')}</output>;
}

it('unmount cancels a body that ignores the abort and terminates the parse Worker', async () => {
  const workers = { started: 0, terminated: 0 };
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      workers.started += 1;
    }
    override terminate() {
      workers.terminated += 1;
      super.terminate();
    }
  };
  Object.assign(body, { cancelled: false, signal: null, pulls: 0 });
  const view = render(<Feed />);
  await vi.waitFor(() => expect(view.container.textContent).toBe('0,1,2'));
  expect(workers.started).toBe(1);
  view.unmount();
  await vi.waitFor(() => expect(body.cancelled).toBe(true));
  expect(body.signal?.aborted).toBe(true);
  await vi.waitFor(() => expect(workers.terminated).toBe(workers.started));
  const pulls = body.pulls;
  await sleep(200);
  expect(body.pulls).toBe(pulls); // nothing reads it any more
});
