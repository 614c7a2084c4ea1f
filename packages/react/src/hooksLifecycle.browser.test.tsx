// Issue #15 item 2, checked for every hook (useLazyList, useLazyGrid, useLazyData, useWindow,
// useSuspenseLazyList, <LazyList>, useStream, useStreamLog): a hook is an adapter. Nothing is
// fetched, subscribed, timed or opened while React renders; StrictMode opens one request per
// page; <Activity> (React 19), unmount, a `key` change, a render React discards (a sibling that
// suspends or throws after the hook ran) and a transition leave no subscription, timer, request,
// Worker or stream behind; a new fetchPage closure is used for the next page; the controls keep
// their identity for the engine's life. Leaks are counted by wrapping the page's globals (timers,
// frames, fetch, Worker, IndexedDB, event listeners, ResizeObserver) and the QueryClient's caches.
import { idbCache, type OffsetFetchParams, offsetSource, type PageCache, QueryClient } from '@lazyflow/core';
import type { streamEvent } from '@lazyflow/mocks';
import { startMockWorker } from '@lazyflow/mocks/browser';
import { onlineManager } from '@tanstack/query-core';
import { cleanup, render } from '@testing-library/react';
import * as ReactModule from 'react';
import {
  Component,
  type ComponentType,
  createRef,
  type ReactNode,
  StrictMode,
  Suspense,
  startTransition,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LazyList, type LazyListHandle } from './components/LazyList.tsx';
import { LazyflowProvider } from './queryClient.ts';
import { AbsoluteRows } from './testing/absoluteRows.tsx';
import { useLazyData } from './useLazyData.ts';
import { useLazyGrid } from './useLazyGrid.ts';
import { useLazyList } from './useLazyList.ts';
import { type UseStreamResult, useStream } from './useStream.ts';
import { type UseStreamLogResult, useStreamLog } from './useStreamLog.ts';
import { useSuspenseLazyList } from './useSuspenseLazyList.ts';
import { useWindow } from './useWindow.ts';

// ── the page's globals, wrapped ────────────────────────────────────────────────────────────────

/** React 19's <Activity>; undefined under React 18 (the browser-react18 project). */
const Activity = (
  ReactModule as { Activity?: ComponentType<{ mode: 'visible' | 'hidden'; children?: ReactNode }> }
).Activity;

const real = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  requestAnimationFrame: globalThis.requestAnimationFrame,
  requestIdleCallback: globalThis.requestIdleCallback,
  fetch: globalThis.fetch,
  Worker: globalThis.Worker,
  ResizeObserver: globalThis.ResizeObserver,
  open: IDBFactory.prototype.open,
  addEventListener: EventTarget.prototype.addEventListener,
  removeEventListener: EventTarget.prototype.removeEventListener,
};

/** Waits with the page's own timer (not counted). */
const sleep = (ms: number) => new Promise<void>((resolve) => real.setTimeout.call(globalThis, resolve, ms));
const frame = () =>
  new Promise<void>((resolve) => real.requestAnimationFrame.call(globalThis, () => resolve()));

/**
 * Set while a test component calls its hook (the hook's part of the render): `beginRender()` before
 * the call, `endRender()` after it; a hook that throws (suspends) is ended by the microtask.
 */
let rendering = 0;
function beginRender(): void {
  rendering += 1;
  queueMicrotask(() => {
    rendering = 0;
  });
}
function endRender(): void {
  rendering = Math.max(0, rendering - 1);
}

type Call =
  | 'setTimeout'
  | 'setInterval'
  | 'requestAnimationFrame'
  | 'requestIdleCallback'
  | 'fetch'
  | 'Worker'
  | 'indexedDB.open'
  | 'addEventListener'
  | 'ResizeObserver.observe';

interface Listener {
  readonly target: EventTarget;
  readonly type: string;
  readonly listener: unknown;
  readonly capture: boolean;
}

/** What the wrapped globals saw since `install()`. */
const probe = {
  calls: new Map<Call, number>(),
  /** Calls made while a hook ran in render (should stay empty). */
  duringRender: [] as string[],
  liveIntervals: new Set<unknown>(),
  listeners: new Set<Listener>(),
  /** Elements React roots were made on (React's own listeners, left out). */
  roots: new Set<EventTarget>(),
  observed: new Map<ResizeObserver, Set<Element>>(),
  workers: { started: 0, terminated: 0 },
  /** Fetches by the page (streams), with their signals. */
  fetches: [] as { url: string; signal: AbortSignal | null | undefined; done: boolean }[],
};

function count(call: Call): void {
  probe.calls.set(call, (probe.calls.get(call) ?? 0) + 1);
  if (rendering > 0) probe.duringRender.push(call);
}

