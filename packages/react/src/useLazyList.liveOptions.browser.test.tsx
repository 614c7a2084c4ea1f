// Issue #15 item 1, pushed by a demanding app: live options (a new fetchPage closure, estimateSize,
// overscan, lanes, gap, memory, prefetch, eagerSource items, enabled) changed while the user is
// deep in a 1,000,000-row list (36,000,000 px: scaled onto the scroll element), while pages are in
// flight, in the same render as a scrollToIndex. Each test reads what is on screen (rows by
// data-index and text, the first visible item and where it sits), what the server was asked, and
// nothing timed.
import { eagerSource, offsetSource, QueryClient } from '@lazyflow/core';
import { useEffect, useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import { rootsPerTest } from './testing/testRoots.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

interface Item {
  id: number;
  token: string;
}

const roots = rootsPerTest({ actEnvironment: false });
const VIEWPORT = 600;
const PAGE = 100;

/**
 * A fake API: answers `{ items, total }` with items tagged by the token the request carried, logs
 * each request as `token@offset`, can hold answers (pages in flight), fail a token (401) and
 * records aborted requests.
 */
function fakeApi(total = 1_000_000) {
  const log: string[] = [];
  const aborted: string[] = [];
  const held: (() => void)[] = [];
  const refused = new Set<string>();
  let holding = false;
  return {
    log,
    aborted,
    refused,
    hold(on: boolean) {
      holding = on;
    },
    /** Answers every held request. */
    release() {
      for (const answer of held.splice(0)) answer();
    },
    get heldCount() {
      return held.length;
    },
    /** Requests for `offset`, any token. */
    asked(offset: number) {
      return log.filter((entry) => entry.endsWith(`@${offset}`)).length;
    },
    fetchPage(
      token: string,
      { offset, limit, signal }: { offset: number; limit: number; signal: AbortSignal },
    ) {
      const tag = `${token}@${offset}`;
      log.push(tag);
      return new Promise<{ items: Item[]; total: number }>((resolve, reject) => {
        const answer = () => {
          if (signal.aborted) return;
          if (refused.has(token)) {
            reject(new Error(`401 for ${token}`));
            return;
          }
          const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
            id: offset + i,
            token,
          }));
          resolve({ items, total });
        };
        signal.addEventListener('abort', () => {
          aborted.push(tag);
          reject(new DOMException('aborted', 'AbortError'));
        });
        if (holding) held.push(answer);
        else setTimeout(answer, 0);
      });
    },
  };
}
type Api = ReturnType<typeof fakeApi>;

interface Props {
  listKey: string;
  queryClient: QueryClient;
  api?: Api;
  token?: string;
  /** eagerSource data instead of the API. */
  eager?: readonly Item[];
  /**
   * Builds the eagerSource array again on every render, as inline code does: the same items
   * (`items.filter(…)`) or copies of them (`items.map((item) => ({ ...item }))`).
   */
  eagerInline?: 'same-items' | 'copies';
  estimate?: number;
  rowHeight?: number;
  overscan?: number;
  lanes?: number;
  gap?: number;
  prefetch?: number;
  maxBytes?: number;
  enabled?: boolean;
  /** Scrolled to in an effect of the render that brings it (an app's `selected` prop). */
  target?: number;
  /** `retry.attempts` (default 1: a failure is an error at once), 300 ms apart. */
  attempts?: number;
}

let latest: UseLazyListResult<Item> | null = null;
let renders = 0;

