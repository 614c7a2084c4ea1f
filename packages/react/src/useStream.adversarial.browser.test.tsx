// useStream over connections that fail (adversarial): a body cut mid-line renders status 'error'
// with the cut's error and the items before it; retry() from the result resumes from the last key
// without doubling anything; a new inline `retry` object each render does not restart the stream.
// Nothing reaches the console as an uncaught error or an unhandled rejection.
import { act, StrictMode, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type UseStreamResult, useStream } from './useStream.ts';

interface Tick {
  n: number;
}

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const problems: unknown[] = [];
const onRejection = (event: PromiseRejectionEvent) => problems.push(event.reason);
const onError = (event: ErrorEvent) => problems.push(event.error ?? event.message);
let root: Root | null = null;
let container: HTMLElement | null = null;
beforeEach(() => {
  problems.length = 0;
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('error', onError);
});
afterEach(async () => {
  act(() => root?.unmount());
  container?.remove();
  root = null;
  await sleep(20);
  window.removeEventListener('unhandledrejection', onRejection);
  window.removeEventListener('error', onError);
  expect(problems).toEqual([]);
});

function mount(node: React.ReactNode) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(node));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs = 5000) {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error('waitFor timed out');
    await act(() => sleep(10));
  }
}

/** Ticks `from`…`to - 1`, then half a line and a network error if `cut`, else the end. */
function ticks(from: number, to: number, cut: boolean): Response {
  const encoder = new TextEncoder();
  let n = from;
  return new Response(
    new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (n < to) controller.enqueue(encoder.encode(`{"n":${n++}}\r\n`));
          else if (!cut) controller.close();
          else if (n++ === to) controller.enqueue(encoder.encode(`{"n":`));
          else controller.error(new TypeError('network cut'));
        },
      },
      { highWaterMark: 0 },
    ),
  );
}

function Probe({ onRender, lastIds }: { onRender: (r: UseStreamResult<Tick>) => void; lastIds: unknown[] }) {
  const result = useStream<Tick>({
    request: ({ lastId }) => {
      lastIds.push(lastId);
      // The first two connections are cut; the third ends the stream.
      if (lastIds.length === 1) return ticks(0, 5, true);
      if (lastIds.length === 2) return ticks(Number(lastId), 8, true); // replays the last one
      return ticks(Number(lastId) + 1, 12, false);
    },
    resume: { key: (t) => t.n },
    retry: { attempts: 1 }, // a new object each render
  });
  useEffect(() => {
    onRender(result);
  });
  return <output data-status={result.status}>{result.items.length}</output>;
}

describe('useStream over failing connections', () => {
  it.each([false, true])(
    'a cut renders error with the items before it; retry() resumes from the last key (StrictMode: %s)',
    async (strict) => {
      let last: UseStreamResult<Tick> | null = null;
      const lastIds: unknown[] = [];
      const probe = <Probe onRender={(r) => (last = r)} lastIds={lastIds} />;
      mount(strict ? <StrictMode>{probe}</StrictMode> : probe);
      const current = () => last as UseStreamResult<Tick> | null;
      await waitFor(() => current()?.status === 'error');
      expect(current()?.error).toBeInstanceOf(TypeError);
      expect(current()?.items.map((t) => t.n)).toEqual([0, 1, 2, 3, 4]);
      expect(lastIds).toEqual([undefined]);

      act(() => current()?.retry());
      // (retry() calls request at once; the rendered status follows a frame later)
      await waitFor(() => current()?.status === 'error' && current()?.items.length !== 5);
      expect(current()?.items.map((t) => t.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(current()?.stats.duplicates).toBe(1);

      act(() => current()?.retry());
      await waitFor(() => current()?.status === 'done');
      expect(lastIds).toEqual([undefined, 4, 7]);
      expect(current()?.items.map((t) => t.n)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      expect(current()?.error).toBeNull();
      expect(current()?.stats.reconnects).toBe(2);
    },
  );
});