function install(): void {
  probe.calls.clear();
  probe.duringRender.length = 0;
  probe.liveIntervals.clear();
  probe.listeners.clear();
  probe.roots.clear();
  probe.observed.clear();
  probe.workers = { started: 0, terminated: 0 };
  probe.fetches.length = 0;
  const g = globalThis as Record<string, unknown>;
  g.setTimeout = (...args: Parameters<typeof setTimeout>) => {
    count('setTimeout');
    return real.setTimeout.apply(globalThis, args);
  };
  g.setInterval = (...args: Parameters<typeof setInterval>) => {
    count('setInterval');
    const id = real.setInterval.apply(globalThis, args);
    probe.liveIntervals.add(id);
    return id;
  };
  g.clearInterval = (id: ReturnType<typeof setInterval> | undefined) => {
    probe.liveIntervals.delete(id);
    real.clearInterval.call(globalThis, id);
  };
  g.requestAnimationFrame = (callback: FrameRequestCallback) => {
    count('requestAnimationFrame');
    return real.requestAnimationFrame.call(globalThis, callback);
  };
  if (real.requestIdleCallback)
    g.requestIdleCallback = (...args: Parameters<typeof requestIdleCallback>) => {
      count('requestIdleCallback');
      return real.requestIdleCallback.apply(globalThis, args);
    };
  g.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    count('fetch');
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const entry = {
      url,
      signal: init?.signal ?? (input instanceof Request ? input.signal : null),
      done: false,
    };
    probe.fetches.push(entry);
    return real.fetch.call(globalThis, input, init);
  };
  g.Worker = class extends real.Worker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      count('Worker');
      probe.workers.started += 1;
    }
    override terminate() {
      probe.workers.terminated += 1;
      super.terminate();
    }
  };
  g.ResizeObserver = class extends real.ResizeObserver {
    override observe(target: Element, options?: ResizeObserverOptions) {
      count('ResizeObserver.observe');
      const set = probe.observed.get(this) ?? new Set<Element>();
      set.add(target);
      probe.observed.set(this, set);
      super.observe(target, options);
    }
    override unobserve(target: Element) {
      probe.observed.get(this)?.delete(target);
      super.unobserve(target);
    }
    override disconnect() {
      probe.observed.delete(this);
      super.disconnect();
    }
  };
  IDBFactory.prototype.open = function open(this: IDBFactory, name: string, version?: number) {
    count('indexedDB.open');
    return real.open.call(this, name, version);
  };
  EventTarget.prototype.addEventListener = function add(
    this: EventTarget,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ) {
    const tracked = this === window || this === document || this instanceof Element;
    if (tracked && listener !== null && !(typeof options === 'object' && options.once)) {
      count('addEventListener');
      const capture = typeof options === 'boolean' ? options : options?.capture === true;
      const record = { target: this, type, listener, capture };
      const same = [...probe.listeners].some(
        (l) => l.target === this && l.type === type && l.listener === listener && l.capture === capture,
      );
      if (!same) probe.listeners.add(record);
      if (typeof options === 'object' && options.signal)
        options.signal.addEventListener('abort', () => probe.listeners.delete(record));
    }
    real.addEventListener.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function remove(
    this: EventTarget,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ) {
    const capture = typeof options === 'boolean' ? options : options?.capture === true;
    for (const l of probe.listeners)
      if (l.target === this && l.type === type && l.listener === listener && l.capture === capture)
        probe.listeners.delete(l);
    real.removeEventListener.call(this, type, listener, options);
  };
}

function uninstall(): void {
  Object.assign(globalThis, {
    setTimeout: real.setTimeout,
    setInterval: real.setInterval,
    clearInterval: real.clearInterval,
    requestAnimationFrame: real.requestAnimationFrame,
    fetch: real.fetch,
    Worker: real.Worker,
    ResizeObserver: real.ResizeObserver,
  });
  if (real.requestIdleCallback) globalThis.requestIdleCallback = real.requestIdleCallback;
  IDBFactory.prototype.open = real.open;
  EventTarget.prototype.addEventListener = real.addEventListener;
  EventTarget.prototype.removeEventListener = real.removeEventListener;
}

/** Listeners the hooks left on the window, the document or an element (React's root ones left out). */
function liveListeners(): string[] {
  return (
    [...probe.listeners]
      .filter((l) => !probe.roots.has(l.target))
      // React DOM's own, added once per document with the first root.
      .filter((l) => !(l.target === document && l.type === 'selectionchange'))
      .map((l) => {
        const target = l.target === window ? 'window' : l.target === document ? 'document' : 'element';
        return `${target}:${l.type}`;
      })
      .sort()
  );
}