function App(props: Props) {
  renders += 1;
  const ref = useRef<HTMLDivElement>(null);
  const { api, token = 't1' } = props;
  // A new array per render, up to 300 renders (a render loop fails the test instead of the page).
  const inline = props.eagerInline !== undefined && renders < 300 ? props.eagerInline : undefined;
  const eager =
    inline === 'same-items'
      ? props.eager?.filter(() => true)
      : inline === 'copies'
        ? props.eager?.map((item) => ({ ...item }))
        : props.eager;
  const list = useLazyList<Item>({
    key: [props.listKey],
    queryClient: props.queryClient,
    // Built inline on every render, as apps do: the fetchPage closes over the current token.
    source:
      eager !== undefined
        ? eagerSource(eager, { pageSize: PAGE })
        : offsetSource({
            pageSize: PAGE,
            fetchPage: (request) => (api as Api).fetchPage(token, request),
          }),
    retry: { attempts: props.attempts ?? 1, baseDelayMs: 300, maxDelayMs: 300 },
    prefetch: props.prefetch ?? 0,
    memory: props.maxBytes === undefined ? undefined : { maxBytes: props.maxBytes },
    enabled: props.enabled,
    overscan: props.overscan,
    lanes: props.lanes,
    gap: props.gap,
    getScrollElement: () => ref.current,
    estimateSize: () => props.estimate ?? 36,
  });
  latest = list;
  const { scrollToIndex } = list;
  useEffect(() => {
    if (props.target !== undefined) scrollToIndex(props.target, { align: 'start' });
  }, [scrollToIndex, props.target]);
  const lanes = props.lanes ?? 1;
  return (
    <div ref={ref} data-testid="scroller" style={{ height: VIEWPORT, width: 600, overflow: 'auto' }}>
      <div style={{ height: list.totalSize, position: 'relative' }}>
        {list.rows.map((row) => (
          <div
            key={row.key}
            ref={list.measureElement}
            data-index={row.index}
            style={{
              position: 'absolute',
              top: 0,
              left: `${(100 / lanes) * row.lane}%`,
              width: `${100 / lanes}%`,
              height: props.rowHeight ?? 36,
              transform: `translateY(${row.start}px)`,
            }}
          >
            {row.state.status === 'loaded' ? `${row.state.item.id}:${row.state.item.token}` : '…'}
          </div>
        ))}
      </div>
    </div>
  );
}

const scroller = () => roots.container?.querySelector<HTMLElement>('[data-testid="scroller"]') ?? null;
const rowText = (index: number) => roots.container?.querySelector(`[data-index="${index}"]`)?.textContent;

/** The items whose element intersects the viewport, in reading order, with their top from the viewport's. */
function visible(): { index: number; top: number }[] {
  const box = scroller()?.getBoundingClientRect();
  if (!box) return [];
  const shown: { index: number; top: number; left: number }[] = [];
  for (const element of roots.container?.querySelectorAll<HTMLElement>('[data-index]') ?? []) {
    const rect = element.getBoundingClientRect();
    if (rect.bottom > box.top + 0.5 && rect.top < box.bottom - 0.5 && rect.height > 0)
      shown.push({ index: Number(element.dataset.index), top: rect.top - box.top, left: rect.left });
  }
  shown.sort((a, b) => a.top - b.top || a.left - b.left);
  return shown.map(({ index, top }) => ({ index, top }));
}
const firstVisible = () => visible()[0];

/** Waits until `index` is the first item in view, at the viewport's top, loaded with `token`. */
async function atTop(index: number, token = 't1') {
  await vi.waitFor(() => {
    expect(firstVisible()).toEqual({ index, top: expect.closeTo(0, 0) });
    expect(rowText(index)).toBe(`${index}:${token}`);
  });
}

/** Mounts the app and waits for row 0; returns a `render(more props)` that keeps the rest. */
async function start(props: Omit<Props, 'listKey' | 'queryClient'>) {
  let current: Props = { ...props, listKey: `live-${Math.random()}`, queryClient: new QueryClient() };
  roots.mount(<App {...current} />);
  await vi.waitFor(() => expect(rowText(0)).toBe(props.eager ? '0:v1' : '0:t1'));
  return (change: Partial<Props>) => {
    current = { ...current, ...change };
    roots.root?.render(<App {...current} />);
  };
}

/** Lets the list settle: a few frames and a task (answers, scroll settling, published stats). */
async function settle() {
  await frames(3);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await frames(2);
}

const DEEP = 600_000;

