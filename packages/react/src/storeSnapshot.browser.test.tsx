// useStoreSnapshot (decision 0081): urgent changes render before the task that made them ends,
// deferred ones (appends, stream batches) in a transition, in a later task; the newer snapshot
// always wins; a deferred change shows even while another transition is suspended. Run without
// act(), so React schedules as it does in an app.
import { offsetSource } from '@lazyflow/core';
import { Suspense, startTransition, useRef, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useStoreSnapshot } from './storeSnapshot.ts';
import { AbsoluteRows } from './testing/absoluteRows.tsx';
import { rootsPerTest } from './testing/testRoots.ts';
import { type UseLazyDataResult, useLazyData } from './useLazyData.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

const roots = rootsPerTest({ actEnvironment: false });

/** A store of one number; `set(n, deferred)` announces the change as deferred or urgent. */
function numberStore() {
  let value = 0;
  let deferNow = false;
  const listeners = new Set<() => void>();
  return {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => value,
    deferring: () => deferNow,
    set(next: number, deferred: boolean) {
      value = next;
      deferNow = deferred;
      try {
        for (const listener of [...listeners]) listener();
      } finally {
        deferNow = false;
      }
    },
    listeners: () => listeners.size,
  };
}
type NumberStore = ReturnType<typeof numberStore>;

function Shown({ store }: { store: NumberStore }) {
  const value = useStoreSnapshot(store.subscribe, store.getSnapshot, store.deferring);
  return <output>{value}</output>;
}

/** One of 20 rows, 1.5 ms each: React yields between them, and a newer transition starts it all again. */
function SlowRow({ value }: { value: number }) {
  const until = performance.now() + 1.5;
  while (performance.now() < until) {
    // a row at CPU ×4
  }
  return <i>{value}</i>;
}

const ROW_KEYS = Array.from({ length: 20 }, (_, i) => `row-${i}`);

/** The store's value above 20 slow rows: a render takes ~30 ms, longer than the changes' spacing. */
function SlowRows({ store }: { store: NumberStore }) {
  const value = useStoreSnapshot(store.subscribe, store.getSnapshot, store.deferring);
  return (
    <>
      <output>{value}</output>
      {ROW_KEYS.map((key) => (
        <SlowRow key={key} value={value} />
      ))}
    </>
  );
}

const never = new Promise<never>(() => {});

/** Suspends for good (React 18 and 19 alike). */
function Never(): null {
  throw never;
}

/** `handle.suspend()` starts a transition of the app that never ends (it shows `<Never>`). */
function SuspendingApp({ store, handle }: { store: NumberStore; handle: { suspend?: () => void } }) {
  const [waiting, setWaiting] = useState(false);
  handle.suspend = () => startTransition(() => setWaiting(true));
  return (
    <Suspense fallback={<p>loading</p>}>
      <Shown store={store} />
      {waiting && <Never />}
    </Suspense>
  );
}

const logSource = offsetSource<string>({
  pageSize: 10,
  initialCount: 0,
  fetchPage: async () => ({ items: [] }),
});

/** A log following its end (`anchor: 'end'`), 100 px tall, rows of 20 px; its result in `handle.list`. */
function Log({ handle }: { handle: { list?: UseLazyListResult<string> } }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<string>({
    key: ['append-transition'],
    source: logSource,
    getScrollElement: () => ref.current,
    estimateSize: () => 20,
    anchor: 'end',
  });
  handle.list = list;
  return (
    <div ref={ref} style={{ height: 100, overflow: 'auto' }}>
      <AbsoluteRows list={list} rowHeight={20} text={(item) => item} placeholder="…" />
    </div>
  );
}

/** `useLazyData` on its own (an app's virtualizer draws the rows); renders `count`. */
function Counted({ handle }: { handle: { data?: UseLazyDataResult<string> } }) {
  const data = useLazyData<string>({ key: ['append-transition-data'], source: logSource });
  handle.data = data;
  return <output>{data.count}</output>;
}

const shown = () => roots.container?.querySelector('output')?.textContent;

/** Lets the task's microtasks run (where React renders urgent updates), without ending the task. */
async function microtasks() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function mounted(store: NumberStore) {
  roots.mount(<Shown store={store} />);
  await expect.poll(() => store.listeners()).toBe(1);
  expect(shown()).toBe('0');
}