/** Subscriptions held in a QueryClient: cache listeners and query observers. */
function clientHolds(client: QueryClient): { listeners: number; observers: number } {
  const cache = client.getQueryCache() as unknown as { listeners: Set<unknown> };
  const observers = client
    .getQueryCache()
    .getAll()
    .reduce((sum, query) => sum + query.getObserversCount(), 0);
  return { listeners: cache.listeners.size, observers };
}

const onlineListeners = () => (onlineManager as unknown as { listeners: Set<unknown> }).listeners.size;

/**
 * What is still running: intervals, observers, listeners, the client's subscriptions, requests
 * that neither ended nor were aborted.
 */
function live(client: QueryClient, server?: Server) {
  return {
    intervals: probe.liveIntervals.size,
    resizeObservers: [...probe.observed.values()].filter((targets) => targets.size > 0).length,
    listeners: liveListeners(),
    client: clientHolds(client),
    online: onlineListeners(),
    openRequests: server?.open() ?? 0,
    workers: probe.workers.started - probe.workers.terminated,
  };
}

/** Nothing scheduled anything during `ms` (timers, frames, idle callbacks, fetches, Workers). */
async function quietFor(ms: number): Promise<Record<string, number>> {
  const before = new Map(probe.calls);
  await sleep(ms);
  const started: Record<string, number> = {};
  for (const [call, n] of probe.calls) {
    const since = n - (before.get(call) ?? 0);
    if (since > 0 && call !== 'addEventListener') started[call] = since;
  }
  return started;
}

beforeEach(() => {
  install();
  latest = null;
});
afterEach(async () => {
  cleanup();
  await sleep(50); // teardowns a task after the unmount, before the next test's baseline
  uninstall();
  vi.restoreAllMocks();
});

// ── a server whose requests are counted ────────────────────────────────────────────────────────

interface Item {
  readonly id: number;
  readonly token: string;
}

const PAGE = 20;
const TOTAL = 10_000;
const ROW = 30;

/**
 * Page requests as `${token}@${offset}`; each answers a task later, or, once `hold()` was called,
 * when `release(token)` lets that token's requests (later ones too) through.
 */
function makeServer() {
  let gated = false;
  const released = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const pending = new Map<AbortSignal, string>();
  const server = {
    calls: [] as string[],
    /** Requests (of `token`, or all) neither answered nor aborted. */
    open: (token?: string) =>
      [...pending].filter(([signal, of]) => !signal.aborted && (token === undefined || of === token)).length,
    /** Later requests wait for `release()`. */
    hold() {
      gated = true;
    },
    release(token: string) {
      released.add(token);
      for (const resume of waiting.get(token) ?? []) resume();
      waiting.delete(token);
    },
    page(token: string, offset: number, limit: number) {
      const end = Math.min(TOTAL, offset + limit);
      return Array.from({ length: end - offset }, (_, i) => ({ id: offset + i, token }));
    },
    fetchPage(token: string) {
      return async ({ offset, limit, signal }: OffsetFetchParams) => {
        server.calls.push(`${token}@${offset}`);
        pending.set(signal, token);
        try {
          await new Promise<void>((resolve, reject) => {
            signal.addEventListener('abort', () => reject(signal.reason), { once: true });
            if (gated && !released.has(token)) waiting.set(token, [...(waiting.get(token) ?? []), resolve]);
            else real.setTimeout.call(globalThis, resolve, 1);
          });
          return { items: server.page(token, offset, limit), total: TOTAL };
        } finally {
          pending.delete(signal);
        }
      };
    },
  };
  return server;
}
type Server = ReturnType<typeof makeServer>;

/** Every page requested once (per token and offset). */
function expectOnePerPage(server: Server) {
  expect(server.calls.length).toBeGreaterThan(0);
  expect(server.calls).toEqual([...new Set(server.calls)]);
}

// ── one component per hook ─────────────────────────────────────────────────────────────────────

interface HookProps {
  listKey: string;
  token: string;
  server: Server;
  /** The first row asked for: scrolled to, or the range's start. */
  from?: number;
  cache?: PageCache;
}

/** What the hook returned in the last render. */
let latest: Record<string, unknown> | null = null;

const listOptions = (p: HookProps) => ({
  key: ['lifecycle', p.listKey],
  source: offsetSource<Item>({ pageSize: PAGE, fetchPage: p.server.fetchPage(p.token) }),
  prefetch: 0,
  overscan: 2,
  cache: p.cache,
  estimateSize: () => ROW,
});

const text = (item: Item) => `${item.id}:${item.token}`;