describe('useLazyList live options (issue #15 item 1) in a 1,000,000-row list', () => {
  const changes: [string, Partial<Props>][] = [
    ['overscan 5 -> 15', { overscan: 15 }],
    ['estimateSize 36 -> 50 (rows in view measured at 36)', { estimate: 50 }],
    ['gap 0 -> 6', { gap: 6 }],
    ['prefetch 0 -> 2', { prefetch: 2 }],
    ['memory.maxBytes lowered to 1 byte', { maxBytes: 1 }],
    ['a new fetchPage closure (token t2)', { token: 't2' }],
    ['enabled -> false', { enabled: false }],
  ];
  for (const [name, change] of changes) {
    it(`deep in the scaled list, ${name}: the first visible item stays at the top, its page is not refetched, scrolling goes on from there`, async () => {
      const api = fakeApi();
      const render = await start({ api });
      latest?.scrollToIndex(DEEP, { align: 'start' });
      await atTop(DEEP);
      await settle();
      expect(latest?.scaled).toBe(true);
      expect(api.asked(DEEP)).toBe(1);
      const rows = latest?.rows.length ?? 0;
      render(change);
      await settle();
      expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
      expect(rowText(DEEP)).toBe(`${DEEP}:t1`); // the loaded page is kept…
      expect(rowText(DEEP + 10)).toBe(`${DEEP + 10}:t1`);
      expect(api.asked(DEEP)).toBe(1); // …and not asked again
      expect(latest?.scaled).toBe(true);
      if (change.overscan !== undefined) expect(latest?.rows.length).toBe(rows + 20); // 10 more each side
      if (change.gap !== undefined) {
        const starts = new Map(latest?.rows.map((row) => [row.index, row.start]));
        expect((starts.get(DEEP + 1) ?? 0) - (starts.get(DEEP) ?? 0)).toBe(36 + 6);
      }
      // The scroll element still maps onto the list: ten rows down is ten rows down.
      const element = scroller();
      if (element) element.scrollTop += 10 * (36 + (change.gap ?? 0));
      await vi.waitFor(() => expect(firstVisible()).toEqual({ index: DEEP + 10, top: expect.closeTo(0, 0) }));
      await settle();
      expect(rowText(DEEP + 10)).toBe(`${DEEP + 10}:t1`);
      expect(api.asked(DEEP)).toBe(1);
    });
  }

  it('estimateSize changed when rows were measured: measured rows keep their size, the first visible item stays', async () => {
    const api = fakeApi();
    const render = await start({ api, rowHeight: 60 }); // estimated 36, really 60
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    const gapOf = (a: number, b: number) => {
      const starts = new Map(latest?.rows.map((row) => [row.index, row.start]));
      return (starts.get(b) ?? Number.NaN) - (starts.get(a) ?? Number.NaN);
    };
    expect(gapOf(DEEP, DEEP + 5)).toBe(5 * 60);
    const total = latest?.virtualSize ?? 0;
    render({ estimate: 50 });
    await settle();
    expect(latest?.virtualSize).toBeGreaterThan(total + 999_000 * 10); // the unmeasured rows are 50 now
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    expect(gapOf(DEEP, DEEP + 5)).toBe(5 * 60); // the measured ones are still 60
    const element = scroller();
    if (element) element.scrollTop += 5 * 60;
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: DEEP + 5, top: expect.closeTo(0, 0) }));
    expect(api.asked(DEEP)).toBe(1);
  });

  it('lanes 1 -> 3 -> 1 deep in the list keeps the first visible item (the list unscales and scales again)', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    expect(latest?.scaled).toBe(true);
    render({ lanes: 3 });
    await settle();
    // 333,334 rows of 36 px: 12,000,024 px, under the scaling threshold.
    expect(latest?.scaled).toBe(false);
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([DEEP, DEEP + 1, DEEP + 2]);
    expect(latest?.rows.find((row) => row.index === DEEP + 2)?.lane).toBe(2);
    expect(rowText(DEEP + 2)).toBe(`${DEEP + 2}:t1`);
    render({ lanes: 1 });
    await settle();
    expect(latest?.scaled).toBe(true);
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    expect(rowText(DEEP + 1)).toBe(`${DEEP + 1}:t1`);
    expect(api.asked(DEEP)).toBe(1);
    // Scrolling still maps: 20 rows down.
    const element = scroller();
    if (element) element.scrollTop += 20 * 36;
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: DEEP + 20, top: expect.closeTo(0, 0) }));
  });

  it('lanes 1 -> 3 -> 1 at the very end of the list: the last item stays at the bottom', async () => {
    const api = fakeApi();
    const render = await start({ api });
    const last = 999_999;
    latest?.scrollToIndex(last, { align: 'end' });
    const atBottom = () => {
      const shown = visible();
      const lastShown = shown.at(-1);
      expect(lastShown?.index).toBe(last);
      expect((lastShown?.top ?? 0) + 36).toBeCloseTo(VIEWPORT, 0);
      expect(rowText(last)).toBe(`${last}:t1`);
    };
    await vi.waitFor(atBottom);
    await settle();
    render({ lanes: 3 });
    await settle();
    // 999,999 is alone in the last row (333,333), at the bottom.
    expect(latest?.rows.find((row) => row.index === last)?.lane).toBe(0);
    atBottom();
    render({ lanes: 1 });
    await settle();
    atBottom();
    expect(api.asked(999_900)).toBe(1);
  });

  it('lanes 1 -> 3 -> 1 with rows measured at 60 px (estimated 36): the first visible item stays at the top', async () => {
    const api = fakeApi();
    const render = await start({ api, rowHeight: 60 });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    render({ lanes: 3 });
    await settle();
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([DEEP, DEEP + 1, DEEP + 2]);
    render({ lanes: 1 });
    await settle();
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    const starts = new Map(latest?.rows.map((row) => [row.index, row.start]));
    expect((starts.get(DEEP + 3) ?? 0) - (starts.get(DEEP) ?? 0)).toBe(3 * 60);
    expect(api.asked(DEEP)).toBe(1);
  });

  it('gap changed in a 3-lane grid deep in the list: the first visible row stays at the top', async () => {
    const api = fakeApi();
    const render = await start({ api, lanes: 3 });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    render({ gap: 10 });
    await settle();
    expect(visible().slice(0, 3)).toEqual([
      { index: DEEP, top: expect.closeTo(0, 0) },
      { index: DEEP + 1, top: expect.closeTo(0, 0) },
      { index: DEEP + 2, top: expect.closeTo(0, 0) },
    ]);
    const starts = new Map(latest?.rows.map((row) => [row.index, row.start]));
    expect((starts.get(DEEP + 3) ?? 0) - (starts.get(DEEP) ?? 0)).toBe(36 + 10);
    expect(api.asked(DEEP)).toBe(1);
  });

  it('lanes 1 -> 3 -> 1 with an item that is not first in its row at the top: it stays in the first visible row', async () => {
    const api = fakeApi();
    const render = await start({ api });
    const item = DEEP + 1;
    latest?.scrollToIndex(item, { align: 'start' });
    await atTop(item);
    render({ lanes: 3 });
    await settle();
    const firstRow = () => visible().filter((shown) => Math.abs(shown.top - (firstVisible()?.top ?? 0)) < 1);
    expect(firstRow().map((shown) => shown.index)).toContain(item);
    expect(firstVisible()?.top).toBeCloseTo(0, 0);
    render({ lanes: 1 });
    await settle();
    expect(
      visible()
        .slice(0, 2)
        .map((shown) => shown.index),
    ).toContain(item);
    expect(firstVisible()?.top).toBeCloseTo(0, 0);
  });
});

