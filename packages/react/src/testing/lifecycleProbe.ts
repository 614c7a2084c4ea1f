// Test support (not published) for the hooks' lifecycle tests (hooksLifecycle.*.browser.test.tsx):
// the page's globals wrapped to count what a hook starts (timers, frames, fetch, Worker, IndexedDB,
// event listeners, ResizeObserver) and what is still running, and a server whose page requests are
// counted. `install()` wraps, `uninstall()` puts the page's own back: lifecyclePerTest() in
// lifecycleHarness.tsx calls them around each test of the file that calls it.
import type { OffsetFetchParams, QueryClient } from '@lazyflow/core';
import { onlineManager } from '@tanstack/query-core';
import type { ComponentType, ReactNode } from 'react';
import * as ReactModule from 'react';
import { expect } from 'vitest';

// ── the page's globals, wrapped ────────────────────────────────────────────────────────────────

/** React 19's <Activity>; undefined under React 18 (the browser-react18 project). */
export const Activity = (
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
export const sleep = (ms: number) =>
  new Promise<void>((resolve) => real.setTimeout.call(globalThis, resolve, ms));
export const frame = () =>
  new Promise<void>((resolve) => real.requestAnimationFrame.call(globalThis, () => resolve()));

/**
 * Set while a test component calls its hook (the hook's part of the render): `beginRender()` before
 * the call, `endRender()` after it; a hook that throws (suspends) is ended by the microtask.
 */
let rendering = 0;
export function beginRender(): void {
  rendering += 1;
  queueMicrotask(() => {
    rendering = 0;
  });
}
export function endRender(): void {
  rendering = Math.max(0, rendering - 1);
}

/** Ends every render begun (a sibling rendered past the hooks: see lifecycleHarness.tsx's Sibling). */
export function endRenders(): void {
  rendering = 0;
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
export const probe = {
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

export function install(): void {
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

export function uninstall(): void {
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
export function clientHolds(client: QueryClient): { listeners: number; observers: number } {
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
export function live(client: QueryClient, server?: Server) {
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
export async function quietFor(ms: number): Promise<Record<string, number>> {
  const before = new Map(probe.calls);
  await sleep(ms);
  const started: Record<string, number> = {};
  for (const [call, n] of probe.calls) {
    const since = n - (before.get(call) ?? 0);
    if (since > 0 && call !== 'addEventListener') started[call] = since;
  }
  return started;
}

// ── a server whose requests are counted ────────────────────────────────────────────────────────

export interface Item {
  readonly id: number;
  readonly token: string;
}

export const PAGE = 20;
const TOTAL = 10_000;
export const ROW = 30;

/**
 * Page requests as `${token}@${offset}`; each answers a task later, or, once `hold()` was called,
 * when `release(token)` lets that token's requests (later ones too) through.
 */
export function makeServer() {
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
export type Server = ReturnType<typeof makeServer>;

/** Every page requested once (per token and offset). */
export function expectOnePerPage(server: Server) {
  expect(server.calls.length).toBeGreaterThan(0);
  expect(server.calls).toEqual([...new Set(server.calls)]);
}