function ListHook(p: HookProps) {
  const ref = useRef<HTMLDivElement>(null);
  beginRender();
  const list = useLazyList<Item>({ ...listOptions(p), getScrollElement: () => ref.current });
  endRender();
  latest = list as unknown as Record<string, unknown>;
  return (
    <div ref={ref} data-testid="scroller" style={{ height: 300, overflow: 'auto' }}>
      <AbsoluteRows list={list} rowHeight={ROW} text={text} placeholder="…" />
    </div>
  );
}

function SuspenseListHook(p: HookProps) {
  const ref = useRef<HTMLDivElement>(null);
  beginRender();
  const list = useSuspenseLazyList<Item>({ ...listOptions(p), getScrollElement: () => ref.current });
  endRender();
  latest = list as unknown as Record<string, unknown>;
  return (
    <div ref={ref} data-testid="scroller" style={{ height: 300, overflow: 'auto' }}>
      <AbsoluteRows list={list} rowHeight={ROW} text={text} placeholder="…" />
    </div>
  );
}

function GridHook(p: HookProps) {
  const ref = useRef<HTMLDivElement>(null);
  beginRender();
  const grid = useLazyGrid<Item>({
    ...listOptions(p),
    getScrollElement: () => ref.current,
    columns: { count: 3, estimateWidth: 100 },
  });
  endRender();
  latest = grid as unknown as Record<string, unknown>;
  return (
    <div ref={ref} data-testid="scroller" {...grid.gridProps} style={{ height: 300, overflow: 'auto' }}>
      <div style={{ height: grid.totalSize, width: grid.totalWidth, position: 'relative' }}>
        {grid.rows.map((row) => (
          <div key={row.key} {...grid.rowProps(row)}>
            {row.state.status === 'loaded' ? text(row.state.item) : '…'}
          </div>
        ))}
      </div>
    </div>
  );
}

function DataHook(p: HookProps) {
  const from = p.from ?? 0;
  beginRender();
  const data = useLazyData<Item>(listOptions(p));
  endRender();
  latest = data as unknown as Record<string, unknown>;
  const { followRange } = data;
  useLayoutEffect(() => followRange(from, from + 10));
  return (
    <div>
      {Array.from({ length: 10 }, (_, i) => from + i).map((index) => {
        const state = data.getItem(index);
        return (
          <div key={index} data-index={index}>
            {state.status === 'loaded' ? text(state.item) : '…'}
          </div>
        );
      })}
    </div>
  );
}

function WindowHook(p: HookProps) {
  const from = p.from ?? 0;
  beginRender();
  const window = useWindow<Item>({ ...listOptions(p), range: { from, to: from + 10 } });
  endRender();
  latest = window as unknown as Record<string, unknown>;
  return (
    <div>
      {window.items.map((item) => (
        <div key={item.id} data-index={item.id}>
          {text(item)}
        </div>
      ))}
    </div>
  );
}

const handle = createRef<LazyListHandle<Item>>();
function ListComponent(p: HookProps) {
  latest = { handle: handle.current };
  return (
    <LazyList<Item>
      ref={handle}
      queryKey={['lifecycle', p.listKey]}
      source={offsetSource<Item>({ pageSize: PAGE, fetchPage: p.server.fetchPage(p.token) })}
      prefetch={0}
      overscan={2}
      cache={p.cache}
      itemSize={ROW}
      height={300}
      renderItem={text}
    />
  );
}

interface Harness {
  readonly name: string;
  readonly Hook: ComponentType<HookProps>;
  /** Moves to row `from`: a scroll, or (`prop`) the `from` prop. */
  readonly moves: 'scroll' | 'prop';
  /** Fetches while suspended (the pages its first render needs). */
  readonly suspends?: boolean;
  /** The controls that keep their identity, read from the last result. */
  readonly controls: (result: Record<string, unknown>) => Record<string, unknown>;
}

const LIST_CONTROLS = [
  'scrollToIndex',
  'measureElement',
  'saveScroll',
  'onKeyDown',
  'focusIndex',
  'append',
  'grow',
  'retry',
  'refresh',
  'update',
  'insert',
  'remove',
  'subscribe',
] as const;
const pickControls = (result: Record<string, unknown>, names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, result[name]]));

