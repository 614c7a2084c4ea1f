// Issue #15 item 2, checked for every hook (useLazyList, useLazyGrid, useLazyData, useWindow,
// useSuspenseLazyList, <LazyList>, useStream, useStreamLog): a hook is an adapter. Nothing is
// fetched, subscribed, timed or opened while React renders; StrictMode opens one request per
// page; <Activity> (React 19), unmount, a `key` change, a render React discards (a sibling that
// suspends or throws after the hook ran) and a transition leave no subscription, timer, request,
// Worker or stream behind; a new fetchPage closure is used for the next page; the controls keep
// their identity for the engine's life. Leaks are counted by wrapping the page's globals (timers,
// frames, fetch, Worker, IndexedDB, event listeners, ResizeObserver) and the QueryClient's caches.
//
// This file: useStream and useStreamLog; their harness is testing/lifecycleHarness.tsx and
// testing/lifecycleProbe.ts.
import { QueryClient } from '@lazyflow/core';
import type { streamEvent } from '@lazyflow/mocks';
import { startMockWorker } from '@lazyflow/mocks/browser';
import { cleanup } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  lifecyclePerTest,
  makeGate,
  mount,
  quiet,
  Sibling,
  settled,
  Tree,
} from './testing/lifecycleHarness.tsx';
import { Activity, beginRender, endRender, live, probe, sleep } from './testing/lifecycleProbe.ts';
import { type UseStreamResult, useStream } from './useStream.ts';
import { type UseStreamLogResult, useStreamLog } from './useStreamLog.ts';

lifecyclePerTest();

// ── useStream ──────────────────────────────────────────────────────────────────────────────────

interface Tick {
  readonly n: number;
}

/**
 * Connections of a stream `request`: each body yields 20 ticks from `lastId + 1`, then stays open
 * (a live feed with nothing new) until its signal aborts it.
 */
function tickServer() {
  const connections: { token: string; lastId: unknown; signal: AbortSignal; cancelled: boolean }[] = [];
  const encoder = new TextEncoder();
  return {
    connections,
    /** Connections neither aborted nor cancelled by their reader. */
    open: () => connections.filter((c) => !c.signal.aborted && !c.cancelled).length,
    request(token: string) {
      return ({ lastId, signal }: { lastId: string | number | undefined; signal: AbortSignal }) => {
        const connection = { token, lastId, signal, cancelled: false };
        connections.push(connection);
        let n = typeof lastId === 'number' ? lastId + 1 : 0;
        const end = n + 20;
        // Tied to the signal as a fetch's body is: an abort errors it.
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            signal.addEventListener('abort', () => controller.error(signal.reason), { once: true });
          },
          async pull(controller) {
            if (n >= end) return new Promise<void>(() => {}); // open, nothing more
            await sleep(2);
            controller.enqueue(encoder.encode(`${JSON.stringify({ n: n++ })}\n`));
          },
          cancel() {
            connection.cancelled = true;
          },
        });
        return new Response(body);
      };
    },
  };
}
type TickServer = ReturnType<typeof tickServer>;

let stream: UseStreamResult<Tick> | null = null;
function StreamHook({ server, token }: { server: TickServer; token: string }) {
  beginRender();
  const result = useStream<Tick>({
    request: server.request(token),
    format: 'ndjson',
    resume: { key: (tick) => tick.n },
  });
  endRender();
  stream = result;
  return <output data-testid="stream">{result.items.map((tick) => tick.n).join(',')}</output>;
}

const streamText = () => document.querySelector('[data-testid="stream"]')?.textContent ?? null;
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i).join(',');