describe('live options changed while pages are in flight', () => {
  it('a new token, more prefetch and more overscan while the visible page is in flight: it is not aborted nor asked again, it lands; pages asked after use the new token', async () => {
    const api = fakeApi();
    const render = await start({ api });
    api.hold(true);
    latest?.scrollToIndex(400_000, { align: 'start' });
    await vi.waitFor(() => expect(api.log).toContain('t1@400000'));
    await vi.waitFor(() => expect(firstVisible()?.index).toBe(400_000));
    expect(rowText(400_000)).toBe('…');
    render({ token: 't2', prefetch: 2, overscan: 10 });
    await settle();
    expect(api.asked(400_000)).toBe(1);
    expect(api.aborted).toEqual([]);
    // Prefetch pages asked after the change carry the new token.
    const after = api.log.slice(api.log.indexOf('t1@400000') + 1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((entry) => entry.startsWith('t2@'))).toBe(true);
    api.hold(false);
    api.release();
    await atTop(400_000, 't1'); // the answer to the request made with t1
    await settle();
    expect(api.asked(400_000)).toBe(1);
    latest?.scrollToIndex(450_000, { align: 'start' });
    await atTop(450_000, 't2');
    expect(api.log).not.toContain('t1@450000');
  });

  it('memory lowered to 1 byte while the visible page is in flight: it still lands and stays', async () => {
    const api = fakeApi();
    const render = await start({ api });
    api.hold(true);
    latest?.scrollToIndex(300_000, { align: 'start' });
    await vi.waitFor(() => expect(api.log).toContain('t1@300000'));
    render({ maxBytes: 1 });
    await settle();
    api.hold(false);
    api.release();
    await atTop(300_000);
    await settle();
    expect(rowText(300_010)).toBe('300010:t1');
    expect(api.asked(300_000)).toBe(1);
  });

  it('memory lowered to 1 byte while prefetch pages are in flight: once they land no page is asked twice', async () => {
    const api = fakeApi();
    const render = await start({ api, prefetch: 2 });
    api.hold(true);
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await vi.waitFor(() => expect(api.heldCount).toBeGreaterThan(2));
    render({ maxBytes: 1 });
    await settle();
    api.hold(false);
    api.release();
    await atTop(DEEP);
    await settle();
    await settle();
    const asked = api.log.length;
    await settle();
    expect(api.log.length).toBe(asked);
    expect(new Set(api.log).size).toBe(api.log.length);
    for (const shown of visible()) expect(rowText(shown.index)).toBe(`${shown.index}:t1`);
  });

  it('a new token while a failed page waits for its retry: the retry is asked with the new token', async () => {
    const api = fakeApi();
    const render = await start({ api, attempts: 2 });
    api.refused.add('t1');
    latest?.scrollToIndex(700_000, { align: 'start' });
    await vi.waitFor(() => expect(api.log).toContain('t1@700000'));
    render({ token: 't2' });
    await atTop(700_000, 't2');
    expect(api.log.filter((entry) => entry.endsWith('@700000'))).toEqual(['t1@700000', 't2@700000']);
  });

  it('lanes changed while the target page of a scrollToIndex is in flight: the target lands at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    api.hold(true);
    latest?.scrollToIndex(300_000, { align: 'start' });
    await vi.waitFor(() => expect(api.log).toContain('t1@300000'));
    render({ lanes: 3 });
    await settle();
    api.hold(false);
    api.release();
    await atTop(300_000);
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([300_000, 300_001, 300_002]);
  });

  it('estimateSize changed while the target page of a scrollToIndex is in flight: the target lands at the top', async () => {
    const api = fakeApi();
    const render = await start({ api, rowHeight: 48 });
    api.hold(true);
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await vi.waitFor(() => expect(api.log).toContain(`t1@${DEEP}`));
    render({ estimate: 48 });
    await settle();
    api.hold(false);
    api.release();
    await atTop(DEEP);
    await settle();
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
  });
});