const HARNESSES: readonly Harness[] = [
  { name: 'useLazyList', Hook: ListHook, moves: 'scroll', controls: (r) => pickControls(r, LIST_CONTROLS) },
  {
    name: 'useSuspenseLazyList',
    Hook: SuspenseListHook,
    moves: 'scroll',
    suspends: true,
    controls: (r) => pickControls(r, LIST_CONTROLS),
  },
  {
    name: 'useLazyGrid',
    Hook: GridHook,
    moves: 'scroll',
    controls: (r) => {
      const grid = r.gridProps as Record<string, unknown>;
      return {
        ...pickControls(
          r,
          LIST_CONTROLS.filter((name) => name !== 'onKeyDown'),
        ),
        measureColumn: r.measureColumn,
        scrollToCell: r.scrollToCell,
        'gridProps.onKeyDown': grid.onKeyDown,
        'gridProps.onFocus': grid.onFocus,
      };
    },
  },
  {
    name: 'useLazyData',
    Hook: DataHook,
    moves: 'prop',
    controls: (r) =>
      pickControls(r, [
        'followRange',
        'append',
        'grow',
        'retry',
        'refresh',
        'update',
        'insert',
        'remove',
        'subscribe',
      ]),
  },
  {
    name: 'useWindow',
    Hook: WindowHook,
    moves: 'prop',
    controls: (r) => pickControls(r, ['retry', 'refresh']),
  },
  {
    name: '<LazyList>',
    Hook: ListComponent,
    moves: 'scroll',
    controls: () => {
      const h = handle.current as unknown as Record<string, unknown> | null;
      return h === null ? {} : { handle: h, ...pickControls(h, Object.keys(h)) };
    },
  },
];

// ── the tree around a hook ─────────────────────────────────────────────────────────────────────

class Boundary extends Component<{ children?: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return <p data-testid="caught">{error instanceof Error ? error.message : String(error)}</p>;
  }
}

/** A sibling that suspends until `gate` resolves, or throws `error` (after the hook beside it ran). */
function Sibling({ gate, error }: { gate?: { promise: Promise<void>; done: boolean }; error?: Error }) {
  // Past the hook: a hook that suspended never reached its endRender() (and React 18 replays a
  // throwing component through a fake event whose listeners are React's, not the hook's).
  rendering = 0;
  if (error) throw error;
  if (gate && !gate.done) throw gate.promise;
  return null;
}

function makeGate() {
  let open = () => {};
  const gate = {
    done: false,
    promise: new Promise<void>((resolve) => {
      open = resolve;
    }),
    open() {
      gate.done = true;
      open();
    },
  };
  return gate;
}

function Tree({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <LazyflowProvider client={client}>
      <Boundary>
        <Suspense fallback={<p data-testid="fallback">loading</p>}>{children}</Suspense>
      </Boundary>
    </LazyflowProvider>
  );
}

/** Renders `node` in a container of its own (React's root listeners on it are left out). */
function mount(node: ReactNode) {
  const container = document.createElement('div');
  document.body.append(container);
  probe.roots.add(container);
  return render(node, { container });
}

const rowText = (index: number) => document.querySelector(`[data-index="${index}"]`)?.textContent;

/** Moves the hook to row `index`: scrolls its scroller, or renders it with `from`. */
async function moveTo(harness: Harness, index: number, rerender: (from: number) => void) {
  if (harness.moves === 'prop') rerender(index);
  else {
    const scroller = document.querySelector<HTMLElement>('[data-testid="scroller"], [data-status]');
    if (scroller) scroller.scrollTop = index * ROW;
  }
}

const quiet = (ms = 300) => quietFor(ms);

/**
 * Until the hook's list subscribed (it watches the client's cache): a scroll before that is
 * another case (see 'a scroll before the hook subscribed').
 */
const subscribed = (client: QueryClient) =>
  vi.waitFor(() => expect(clientHolds(client).listeners).toBeGreaterThan(0));
const settled = () => sleep(150);

interface SwitchState {
  listKey: string;
  token: string;
  hold: boolean;
}
interface SwitcherProps {
  Hook: ComponentType<HookProps>;
  server: Server;
  gate: ReturnType<typeof makeGate>;
  first: SwitchState;
  /** Given the Switcher's state setter. */
  control: { change: (next: SwitchState) => void };
}

/** The hook with a key and token from state, and a sibling that suspends while `hold` is set. */
function Switcher(props: SwitcherProps) {
  const { Hook, server, gate } = props;
  // (Inside the Suspense boundary: a suspended first mount starts its state again.)
  const [state, setState] = useState(props.first);
  props.control.change = setState;
  return (
    <>
      <Hook listKey={state.listKey} token={state.token} server={server} />
      {state.hold && <Sibling gate={gate} />}
    </>
  );
}

// ── every list hook ────────────────────────────────────────────────────────────────────────────

