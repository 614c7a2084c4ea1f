// Test support (not published) for useLazyList's live-options tests
// (useLazyList.liveOptions.*.browser.test.tsx): a fake API whose requests are logged, held, refused
// and aborted, an App that builds its options inline on every render from its props, and what the
// tests read on screen (the rows by data-index and text, the first visible item and where it sits).
// liveOptionsPerTest() gives each test file its React roots (testRoots.ts).
import { eagerSource, offsetSource, QueryClient } from '@lazyflow/core';
import { useEffect, useRef } from 'react';
import { expect, vi } from 'vitest';
import { frames } from '../../../core/src/testing/mountVirtualList.ts';
import { type UseLazyListResult, useLazyList } from '../useLazyList.ts';
import { rootsPerTest, type TestRoots } from './testRoots.ts';

interface Item {
  id: number;
  token: string;
}

let roots: TestRoots;

/**
 * Registers, for the calling test file, the roots the App is mounted in (unmounted after each test;
 * React's act environment off). Call once at the file's top level.
 */
export function liveOptionsPerTest(): void {
  roots = rootsPerTest({ actEnvironment: false });
}

export const VIEWPORT = 600;
export const PAGE = 100;

/**
 * A fake API: answers `{ items, total }` with items tagged by the token the request carried, logs
 * each request as `token@offset`, can hold answers (pages in flight), fail a token (401) and
 * records aborted requests.
 */
export function fakeApi(total = 1_000_000) {
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

export interface Props {
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
  /** `retry.attempts` (default 1: a failure is an error at once), `retryDelayMs` apart. */
  attempts?: number;
  /** `retry`'s base and largest delay (default 300 ms: with full jitter, 150 to 300 ms). */
  retryDelayMs?: number;
}

export let latest: UseLazyListResult<Item> | null = null;
export let renders = 0;

/** Counts the App's renders from 0 again. */
export function resetRenders(): void {
  renders = 0;
}

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
    retry: {
      attempts: props.attempts ?? 1,
      baseDelayMs: props.retryDelayMs ?? 300,
      maxDelayMs: props.retryDelayMs ?? 300,
    },
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

export const scroller = () => roots.container?.querySelector<HTMLElement>('[data-testid="scroller"]') ?? null;
export const rowText = (index: number) =>
  roots.container?.querySelector(`[data-index="${index}"]`)?.textContent;

/** The items whose element intersects the viewport, in reading order, with their top from the viewport's. */
export function visible(): { index: number; top: number }[] {
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
export const firstVisible = () => visible()[0];

/** Waits until `index` is the first item in view, at the viewport's top, loaded with `token`. */
export async function atTop(index: number, token = 't1') {
  await vi.waitFor(() => {
    expect(firstVisible()).toEqual({ index, top: expect.closeTo(0, 0) });
    expect(rowText(index)).toBe(`${index}:${token}`);
  });
}

/** Mounts the app and waits for row 0; returns a `render(more props)` that keeps the rest. */
export async function start(props: Omit<Props, 'listKey' | 'queryClient'>) {
  let current: Props = { ...props, listKey: `live-${Math.random()}`, queryClient: new QueryClient() };
  roots.mount(<App {...current} />);
  await vi.waitFor(() => expect(rowText(0)).toBe(props.eager ? '0:v1' : '0:t1'));
  return (change: Partial<Props>) => {
    current = { ...current, ...change };
    roots.root?.render(<App {...current} />);
  };
}

/** Lets the list settle: a few frames and a task (answers, scroll settling, published stats). */
export async function settle() {
  await frames(3);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await frames(2);
}

export const DEEP = 600_000;
