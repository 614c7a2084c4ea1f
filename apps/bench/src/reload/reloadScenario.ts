// Warm reload. The runner opens a list page, asks it to go to row N (`reload-setup`: fast, not
// measured), reloads the page with the CPU throttled, then asks the new document when row N was
// first on screen with data (`reload`). The new document starts watching at its first frame
// (`startReloadWatch`, called by main.tsx before anything renders), so the time is measured from
// the reload's navigation start (`performance.now()`'s origin), not from when the runner asks.
import { isLoadedAndVisible, rowElement, scroller, visibleRows } from '../shared/dom.ts';
import { net, setApiLatency } from '../shared/fetchItems.ts';
import { nextFrame, ScenarioFailure, sleep, waitFor } from '../shared/frames.ts';
import { handle, type NetDelta, ready } from '../shared/scenarios.ts';

export interface ReloadSetupRequest {
  kind: 'reload-setup';
  index: number;
  capMs: number;
}

export interface ReloadSetupResult {
  kind: 'reload-setup';
  /** ms the page took to show row `index` before the reload (at latency 0, not throttled). */
  ms: number;
  /** Rows the page held before the reload. */
  heldRows: number;
}

export interface ReloadRequest {
  kind: 'reload';
  index: number;
  /** Counted from the reload's navigation start. */
  capMs: number;
}

export interface ReloadResult {
  kind: 'reload';
  index: number;
  /** ms from navigation start until row `index` was on screen with data; null when capped. */
  ms: number | null;
  capped: boolean;
  /**
   * ms from navigation start until the page's list was handed to React (bench app and library code
   * loaded): the part of `ms` before the list could ask for anything.
   */
  appStartMs: number | null;
  /** ms from navigation start until any row was on screen with data, and which one. */
  firstRowMs: number | null;
  firstRowIndex: number | null;
  /** How far row `index` sat from where it was before the reload, px (null when not reached). */
  driftPx: number | null;
  /**
   * Requests started, and responses received, before row `index` showed (all of them when
   * capped); no response before it means the row came from the browser's storage.
   */
  requestsBefore: number;
  responsesBefore: number;
  net: NetDelta;
  heldRows: number;
  visibleFirst: number | null;
  visibleLast: number | null;
  scrollTop: number;
  scrollHeight: number;
}

const TARGET_KEY = 'bench:reload-target';
/**
 * Time the page gets after reaching the row, before the reload: write-behind caches commit when
 * idle (lazyflow's `idbCache` within a 1 s idle deadline).
 */
const SETTLE_MS = 1_000;

interface Target {
  index: number;
  /** Row top relative to the scroller's top before the reload, px. */
  top: number;
}

function rowOffset(index: number): number | null {
  const row = rowElement(index);
  const frame = document.querySelector<HTMLElement>('.scroller');
  if (!row || !frame) return null;
  return row.getBoundingClientRect().top - frame.getBoundingClientRect().top;
}

/** Goes to row `index` (latency 0: the setup is not measured), then records where it is. */
export async function reloadSetup(request: ReloadSetupRequest): Promise<ReloadSetupResult> {
  await ready();
  // The append-only libraries load every page before row N: make that quick. The reload reads
  // the latency from the URL again.
  setApiLatency(0);
  handle().jumpTo(request.index);
  const ms = await waitFor(() => isLoadedAndVisible(request.index), request.capMs);
  if (ms === null) {
    throw new ScenarioFailure(
      `setup: row ${request.index} never showed data within ${request.capMs / 1000} s`,
    );
  }
  await sleep(300);
  const top = rowOffset(request.index) ?? 0;
  sessionStorage.setItem(TARGET_KEY, JSON.stringify({ index: request.index, top } satisfies Target));
  await sleep(SETTLE_MS);
  return { kind: 'reload-setup', ms, heldRows: handle().heldRows() };
}

interface Watch {
  target: Target;
  firstRowMs: number | null;
  firstRowIndex: number | null;
  ms: number | null;
  driftPx: number | null;
  requestsBefore: number | null;
  responsesBefore: number | null;
}

let watch: Watch | null = null;
let appStart: number | null = null;

/** Called by main.tsx right before it renders the page's list. */
export function markAppStart(): void {
  appStart ??= performance.now();
}

/**
 * In the reloaded document: polls every frame from the very first one for any row with data and
 * for the target row with data and in view; the network counts are taken when the target row's
 * data first reaches the DOM. Does nothing in a document opened without a setup before it.
 */
export function startReloadWatch(): void {
  const saved = sessionStorage.getItem(TARGET_KEY);
  if (saved === null) return;
  const current: Watch = {
    target: JSON.parse(saved) as Target,
    firstRowMs: null,
    firstRowIndex: null,
    ms: null,
    driftPx: null,
    requestsBefore: null,
    responsesBefore: null,
  };
  watch = current;
  // The requests sent and answered when the target row first has its data in the DOM, read in the
  // task that put it there (a MutationObserver runs before the next task, such as a response): a
  // frame poll read after a fast revalidation had answered would count that answer.
  const shown = new MutationObserver(() => {
    if (rowElement(current.target.index)?.dataset.state !== 'loaded') return;
    current.requestsBefore = net.requests;
    current.responsesBefore = net.responses;
    shown.disconnect();
  });
  shown.observe(document.body, { subtree: true, childList: true, attributeFilter: ['data-state'] });
  const poll = () => {
    if (document.querySelector('.scroller') !== null) {
      const now = performance.now();
      if (current.firstRowMs === null) {
        const first = visibleRows().find((row) => row.loaded);
        if (first) {
          current.firstRowMs = now;
          current.firstRowIndex = first.index;
        }
      }
      if (isLoadedAndVisible(current.target.index)) {
        current.ms = now;
        current.requestsBefore ??= net.requests;
        current.responsesBefore ??= net.responses;
        shown.disconnect();
        current.driftPx = Math.abs((rowOffset(current.target.index) ?? 0) - current.target.top);
        return;
      }
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/** Waits until the watch saw the target row or `capMs` after navigation start, then reports. */
export async function reloadMeasure(request: ReloadRequest): Promise<ReloadResult> {
  const current = watch;
  if (current === null) throw new ScenarioFailure('reload: this document had no setup before it');
  if (current.target.index !== request.index) {
    throw new ScenarioFailure(`reload: set up for row ${current.target.index}, asked for ${request.index}`);
  }
  while (current.ms === null && performance.now() < request.capMs) await nextFrame();
  // Requests the revalidation makes right after the rows show count too, in `net`.
  await sleep(300);
  const visible = visibleRows();
  const el = scroller();
  sessionStorage.removeItem(TARGET_KEY);
  return {
    kind: 'reload',
    index: request.index,
    ms: current.ms,
    capped: current.ms === null,
    appStartMs: appStart,
    firstRowMs: current.firstRowMs,
    firstRowIndex: current.firstRowIndex,
    driftPx: current.driftPx,
    requestsBefore: current.requestsBefore ?? net.requests,
    responsesBefore: current.responsesBefore ?? net.responses,
    net: { requests: net.requests, aborted: net.aborted, bytes: net.bytes },
    heldRows: handle().heldRows(),
    visibleFirst: visible[0]?.index ?? null,
    visibleLast: visible.at(-1)?.index ?? null,
    scrollTop: el.scrollTop,
    scrollHeight: el.scrollHeight,
  };
}