for (const harness of HARNESSES) {
  const { Hook } = harness;
  describe(`${harness.name} lifecycle`, () => {
    it('under StrictMode: one request per page, nothing started in render, nothing left after unmount', async () => {
      const client = new QueryClient();
      const server = makeServer();
      const listKey = `strict-${Math.random()}`;
      const baseline = live(client, server);
      const ui = (from: number) => (
        <StrictMode>
          <Tree client={client}>
            <Hook listKey={listKey} token="t" server={server} from={from} />
          </Tree>
        </StrictMode>
      );
      const view = mount(ui(0));
      await vi.waitFor(() => expect(rowText(0)).toBe('0:t'));
      await subscribed(client);
      await moveTo(harness, 100, (from) => view.rerender(ui(from)));
      await vi.waitFor(() => expect(rowText(100)).toBe('100:t'));
      await settled();
      expectOnePerPage(server);
      expect(server.calls).toContain('t@0');
      expect(server.calls).toContain('t@100');
      expect(probe.duringRender).toEqual([]);
      // The wrapped globals do see the hook's work (so a quiet page after unmount means something).
      expect(probe.calls.get('setTimeout') ?? 0).toBeGreaterThan(0);
      expect(live(client, server)).not.toEqual(baseline);
      view.unmount();
      await settled();
      expect(live(client, server)).toEqual(baseline);
      expect(await quiet()).toEqual({});
    });

    it('unmounting with a request in flight aborts it and leaves nothing running', async () => {
      const client = new QueryClient();
      const server = makeServer();
      const baseline = live(client, server);
      const ui = (from: number) => (
        <Tree client={client}>
          <Hook listKey={`inflight-${Math.random()}`} token="t" server={server} from={from} />
        </Tree>
      );
      const view = mount(ui(0));
      await vi.waitFor(() => expect(rowText(0)).toBe('0:t'));
      await subscribed(client);
      server.hold();
      await moveTo(harness, 100, (from) => view.rerender(ui(from)));
      await vi.waitFor(() => expect(server.calls).toContain('t@100'));
      expect(server.open()).toBeGreaterThan(0);
      view.unmount();
      await settled();
      expect(live(client, server)).toEqual(baseline);
      expect(await quiet()).toEqual({});
    });

    it('a render React discards (a sibling suspends after the hook ran) fetches and subscribes nothing', async () => {
      const client = new QueryClient();
      const server = makeServer();
      const baseline = live(client, server);
      const gate = makeGate();
      mount(
        <Tree client={client}>
          <Hook listKey={`discarded-${Math.random()}`} token="t" server={server} />
          <Sibling gate={gate} />
        </Tree>,
      );
      await vi.waitFor(() => expect(document.querySelector('[data-testid="fallback"]')).not.toBeNull());
      await sleep(200);
      // useSuspenseLazyList loads the first page while suspended (its own promise); nothing else.
      expect(server.calls).toEqual(harness.suspends ? ['t@0'] : []);
      expect(probe.duringRender).toEqual([]);
      if (!harness.suspends) expect(live(client, server)).toEqual(baseline);
      gate.open();
      await vi.waitFor(() => expect(rowText(0)).toBe('0:t'));
      await settled();
      expectOnePerPage(server);
      expect(probe.duringRender).toEqual([]);
    });

    it('a render that throws to an error boundary after the hook ran leaves nothing behind', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const client = new QueryClient();
      const server = makeServer();
      const baseline = live(client, server);
      mount(
        <Tree client={client}>
          <Hook listKey={`thrown-${Math.random()}`} token="t" server={server} />
          <Sibling error={new Error('sibling failed')} />
        </Tree>,
      );
      await vi.waitFor(() =>
        expect(document.querySelector('[data-testid="caught"]')?.textContent).toBe('sibling failed'),
      );
      await settled();
      // useSuspenseLazyList suspends before the sibling throws: it asked for its first page.
      expect(server.calls).toEqual(harness.suspends ? ['t@0'] : []);
      expect(probe.duringRender).toEqual([]);
      expect(live(client, server)).toEqual(baseline);
      expect(await quiet()).toEqual({});
    });

    it('a React key change tears the old instance down (its request aborted); the new one is the only one left', async () => {
      const client = new QueryClient();
      const server = makeServer();
      const baseline = live(client, server);
      const ui = (name: string, from: number) => (
        <Tree client={client}>
          <Hook key={name} listKey={name} token={name} server={server} from={from} />
        </Tree>
      );
      const a = `a-${Math.random()}`;
      const view = mount(ui(a, 0));
      await vi.waitFor(() => expect(rowText(0)).toBe(`0:${a}`));
      await settled();
      const one = live(client, server);
      await subscribed(client);
      server.hold();
      await moveTo(harness, 100, (from) => view.rerender(ui(a, from)));
      await vi.waitFor(() => expect(server.calls).toContain(`${a}@100`));
      expect(server.open(a)).toBeGreaterThan(0);
      const b = `b-${Math.random()}`;
      view.rerender(ui(b, 0));
      await vi.waitFor(() => expect(server.calls).toContain(`${b}@0`));
      await settled();
      // A suspending new instance keeps the old one mounted (hidden, its effects kept, as React
      // does for a Suspense boundary that was showing content) until it commits.
      if (!harness.suspends) expect(server.open(a)).toBe(0); // a's requests were aborted
      expect(server.open(b)).toBeGreaterThan(0);
      server.release(b);
      await vi.waitFor(() => expect(rowText(0)).toBe(`0:${b}`));
      await settled();
      expect(server.open(a)).toBe(0);
      expect(live(client, server)).toEqual(one);
      view.unmount();
      await settled();
      expect(live(client, server)).toEqual(baseline);
      expect(probe.duringRender).toEqual([]);
      expectOnePerPage(server);
    });

    it('a list key changed in a transition held by a suspending sibling: the uncommitted render fetches nothing, the old list is torn down after the commit', async () => {
      const client = new QueryClient();
      const server = makeServer();
      const baseline = live(client, server);
      const gate = makeGate();
      const first = { listKey: `old-${Math.random()}`, token: 'old', hold: false };
      const control = { change: (_: SwitchState) => {} };
      mount(
        <Tree client={client}>
          <Switcher Hook={Hook} server={server} gate={gate} first={first} control={control} />
        </Tree>,
      );
      await vi.waitFor(() => expect(rowText(0)).toBe('0:old'));
      await settled();
      const one = live(client, server);
      startTransition(() => control.change({ listKey: `new-${Math.random()}`, token: 'new', hold: true }));
      await sleep(250);
      expect(rowText(0)).toBe('0:old'); // the transition waits; the old rows stay
      expect(document.querySelector('[data-testid="fallback"]')).toBeNull();
      // useSuspenseLazyList loads its first page for the new key meanwhile (it suspends on it).
      expect(server.calls.filter((call) => call.startsWith('new@'))).toEqual(
        harness.suspends ? ['new@0'] : [],
      );
      gate.open();
      await vi.waitFor(() => expect(rowText(0)).toBe('0:new'));
      await settled();
      expectOnePerPage(server);
      expect(live(client, server)).toEqual(one);
      cleanup();
      await settled();
      expect(live(client, server)).toEqual(baseline);
      expect(probe.duringRender).toEqual([]);
    });

    it('a new fetchPage closure is used for the next page', async () => {
      const client = new QueryClient();
      const server = makeServer();
      const listKey = `closure-${Math.random()}`;
      const ui = (token: string, from: number) => (
        <Tree client={client}>
          <Hook listKey={listKey} token={token} server={server} from={from} />
        </Tree>
      );
      const view = mount(ui('t1', 0));
      await vi.waitFor(() => expect(rowText(0)).toBe('0:t1'));
      view.rerender(ui('t2', 0));
      await settled();
      await subscribed(client);
      await moveTo(harness, 100, (from) => view.rerender(ui('t2', from)));
      await vi.waitFor(() => expect(rowText(100)).toBe('100:t2'));
      expect(server.calls).toContain('t2@100');
      expect(server.calls).not.toContain('t1@100');
      expect(server.calls.filter((call) => call.endsWith('@0'))).toEqual(['t1@0']); // not fetched again
    });

    it('the controls keep their identity across 100 scroll frames', async () => {
      const client = new QueryClient();
      const server = makeServer();
      const listKey = `identity-${Math.random()}`;
      const ui = (from: number) => (
        <Tree client={client}>
          <Hook listKey={listKey} token="t" server={server} from={from} />
        </Tree>
      );
      const view = mount(ui(0));
      await vi.waitFor(() => expect(rowText(0)).toBe('0:t'));
      await subscribed(client);
      const first = harness.controls(latest ?? {});
      const names = Object.keys(first);
      expect(names.length).toBeGreaterThan(1);
      for (const name of names) expect(typeof first[name], name).not.toBe('undefined');
      let results = 0;
      let seen = latest;
      for (let step = 1; step <= 100; step++) {
        await moveTo(harness, step * 3, (from) => view.rerender(ui(from)));
        await frame();
        if (latest !== seen) {
          results += 1;
          seen = latest;
        }
        const now = harness.controls(latest ?? {});
        for (const name of names) expect(now[name], `${name} at frame ${step}`).toBe(first[name]);
      }
      if (harness.name !== '<LazyList>') expect(results).toBeGreaterThan(10); // the result did change
    });

    it.skipIf(Activity === undefined)(
      '<Activity> hidden tears the engine down (nothing running), visible shows the rows again and loads with it',
      async () => {
        const Shown = Activity as NonNullable<typeof Activity>;
        const client = new QueryClient();
        const server = makeServer();
        const listKey = `activity-${Math.random()}`;
        const baseline = live(client, server);
        const ui = (mode: 'visible' | 'hidden', from: number) => (
          <Tree client={client}>
            <Shown mode={mode}>
              <Hook listKey={listKey} token="t" server={server} from={from} />
            </Shown>
          </Tree>
        );
        const view = mount(ui('visible', 0));
        await vi.waitFor(() => expect(rowText(0)).toBe('0:t'));
        await settled();
        const one = live(client, server);
        expect(one).not.toEqual(baseline);
        const before = harness.controls(latest ?? {});
        for (let toggle = 0; toggle < 3; toggle++) {
          view.rerender(ui('hidden', 0));
          await settled();
          expect(live(client, server), `hidden ${toggle}`).toEqual(baseline);
          expect(await quiet(200), `hidden ${toggle}`).toEqual({});
          view.rerender(ui('visible', 0));
          await vi.waitFor(() => expect(rowText(0)).toBe('0:t'));
          await settled();
          expect(live(client, server), `visible ${toggle}`).toEqual(one);
        }
        // A new engine after being hidden: new controls, and they work.
        const after = harness.controls(latest ?? {});
        expect(Object.keys(after)).toEqual(Object.keys(before));
        await subscribed(client);
        await moveTo(harness, 100, (from) => view.rerender(ui('visible', from)));
        await vi.waitFor(() => expect(rowText(100)).toBe('100:t'));
        expect(server.calls.filter((call) => call === 't@100')).toEqual(['t@100']);
        expect(probe.duringRender).toEqual([]);
        view.unmount();
        await settled();
        expect(live(client, server)).toEqual(baseline);
      },
    );
  });
}