describe('live options in the same render as a scrollToIndex', () => {
  it('scrollToIndex in a click handler, then lanes 1 -> 3 in the same task: the target is in the first row at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(300_000, { align: 'start' });
    render({ lanes: 3 });
    await atTop(300_000);
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([300_000, 300_001, 300_002]);
    expect(latest?.scaled).toBe(false);
  });

  it('scrollToIndex in a click handler to an item in lane 1, then lanes 1 -> 3: its row is at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(300_001, { align: 'start' });
    render({ lanes: 3 });
    await atTop(300_000);
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([300_000, 300_001, 300_002]);
  });

  it('lanes 3 -> 1 and a scrollToIndex in the same task: the target is the first visible item', async () => {
    const api = fakeApi();
    const render = await start({ api, lanes: 3 });
    latest?.scrollToIndex(750_000, { align: 'start' });
    render({ lanes: 1 });
    await atTop(750_000);
    expect(latest?.scaled).toBe(true);
  });

  it('a smooth scrollToIndex, then lanes 1 -> 3 in the same task: the flight ends with the target row at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(3_000, { align: 'start', behavior: 'smooth' });
    render({ lanes: 3 });
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: 3_000, top: expect.closeTo(0, 0) }), {
      timeout: 8_000,
    });
    await atTop(3_000);
    expect(
      visible()
        .slice(0, 3)
        .map((shown) => shown.index),
    ).toEqual([3_000, 3_001, 3_002]);
  });

  it('a smooth scrollToIndex deep in the scaled list, then estimateSize and overscan in the same task: it lands at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(DEEP, { align: 'start', behavior: 'smooth' });
    render({ estimate: 40, overscan: 10 });
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) }), {
      timeout: 8_000,
    });
    await atTop(DEEP);
  });

  it('a target set by an effect in the render that also changes estimateSize, gap and overscan lands at the top', async () => {
    const api = fakeApi();
    const render = await start({ api });
    render({ target: 800_000, estimate: 50, gap: 4, overscan: 12 });
    await atTop(800_000);
    await settle();
    expect(firstVisible()).toEqual({ index: 800_000, top: expect.closeTo(0, 0) });
    const starts = new Map(latest?.rows.map((row) => [row.index, row.start]));
    expect((starts.get(800_001) ?? 0) - (starts.get(800_000) ?? 0)).toBe(36 + 4);
    expect(api.asked(800_000)).toBe(1);
  });

  it('a target set by an effect in the render that brings a new token: the target page is asked with the new token, once', async () => {
    const api = fakeApi();
    const render = await start({ api });
    render({ token: 't2', target: 900_000 });
    await atTop(900_000, 't2');
    await settle();
    expect(api.log.filter((entry) => entry.endsWith('@900000'))).toEqual(['t2@900000']);
  });
});