describe('useStoreSnapshot', () => {
  it('renders an urgent change within the task, a deferred one in a later task', async () => {
    const store = numberStore();
    await mounted(store);
    store.set(1, false);
    await microtasks();
    expect(shown()).toBe('1');
    store.set(2, true);
    await microtasks();
    expect(shown()).toBe('1'); // not rendered inside the task that announced it
    await expect.poll(shown).toBe('2');
  });

  it('shows the newer snapshot whichever way it came, and coalesces deferred ones', async () => {
    const store = numberStore();
    await mounted(store);
    store.set(1, true);
    store.set(2, false); // urgent, after the deferred one: it holds the store's latest value
    await microtasks();
    expect(shown()).toBe('2');
    await sleep(300); // the transition of 1, if any, came and went
    expect(shown()).toBe('2');
    for (let n = 3; n <= 20; n++) store.set(n, true);
    await expect.poll(shown).toBe('20');
    await sleep(300);
    expect(shown()).toBe('20');
  });

  it('commits its transitions while deferred changes come faster than a render (one handed to React at a time)', async () => {
    const store = numberStore();
    const shownValues: string[] = [];
    roots.mount(<SlowRows store={store} />);
    await expect.poll(() => store.listeners()).toBe(1);
    // The fallback (an urgent render 250 ms after a deferred change no commit showed) is counted:
    // it is what shows the changes when transitions starve.
    const realSetTimeout = window.setTimeout;
    let fallbacks = 0;
    const counting = ((callback: () => void, ms?: number) =>
      realSetTimeout(() => {
        if (ms === 250) fallbacks++;
        callback();
      }, ms)) as typeof window.setTimeout;
    window.setTimeout = counting;
    const seen = new MutationObserver(() => shownValues.push(shown() ?? ''));
    seen.observe(roots.container as HTMLElement, { subtree: true, characterData: true, childList: true });
    try {
      for (let n = 1; n <= 100; n++) {
        store.set(n, true);
        await new Promise((resolve) => realSetTimeout(resolve, 2)); // a change every task, ~2 ms apart
      }
      await expect.poll(shown).toBe('100');
    } finally {
      window.setTimeout = realSetTimeout;
      seen.disconnect();
    }
    // Without one at a time, every render started again and only the fallback showed anything.
    expect(fallbacks).toBeLessThanOrEqual(1);
    expect(new Set(shownValues).size).toBeGreaterThan(5);
    const numbers = shownValues.map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b)); // never back to an older one
  });

  it('shows a deferred change while another transition of the app is suspended', async () => {
    const store = numberStore();
    const app: { suspend?: () => void } = {};
    roots.mount(<SuspendingApp store={store} handle={app} />);
    await expect.poll(() => store.listeners()).toBe(1);
    app.suspend?.(); // React keeps what is shown while this transition waits, for good
    await sleep(50);
    store.set(7, true);
    await expect.poll(shown).toBe('7');
    expect(roots.container?.textContent).not.toContain('loading');
  });

  it('lets go of the store on unmount, a deferred change pending', async () => {
    const store = numberStore();
    await mounted(store);
    store.set(1, true);
    roots.root?.unmount();
    expect(store.listeners()).toBe(0);
    store.set(2, true); // nobody listens: nothing is scheduled, nothing throws
    await sleep(300);
    expect(store.listeners()).toBe(0);
  });
});

describe('useLazyList append', () => {
  it('renders appended rows in a later task and follows them at the end', async () => {
    const handle: { list?: UseLazyListResult<string> } = {};
    roots.mount(<Log handle={handle} />);
    const list = () => handle.list;
    await expect.poll(() => list()?.count).toBe(0);
    const rows = () =>
      [...(roots.container?.querySelectorAll('[data-index]') ?? [])].map((row) => row.textContent);
    const batch = (from: number) => Array.from({ length: 30 }, (_, i) => `e${from + i}`);
    expect(list()?.append(batch(0))).toBe(true);
    await microtasks();
    expect(rows()).toEqual([]); // the rows of the batch are not rendered in the task that appended it
    await expect.poll(() => rows().at(-1)).toBe('e29');
    for (let i = 1; i < 10; i++) list()?.append(batch(30 * i)); // one task: one transition at most
    await expect.poll(() => rows().at(-1)).toBe('e299');
    const scroller = roots.container?.firstElementChild as HTMLElement;
    await expect
      .poll(() => scroller.scrollTop + scroller.clientHeight)
      .toBeGreaterThanOrEqual(scroller.scrollHeight - 1); // still at the end
    expect(list()?.count).toBe(300);
  });

  it('useLazyData: an append renders in a later task too', async () => {
    const handle: { data?: UseLazyDataResult<string> } = {};
    roots.mount(<Counted handle={handle} />);
    await expect.poll(shown).toBe('0');
    expect(handle.data?.append(['a', 'b', 'c'])).toBe(true);
    await microtasks();
    expect(shown()).toBe('0');
    await expect.poll(shown).toBe('3');
  });
});
