// Types of soak.mjs for e2e/soak.spec.ts (TypeScript strict imports it).
import type { BrowserContext, CDPSession } from 'playwright';

export const FETCH_BUDGET: number;
export const HEAP_GROWTH_LIMIT: number;
export const SOAK_FAULTS: {
  latency: number;
  errorRate: number;
  stallRate: number;
  dropAfter: number | null;
  malformedEvery: number | null;
  slow: number | null;
};

export interface SoakOptions {
  durationMs: number;
  seed: number;
  throttle: number;
  firstCheckMs: number;
  checkEveryMs?: number;
  /** Before each heap checkpoint, fill the Table to its memory budget (jumps to far rows until its pages stop growing). */
  fillBudget?: boolean;
  /** At each checkpoint also read V8's compiled code from a heap snapshot, and check the heap without it. */
  codeApart?: boolean;
  /** Operation weights instead of the defaults (0 leaves one out). */
  weights?: Record<string, number>;
  log?: (line: string) => void;
  onCheckpoint?: (cdp: CDPSession, atMs: number) => Promise<void>;
}

export interface SoakResult {
  kind: 'soak';
  seed: number;
  throttle: number;
  ms: number;
  operations: Record<string, number>;
  operationCount: number;
  operationErrors: string[];
  requests: number;
  errors500: number;
  /** Stalled requests given up on after 4 s or more (the Table's timeout). */
  stalled: number;
  /** Requests the mock server stalled (its `lazyflow-mock:stall` events). */
  stallsInjected: number;
  aborted: number;
  streamCuts: number;
  maxInFlight: number;
  frames: number;
  rowsChecked: number;
  placeholders: number;
  wrongRows: number;
  outOfOrder: number;
  samples: Record<string, unknown>[];
  rejections: string[];
  pageErrors: string[];
  consoleErrors: string[];
  expectedConsole: number;
  /** Heap after GC at each checkpoint; `codeBytes` (V8's compiled code) only with `codeApart`. */
  heap: { atMs: number; bytes: number; codeBytes: number | null; pagesInMemory: number | null }[];
  heapRatio: number | null;
  /** The same ratio without V8's compiled code (null without `codeApart`). */
  dataHeapRatio: number | null;
}

export function runSoak(context: BrowserContext, baseUrl: string, options: SoakOptions): Promise<SoakResult>;
export function soakFailures(result: SoakResult): string[];