// ── with the IndexedDB cache ───────────────────────────────────────────────────────────────────

/** A real idbCache with its reads, scroll reads and subscriptions counted. */
function countedCache() {
  const cache = idbCache({ name: `lifecycle-${Math.random()}` });
  const counts = { reads: [] as number[], loadScroll: 0, subscribed: 0 };
  const counted: Partial<PageCache> = {
    read(key, pages) {
      counts.reads.push(...pages);
      return cache.read(key, pages);
    },
    loadScroll(key) {
      counts.loadScroll += 1;
      return cache.loadScroll(key);
    },
    subscribe(listener) {
      counts.subscribed += 1;
      const stop = cache.subscribe(listener);
      let on = true;
      return () => {
        if (on) counts.subscribed -= 1;
        on = false;
        stop();
      };
    },
  };
  const proxy = new Proxy(cache, {
    get(target, name) {
      if (name in counted) return counted[name as keyof PageCache];
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { cache: proxy, counts };
}

for (const harness of HARNESSES) {
  const { Hook } = harness;
  it(`${harness.name} under StrictMode with an IndexedDB cache: one request and one cache read per page, IndexedDB opened once and never in render, nothing subscribed after unmount`, async () => {
    const client = new QueryClient();
    const server = makeServer();
    const { cache, counts } = countedCache();
    const baseline = live(client, server);
    const view = mount(
      <StrictMode>
        <Tree client={client}>
          <Hook listKey={`cached-${Math.random()}`} token="t" server={server} cache={cache} />
        </Tree>
      </StrictMode>,
    );
    await vi.waitFor(() => expect(rowText(0)).toBe('0:t'));
    await settled();
    expectOnePerPage(server);
    // (useSuspenseLazyList's first page came through its suspense prefetch, into the client.)
    if (!harness.suspends) expect(counts.reads.length).toBeGreaterThan(0);
    expect(counts.reads).toEqual([...new Set(counts.reads)]);
    expect(counts.loadScroll).toBeLessThanOrEqual(1);
    expect(probe.calls.get('indexedDB.open')).toBe(1);
    expect(counts.subscribed).toBeGreaterThan(0);
    expect(probe.duringRender).toEqual([]);
    view.unmount();
    await settled();
    expect(counts.subscribed).toBe(0);
    expect(live(client, server)).toEqual(baseline);
    await cache.flush();
  });
}

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
    // StrictMode runs the opening effect twice: the first log is closed at once.
    expect(probe.workers.started - probe.workers.terminated).toBe(1);
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
    expect(probe.workers).toEqual({ started: 1, terminated: 1 });
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
      expect(probe.workers).toEqual({ started: 2, terminated: 2 });
    },
  );
});