describe('memory, prefetch, fetchPage and enabled, live', () => {
  it('memory.maxBytes lowered below what is loaded evicts the rest but never the visible window (two pages in view), and does not thrash', async () => {
    const api = fakeApi();
    const render = await start({ api });
    for (const index of [100_000, 200_000, 300_000]) {
      latest?.scrollToIndex(index, { align: 'start' });
      await atTop(index);
    }
    // Straddle a page boundary: rows 400,090..400,106 are on pages 4000 and 4001.
    latest?.scrollToIndex(400_090, { align: 'start' });
    await atTop(400_090);
    await vi.waitFor(() => expect(rowText(400_100)).toBe('400100:t1'));
    await settle();
    const before = latest?.list.stats.pagesInMemory ?? 0;
    expect(before).toBeGreaterThanOrEqual(5);
    render({ maxBytes: 1 });
    await settle();
    await vi.waitFor(() => expect(latest?.list.stats.pagesInMemory).toBeLessThan(before));
    expect(latest?.list.stats.evictions).toBeGreaterThan(0);
    expect(firstVisible()).toEqual({ index: 400_090, top: expect.closeTo(0, 0) });
    for (const shown of visible()) expect(rowText(shown.index)).toBe(`${shown.index}:t1`);
    const asked = api.log.length;
    await settle();
    await settle();
    expect(api.log.length).toBe(asked); // nothing fetched again and again
    expect(api.asked(400_000)).toBe(1);
    expect(api.asked(400_100)).toBe(1);
    // What went was far: going back there asks for it again.
    latest?.scrollToIndex(100_000, { align: 'start' });
    await atTop(100_000);
    expect(api.asked(100_000)).toBe(2);
  });

  it('memory.maxBytes lowered below the prefetch zone (prefetch 2): the zone is not fetched, evicted and fetched again', async () => {
    const api = fakeApi();
    const render = await start({ api, prefetch: 2 });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    render({ maxBytes: 1 });
    await settle();
    const asked = api.log.length;
    await settle();
    await settle();
    expect(api.log.slice(asked)).toEqual([]);
    expect(new Set(api.log).size).toBe(api.log.length); // no page asked twice
    expect(firstVisible()).toEqual({ index: DEEP, top: expect.closeTo(0, 0) });
    for (const shown of visible()) expect(rowText(shown.index)).toBe(`${shown.index}:t1`);
  });

  it('prefetch raised fetches the new zone only (never the loaded page); lowered and raised again fetches nothing', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(500_000, { align: 'start' });
    await atTop(500_000);
    await settle();
    // The rows in view and the overscan above them: pages 4999 and 5000.
    expect(api.log.slice(1).sort()).toEqual(['t1@499900', 't1@500000']);
    render({ prefetch: 2 });
    await settle();
    const zone = api.log.slice(3);
    expect(zone.length).toBeGreaterThan(0);
    expect(zone).not.toContain('t1@500000');
    expect(zone).not.toContain('t1@499900');
    expect(new Set(zone).size).toBe(zone.length);
    for (const entry of zone) {
      const offset = Number(entry.split('@')[1]);
      expect(Math.abs(offset - 500_000)).toBeLessThanOrEqual(3 * PAGE);
    }
    const asked = api.log.length;
    render({ prefetch: 0 });
    await settle();
    expect(api.log.length).toBe(asked);
    expect(firstVisible()).toEqual({ index: 500_000, top: expect.closeTo(0, 0) });
    render({ prefetch: 2 });
    await settle();
    expect(api.log.slice(asked)).toEqual([]); // the zone is still loaded
    expect(rowText(500_000)).toBe('500000:t1');
  });

  it('a new token after a 401: retry() asks the failed page with the new token and shows it', async () => {
    const api = fakeApi();
    const render = await start({ api });
    api.refused.add('t1');
    latest?.scrollToIndex(700_000, { align: 'start' });
    await vi.waitFor(() =>
      expect(latest?.rows.find((row) => row.index === 700_000)?.state.status).toBe('error'),
    );
    render({ token: 't2' });
    await frames(2);
    latest?.retry();
    await atTop(700_000, 't2');
    expect(api.log.filter((entry) => entry.endsWith('@700000'))).toEqual(['t1@700000', 't2@700000']);
    expect(rowText(0)).toBeUndefined();
  });

  it('a new token, then scrolling within loaded pages asks nothing; the next page is asked with it', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    const asked = api.log.length;
    render({ token: 't2' });
    await settle();
    const element = scroller();
    if (element) element.scrollTop += 40 * 36; // to 600,040: still page 6000
    await vi.waitFor(() => expect(firstVisible()?.index).toBe(DEEP + 40));
    await settle();
    expect(api.log.length).toBe(asked);
    expect(rowText(DEEP + 40)).toBe(`${DEEP + 40}:t1`);
    if (element) element.scrollTop += 60 * 36; // to 600,100: page 6001
    await vi.waitFor(() => expect(rowText(DEEP + 100)).toBe(`${DEEP + 100}:t2`));
    expect(api.log.slice(asked)).toEqual([`t2@${DEEP + 100}`]);
  });

  it('enabled false -> true and a new token in the same render: the pages held while off are asked with the new token', async () => {
    const api = fakeApi();
    const render = await start({ api });
    render({ enabled: false });
    await settle();
    const asked = api.log.length;
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await vi.waitFor(() => expect(firstVisible()?.index).toBe(DEEP));
    await settle();
    expect(api.log.length).toBe(asked);
    render({ enabled: true, token: 't2' });
    await atTop(DEEP, 't2');
    expect(api.log.slice(asked).every((entry) => entry.startsWith('t2@'))).toBe(true);
  });

  it('enabled false deep in the list: loaded rows stay, a jump shows placeholders and asks nothing; enabled true asks only the page in view', async () => {
    const api = fakeApi();
    const render = await start({ api });
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP);
    await settle();
    const asked = api.log.length;
    render({ enabled: false });
    await settle();
    expect(rowText(DEEP)).toBe(`${DEEP}:t1`);
    latest?.scrollToIndex(700_000, { align: 'start' });
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: 700_000, top: expect.closeTo(0, 0) }));
    latest?.scrollToIndex(800_000, { align: 'start' });
    await vi.waitFor(() => expect(firstVisible()).toEqual({ index: 800_000, top: expect.closeTo(0, 0) }));
    await settle();
    expect(rowText(800_000)).toBe('…');
    expect(api.log.length).toBe(asked);
    render({ enabled: true });
    await atTop(800_000);
    await settle();
    // The rows in view and the overscan above them; not 700,000, which was passed while off.
    expect(api.log.slice(asked).sort()).toEqual(['t1@799900', 't1@800000']);
    render({ enabled: false });
    await settle();
    latest?.scrollToIndex(DEEP, { align: 'start' });
    await atTop(DEEP); // still in memory: shown while off
    expect(api.log.slice(asked).sort()).toEqual(['t1@799900', 't1@800000']);
  });
});

