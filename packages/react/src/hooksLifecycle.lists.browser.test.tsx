// Issue #15 item 2, checked for every hook (useLazyList, useLazyGrid, useLazyData, useWindow,
// useSuspenseLazyList, <LazyList>, useStream, useStreamLog): a hook is an adapter. Nothing is
// fetched, subscribed, timed or opened while React renders; StrictMode opens one request per
// page; <Activity> (React 19), unmount, a `key` change, a render React discards (a sibling that
// suspends or throws after the hook ran) and a transition leave no subscription, timer, request,
// Worker or stream behind; a new fetchPage closure is used for the next page; the controls keep
// their identity for the engine's life. Leaks are counted by wrapping the page's globals (timers,
// frames, fetch, Worker, IndexedDB, event listeners, ResizeObserver) and the QueryClient's caches.
//
// This file: the list hooks (useLazyList, useSuspenseLazyList, useLazyGrid, useLazyData, useWindow,
// <LazyList>); their harness is testing/lifecycleHarness.tsx and testing/lifecycleProbe.ts.
import { QueryClient } from '@lazyflow/core';
import { cleanup } from '@testing-library/react';
import { StrictMode, startTransition } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  HARNESSES,
  latest,
  lifecyclePerTest,
  makeGate,
  mount,
  moveTo,
  quiet,
  rowText,
  Sibling,
  Switcher,
  type SwitchState,
  settled,
  subscribed,
  Tree,
} from './testing/lifecycleHarness.tsx';
import {
  Activity,
  expectOnePerPage,
  frame,
  live,
  makeServer,
  probe,
  sleep,
} from './testing/lifecycleProbe.ts';

lifecyclePerTest();

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
