import { act, StrictMode, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type UseStreamResult, useStream } from './useStream.ts';

interface Tick {
  n: number;
}

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | null = null;
let container: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = null;
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

/** A body of `count` NDJSON ticks; `open` streams never end. */
function ticks(count: number, open = false): ReadableStream<Uint8Array> {
  let n = 0;
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (n >= count) {
        if (!open) controller.close();
        else await sleep(50);
        return;
      }
      controller.enqueue(encoder.encode(`${JSON.stringify({ n: n++ })}\n`));
    },
  });
}

function Probe({
  onRender,
  count,
  open,
  signals,
}: {
  onRender: (r: UseStreamResult<Tick>) => void;
  count: number;
  open?: boolean;
  signals?: AbortSignal[];
}) {
  const result = useStream<Tick>({
    request: (resume) => {
      signals?.push(resume.signal);
      return new Response(ticks(count, open));
    },
    resume: { key: (t) => t.n },
  });
  useEffect(() => {
    onRender(result);
  });
  return <output data-status={result.status}>{result.items.length}</output>;
}

describe('useStream', () => {
  it('renders the items and status of the stream', async () => {
    let last: UseStreamResult<Tick> | undefined;
    mount(<Probe count={300} onRender={(r) => (last = r)} />);
    await waitFor(() => last?.status === 'done');
    expect(last?.items.map((t) => t.n)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(last?.stats.items).toBe(300);
    expect(container?.textContent).toBe('300');
  });

  it('opens one connection under StrictMode and aborts it on unmount', async () => {
    const signals: AbortSignal[] = [];
    let last: UseStreamResult<Tick> | undefined;
    mount(
      <StrictMode>
        <Probe count={5} open signals={signals} onRender={(r) => (last = r)} />
      </StrictMode>,
    );
    await waitFor(() => (last?.items.length ?? 0) === 5);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
    act(() => root?.unmount());
    root = null;
    await sleep(20);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('pause() and resume() from the result change the rendered status', async () => {
    let last: UseStreamResult<Tick> | undefined;
    mount(<Probe count={5} open onRender={(r) => (last = r)} />);
    await waitFor(() => last?.status === 'open');
    act(() => last?.pause());
    await waitFor(() => last?.status === 'paused');
    expect(container?.querySelector('output')?.dataset.status).toBe('paused');
    act(() => last?.resume());
    await waitFor(() => last?.status === 'open');
  });

  it('hands render a frozen result that keeps its identity while nothing changed', async () => {
    const results: UseStreamResult<Tick>[] = [];
    mount(<Probe count={3} onRender={(r) => results.push(r)} />);
    await waitFor(() => results.at(-1)?.status === 'done');
    const done = results.at(-1);
    expect(Object.isFrozen(done)).toBe(true);
    act(() => root?.render(<Probe count={3} onRender={(r) => results.push(r)} />));
    expect(results.at(-1)).toBe(done);
  });
});
