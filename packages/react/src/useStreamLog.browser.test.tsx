// useStreamLog (decision 0084) with useLazyList against the mock server, in real Chromium: the list
// follows the log's count by itself (watchCount), the end shows the newest lines, StrictMode opens
// one log (one Worker), unmount closes it.
import type { streamEvent } from '@lazyflow/mocks';
import { startMockWorker } from '@lazyflow/mocks/browser';
import { StrictMode, useRef } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AbsoluteRows } from './testing/absoluteRows.tsx';
import { rootsPerTest } from './testing/testRoots.ts';
import { useLazyList } from './useLazyList.ts';
import { type UseStreamLogResult, useStreamLog } from './useStreamLog.ts';

type Event = ReturnType<typeof streamEvent>;

beforeAll(async () => {
  await startMockWorker();
});
const roots = rootsPerTest({ actEnvironment: false });

let latest: UseStreamLogResult<Event> | null = null;
function Logs({ url }: { url: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const log = useStreamLog<Event>({ url, pageSize: 50 });
  const list = useLazyList<Event>({
    key: ['use-stream-log', url],
    source: log.source,
    anchor: 'end',
    getScrollElement: () => ref.current,
    estimateSize: () => 20,
  });
  latest = log;
  return (
    <div ref={ref} data-testid="scroller" style={{ height: 200, overflow: 'auto' }}>
      <AbsoluteRows list={list} rowHeight={20} text={(event) => `seq ${event.seq}`} placeholder="…" />
    </div>
  );
}

/** Workers started and terminated while a test runs (a counting subclass of the page's Worker). */
const RealWorker = globalThis.Worker;
const workers = { started: 0, terminated: 0 };
async function countWorkers() {
  // The log of the test before closes a tick after its unmount: not this test's.
  await new Promise((resolve) => setTimeout(resolve, 0));
  Object.assign(workers, { started: 0, terminated: 0 });
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      workers.started++;
    }
    override terminate() {
      workers.terminated++;
      super.terminate();
    }
  };
}
afterEach(() => {
  globalThis.Worker = RealWorker;
});

const rowText = (index: number) => roots.container?.querySelector(`[data-index="${index}"]`)?.textContent;

describe('useStreamLog', () => {
  for (const strict of [false, true]) {
    it(`a list on its source follows the log to its end${strict ? ' (StrictMode)' : ''}`, async () => {
      const url = `/api/stream?count=3000&rate=0&run=${strict}`;
      await countWorkers();
      roots.mount(
        strict ? (
          <StrictMode>
            <Logs url={url} />
          </StrictMode>
        ) : (
          <Logs url={url} />
        ),
      );
      await vi.waitFor(() => expect(latest?.status).toBe('ended'), { timeout: 10_000 });
      expect(latest).toMatchObject({ count: 3000, error: null, inWorker: true });
      await vi.waitFor(() => expect(rowText(2999)).toBe('seq 2999'));
      // StrictMode runs the effect twice: the log its cleanup was closing is taken back.
      expect(workers).toEqual({ started: 1, terminated: 0 });
    });
  }

  it('closes the log on unmount: its Worker is terminated', async () => {
    await countWorkers();
    latest = null;
    const root = roots.mount(<Logs url="/api/stream?count=200000&rate=20000" />);
    await vi.waitFor(() => expect(latest?.count).toBeGreaterThan(0), { timeout: 10_000 });
    root.unmount();
    await vi.waitFor(() => expect(workers).toEqual({ started: 1, terminated: 1 })); // a tick later
  });
});