describe('eagerSource with a new array (other data)', () => {
  const items = (count: number, token: string) => Array.from({ length: count }, (_, id) => ({ id, token }));

  it('a new array of the same length (items edited) shows the new items where the user is', async () => {
    const v1 = items(10_000, 'v1');
    const render = await start({ eager: v1 });
    latest?.scrollToIndex(5_000, { align: 'start' });
    await atTop(5_000, 'v1');
    render({ eager: items(10_000, 'v2') });
    await atTop(5_000, 'v2');
    await settle();
    expect(firstVisible()).toEqual({ index: 5_000, top: expect.closeTo(0, 0) });
    for (const shown of visible()) expect(rowText(shown.index)).toBe(`${shown.index}:v2`);
    expect(latest?.count).toBe(10_000);
  });

  it('a new array deep in a scaled eager list (500,000 items, 18,000,000 px): the new items show where the user is', async () => {
    const render = await start({ eager: items(500_000, 'v1') });
    expect(latest?.scaled).toBe(true);
    latest?.scrollToIndex(300_000, { align: 'start' });
    await atTop(300_000, 'v1');
    render({ eager: items(500_000, 'v2') });
    await atTop(300_000, 'v2');
    await settle();
    expect(firstVisible()).toEqual({ index: 300_000, top: expect.closeTo(0, 0) });
    expect(latest?.scaled).toBe(true);
    const element = scroller();
    if (element) element.scrollTop += 10 * 36;
    await atTop(300_010, 'v2');
  });

  it('a shorter array while the user is past its end: the count follows and the rows shown are the new last ones', async () => {
    const render = await start({ eager: items(10_000, 'v1') });
    latest?.scrollToIndex(5_000, { align: 'start' });
    await atTop(5_000, 'v1');
    render({ eager: items(50, 'v2') });
    await vi.waitFor(() => expect(latest?.count).toBe(50));
    await vi.waitFor(() => expect(rowText(49)).toBe('49:v2'));
    await settle();
    const shown = visible();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.at(-1)?.index).toBe(49);
    for (const { index } of shown) expect(rowText(index)).toBe(`${index}:v2`);
    expect(latest?.rows.every((row) => row.index < 50)).toBe(true);
  });

  it('the same array on every render changes nothing: no reload, the same rows', async () => {
    const v1 = items(10_000, 'v1');
    const render = await start({ eager: v1 });
    latest?.scrollToIndex(5_000, { align: 'start' });
    await atTop(5_000, 'v1');
    await settle();
    const requests = latest?.list.stats.requests ?? 0;
    const rows = latest?.rows;
    for (let i = 0; i < 3; i++) {
      render({ eager: v1 });
      await frames(1);
    }
    await settle();
    expect(latest?.list.stats.requests).toBe(requests);
    expect(latest?.rows).toBe(rows);
  });
});

