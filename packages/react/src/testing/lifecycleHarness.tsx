// Test support (not published) for the hooks' lifecycle tests (hooksLifecycle.*.browser.test.tsx):
// one component per list hook (HARNESSES: the hook, how it moves, its controls), the tree around a
// hook (a Suspense and an error boundary, a sibling that suspends or throws after the hook ran), and
// lifecyclePerTest(), which each test file calls to wrap the page's globals around its tests.
import { offsetSource, type PageCache, type QueryClient } from '@lazyflow/core';
import { cleanup, render } from '@testing-library/react';
import {
  Component,
  type ComponentType,
  createRef,
  type ReactNode,
  Suspense,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { LazyList, type LazyListHandle } from '../components/LazyList.tsx';
import { LazyflowProvider } from '../queryClient.ts';
import { useLazyData } from '../useLazyData.ts';
import { useLazyGrid } from '../useLazyGrid.ts';
import { useLazyList } from '../useLazyList.ts';
import { useSuspenseLazyList } from '../useSuspenseLazyList.ts';
import { useWindow } from '../useWindow.ts';
import { AbsoluteRows } from './absoluteRows.tsx';
import {
  beginRender,
  clientHolds,
  endRender,
  endRenders,
  type Item,
  install,
  PAGE,
  probe,
  quietFor,
  ROW,
  type Server,
  sleep,
  uninstall,
} from './lifecycleProbe.ts';

/**
 * Registers, for the calling test file, a `beforeEach` that wraps the page's globals (counts from
 * zero) and forgets the last hook result, and an `afterEach` that unmounts, waits a task for the
 * teardowns, puts the page's globals back and restores every mock. Call once at the file's top level.
 */
export function lifecyclePerTest(): void {
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
export let latest: Record<string, unknown> | null = null;

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

export const HARNESSES: readonly Harness[] = [
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
export function Sibling({
  gate,
  error,
}: {
  gate?: { promise: Promise<void>; done: boolean };
  error?: Error;
}) {
  // Past the hook: a hook that suspended never reached its endRender() (and React 18 replays a
  // throwing component through a fake event whose listeners are React's, not the hook's).
  endRenders();
  if (error) throw error;
  if (gate && !gate.done) throw gate.promise;
  return null;
}

export function makeGate() {
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

export function Tree({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <LazyflowProvider client={client}>
      <Boundary>
        <Suspense fallback={<p data-testid="fallback">loading</p>}>{children}</Suspense>
      </Boundary>
    </LazyflowProvider>
  );
}

/** Renders `node` in a container of its own (React's root listeners on it are left out). */
export function mount(node: ReactNode) {
  const container = document.createElement('div');
  document.body.append(container);
  probe.roots.add(container);
  return render(node, { container });
}

export const rowText = (index: number) => document.querySelector(`[data-index="${index}"]`)?.textContent;

/** Moves the hook to row `index`: scrolls its scroller, or renders it with `from`. */
export async function moveTo(harness: Harness, index: number, rerender: (from: number) => void) {
  if (harness.moves === 'prop') rerender(index);
  else {
    const scroller = document.querySelector<HTMLElement>('[data-testid="scroller"], [data-status]');
    if (scroller) scroller.scrollTop = index * ROW;
  }
}

export const quiet = (ms = 300) => quietFor(ms);

/**
 * Until the hook's list subscribed (it watches the client's cache): a scroll before that is
 * another case (see 'a scroll before the hook subscribed').
 */
export const subscribed = (client: QueryClient) =>
  vi.waitFor(() => expect(clientHolds(client).listeners).toBeGreaterThan(0));
export const settled = () => sleep(150);

export interface SwitchState {
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
export function Switcher(props: SwitcherProps) {
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