describe('useStream lifecycle', () => {
  it('under StrictMode opens one connection, reads it, and leaves nothing after unmount', async () => {
    const client = new QueryClient();
    const server = tickServer();
    const baseline = live(client);
    const view = mount(
      <StrictMode>
        <StreamHook server={server} token="t" />
      </StrictMode>,
    );
    await vi.waitFor(() => expect(streamText()).toBe(upTo(20)));
    expect(server.connections).toHaveLength(1);
    expect(server.open()).toBe(1);
    expect(probe.duringRender).toEqual([]);
    view.unmount();
    await settled();
    expect(server.open()).toBe(0);
    expect(server.connections[0]?.signal.aborted).toBe(true);
    expect(live(client)).toEqual(baseline);
    expect(await quiet()).toEqual({});
  });

  it('a render React discards (a sibling suspends, or throws) opens no connection', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const client = new QueryClient();
    const server = tickServer();
    const baseline = live(client);
    const gate = makeGate();
    mount(
      <Tree client={client}>
        <StreamHook server={server} token="t" />
        <Sibling gate={gate} />
      </Tree>,
    );
    await vi.waitFor(() => expect(document.querySelector('[data-testid="fallback"]')).not.toBeNull());
    await sleep(200);
    expect(server.connections).toHaveLength(0);
    gate.open();
    await vi.waitFor(() => expect(streamText()).toBe(upTo(20)));
    expect(server.connections).toHaveLength(1);
    cleanup();
    await settled();
    mount(
      <Tree client={client}>
        <StreamHook server={server} token="thrown" />
        <Sibling error={new Error('sibling failed')} />
      </Tree>,
    );
    await vi.waitFor(() => expect(document.querySelector('[data-testid="caught"]')).not.toBeNull());
    await settled();
    expect(server.connections.map((c) => c.token)).toEqual(['t']);
    expect(server.open()).toBe(0);
    expect(live(client)).toEqual(baseline);
    expect(probe.duringRender).toEqual([]);
    expect(await quiet()).toEqual({});
  });

  it('a new request closure is used for the next connection; the controls keep their identity', async () => {
    const server = tickServer();
    const view = mount(<StreamHook server={server} token="t1" />);
    await vi.waitFor(() => expect(streamText()).toBe(upTo(20)));
    const names = ['pause', 'resume', 'restart', 'retry', 'close'] as const;
    const first = Object.fromEntries(names.map((name) => [name, stream?.[name]]));
    view.rerender(<StreamHook server={server} token="t2" />);
    for (let step = 0; step < 100; step++) {
      view.rerender(<StreamHook server={server} token="t2" />);
      for (const name of names) expect(stream?.[name], name).toBe(first[name]);
    }
    expect(server.connections.map((c) => c.token)).toEqual(['t1']); // the open one is kept
    stream?.restart();
    await vi.waitFor(() => expect(server.connections.map((c) => c.token)).toEqual(['t1', 't2']));
    await vi.waitFor(() => expect(streamText()).toBe(upTo(20)));
    expect(server.open()).toBe(1);
    for (const name of names) expect(stream?.[name], name).toBe(first[name]);
  });

  it.skipIf(Activity === undefined)(
    '<Activity> hidden stops reading (the connection aborted); visible resumes from the last id on one connection',
    async () => {
      const Shown = Activity as NonNullable<typeof Activity>;
      const client = new QueryClient();
      const server = tickServer();
      const baseline = live(client);
      const ui = (mode: 'visible' | 'hidden') => (
        <Shown mode={mode}>
          <StreamHook server={server} token="t" />
        </Shown>
      );
      const view = mount(ui('visible'));
      await vi.waitFor(() => expect(streamText()).toBe(upTo(20)));
      view.rerender(ui('hidden'));
      await settled();
      expect(server.open()).toBe(0);
      expect(live(client)).toEqual(baseline);
      expect(await quiet(200)).toEqual({});
      view.rerender(ui('visible'));
      await vi.waitFor(() => expect(server.connections).toHaveLength(2));
      expect(server.connections[1]?.lastId).toBe(19);
      await vi.waitFor(() => expect(streamText()).toBe(upTo(40)));
      expect(server.open()).toBe(1);
      view.unmount();
      await settled();
      expect(server.open()).toBe(0);
      expect(live(client)).toEqual(baseline);
    },
  );
});