// A source built inline from an array built inline (`eagerSource(todos.filter(open))` in the
// component that calls useLazyList) brings another array on every render. Each used to reload the
// list, whose snapshot, published in the hook's layout effect, rendered the component again, which
// built another array: React's "Maximum update depth exceeded", the list dead (found by these tests).
describe('eagerSource built from a new but equal array on every render', () => {
  for (const kind of ['same-items', 'copies'] as const) {
    it(`comes to rest with ${kind === 'same-items' ? 'the same items (filter)' : 'copies of the items (map to new objects)'}: renders stop, rows stay loaded, no reload`, async () => {
      const v1 = Array.from({ length: 1_000 }, (_, id) => ({ id, token: 'v1' }));
      renders = 0;
      const render = await start({ eager: v1, eagerInline: kind });
      render({ overscan: 6 });
      await settle();
      await settle();
      // The App stops building new arrays after 300 renders: a loop shows here (and as React's
      // "Maximum update depth exceeded") instead of freezing the page.
      expect(renders).toBeLessThan(20);
      expect(rowText(0)).toBe('0:v1');
      // An array of other items is other data: it shows.
      render({ eager: v1.map((item) => ({ ...item, token: 'v2' })) });
      await vi.waitFor(() => expect(rowText(0)).toBe('0:v2'));
      await settle();
      expect(renders).toBeLessThan(40);
    });
  }
});