// ── useStreamLog (a Worker per log, against the mock server) ───────────────────────────────────

type Event = ReturnType<typeof streamEvent>;

let log: UseStreamLogResult<Event> | null = null;
function LogHook({ url }: { url: string }) {
  beginRender();
  const result = useStreamLog<Event>({ url, pageSize: 50 });
  endRender();
  log = result;
  return <output data-testid="log">{result.count}</output>;
}

describe('useStreamLog lifecycle', () => {
  const url = () => `/api/stream?count=400&rate=0&lifecycle=${Math.random()}`;

  it('starts no Worker or fetch in render; under StrictMode one log stays and unmount terminates it', async () => {
    await startMockWorker();
    const client = new QueryClient();
    const baseline = live(client);
    const view = mount(
      <StrictMode>
        <LogHook url={url()} />
      </StrictMode>,
    );
    await vi.waitFor(() => expect(log?.status).toBe('ended'), { timeout: 10_000 });
    expect(log?.count).toBe(400);
    // StrictMode runs the opening effect twice: the log its cleanup was closing is taken back.
    expect(probe.workers).toEqual({ started: 1, terminated: 0 });
    const source = log?.source;
    expect(probe.duringRender).toEqual([]);
    view.unmount();
    await settled();
    expect(live(client)).toEqual(baseline);
    expect(probe.workers.terminated).toBe(probe.workers.started);
    expect(await quiet()).toEqual({});
    expect(source).toBeDefined();
  });

  it('a render React discards starts no Worker; the source keeps its identity across renders', async () => {
    await startMockWorker();
    const gate = makeGate();
    const client = new QueryClient();
    const address = url();
    const view = mount(
      <Tree client={client}>
        <LogHook url={address} />
        <Sibling gate={gate} />
      </Tree>,
    );
    await vi.waitFor(() => expect(document.querySelector('[data-testid="fallback"]')).not.toBeNull());
    await sleep(200);
    expect(probe.workers.started).toBe(0);
    gate.open();
    await vi.waitFor(() => expect(log?.status).toBe('ended'), { timeout: 10_000 });
    const source = log?.source;
    for (let step = 0; step < 100; step++) {
      view.rerender(
        <Tree client={client}>
          <LogHook url={address} />
          <Sibling gate={gate} />
        </Tree>,
      );
      expect(log?.source).toBe(source);
    }
    expect(probe.workers).toEqual({ started: 1, terminated: 0 });
    view.unmount();
    await vi.waitFor(() => expect(probe.workers).toEqual({ started: 1, terminated: 1 })); // a tick later
  });

  it.skipIf(Activity === undefined)(
    '<Activity> hidden closes the log (its Worker terminated); visible opens it again',
    async () => {
      await startMockWorker();
      const Shown = Activity as NonNullable<typeof Activity>;
      const address = url();
      const ui = (mode: 'visible' | 'hidden') => (
        <Shown mode={mode}>
          <LogHook url={address} />
        </Shown>
      );
      const view = mount(ui('visible'));
      await vi.waitFor(() => expect(log?.status).toBe('ended'), { timeout: 10_000 });
      const source = log?.source;
      view.rerender(ui('hidden'));
      await settled();
      expect(probe.workers).toEqual({ started: 1, terminated: 1 });
      expect(await quiet(200)).toEqual({});
      view.rerender(ui('visible'));
      await vi.waitFor(() => expect(log?.status).toBe('ended'), { timeout: 10_000 });
      expect(log?.count).toBe(400);
      expect(log?.source).toBe(source);
      expect(probe.workers).toEqual({ started: 2, terminated: 1 });
      view.unmount();
      await vi.waitFor(() => expect(probe.workers).toEqual({ started: 2, terminated: 2 }));
    },
  );
});
