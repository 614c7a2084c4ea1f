import { defaultTimers, type Timers } from '../env/timers.ts';
import {
  assertFunction,
  assertObject,
  assertPositiveInteger,
  assertPositiveNumber,
  optionError,
} from '../options.ts';
import { Subscribable } from '../subscribable.ts';
import { FOLLOW_LIST, type ListLink } from './followList.ts';
import {
  buildHealth,
  DEFAULT_HEALTH_THRESHOLDS,
  type HealthCounts,
  type HealthReport,
  type HealthThresholds,
} from './health.ts';
import { type MemoryLevel, memoryLevel, memoryRatio } from './memoryLevel.ts';
import { watchLevel } from './watchLevel.ts';

/** The parts of `performance` the monitor reads; inject a fake in tests. */
export interface MemoryPerformance {
  /** Chromium only, JS heap only, coarse. */
  readonly memory?: { readonly usedJSHeapSize: number; readonly jsHeapSizeLimit: number } | undefined;
  /** Needs cross-origin isolation; may take seconds to minutes to resolve. */
  measureUserAgentSpecificMemory?(): Promise<{ readonly bytes: number }>;
}

/** Where the heap figure of a snapshot came from; `estimate` = no heap API, the SDK's bytes only. */
export type MemorySource = 'performance.memory' | 'measureUserAgentSpecificMemory' | 'estimate';

/**
 * What the monitor publishes; the same object until a figure changes.
 *
 * @example
 * const { level, ratio, sdkBytes } = monitor.getSnapshot(); // level: 'ok' | 'high' | 'critical'
 */
export interface MemorySnapshot {
  /** Sampled heap bytes (absent without a heap API). */
  readonly jsHeapUsed?: number;
  /** The browser's heap limit (performance.memory only). */
  readonly jsHeapLimit?: number;
  /** Bytes of every registered list's pages, by the SDK's own estimates (real time). */
  readonly sdkBytes: number;
  readonly limitBytes: number;
  /** How full memory is (see `memoryRatio`). */
  readonly ratio: number;
  readonly level: MemoryLevel;
  readonly source: MemorySource;
  /** Whether `level` is forced by `simulate()`. */
  readonly simulated: boolean;
}

/**
 * Options for {@link createMemoryMonitor}.
 *
 * @example
 * const monitor = createMemoryMonitor({ limitBytes: 200_000_000, high: 0.7, critical: 0.9 });
 */
export interface MemoryMonitorOptions {
  /** Memory the app allows this page. Default 500,000,000. */
  limitBytes?: number;
  /** Share of the limit at which pages far from every window are shed. Default 0.8. */
  high?: number;
  /** Share of the limit at which pages are shed down to the windows. Default 0.95. */
  critical?: number;
  /** How often `performance.memory` is sampled, in ms. Default 5,000. */
  sampleMs?: number;
  /** Mean of the random interval between `measureUserAgentSpecificMemory()` calls. Default 120,000 ms. */
  measureMeanMs?: number;
  /** Where `getHealth()` grades turn to warning and critical. */
  health?: Partial<HealthThresholds>;

  // Environment (browser defaults, read when the first subscriber arrives)
  /** Default `globalThis.performance`; null for none (the SDK's estimates only). */
  performance?: MemoryPerformance | null;
  /** Default `globalThis.crossOriginIsolated`. */
  crossOriginIsolated?: boolean;
  timers?: Timers;
  /** Randomness of the measurement intervals, in [0, 1). */
  random?: () => number;
}

/** A list's handle on a monitor: it reports its bytes here. */
export interface MemoryRegistration {
  /** The registrant's current bytes in memory. */
  update(bytes: number): void;
  unregister(): void;
}

interface Registrant {
  bytes: number;
  readonly counts: (() => HealthCounts) | undefined;
}

interface HeapSample {
  readonly used: number;
  readonly limit: number | undefined;
  readonly source: Exclude<MemorySource, 'estimate'>;
}

const OWNER = 'createMemoryMonitor';

/**
 * Throws a TypeError naming the first bad option of `createMemoryMonitor` (an option left out is
 * checked as its default). Development builds only (decision 0054).
 */
function checkMemoryMonitorOptions(options: MemoryMonitorOptions): void {
  assertObject(OWNER, 'options', options);
  const {
    limitBytes = 1,
    high = 0.8,
    critical = 0.95,
    sampleMs = 1,
    measureMeanMs = 1,
    health = {},
  } = options;
  assertPositiveNumber(OWNER, 'limitBytes', limitBytes);
  assertPositiveNumber(OWNER, 'high', high);
  assertPositiveNumber(OWNER, 'critical', critical);
  if (critical < high) throw optionError(OWNER, 'critical', `>= high (${high})`, critical);
  assertPositiveInteger(OWNER, 'sampleMs', sampleMs);
  assertPositiveNumber(OWNER, 'measureMeanMs', measureMeanMs);
  assertObject(OWNER, 'health', health);
  if (options.random !== undefined) assertFunction(OWNER, 'random', options.random);
}
const NO_COUNTS: HealthCounts = { cacheHits: 0, cacheMisses: 0, requests: 0, retries: 0, errors: 0 };

/**
 * A random interval with mean `meanMs` (exponential, so measurements do not line up with app
 * activity), clamped to [meanMs / 10, meanMs × 5].
 *
 * @example
 * randomInterval(60_000, () => 0.5); // ≈ 41,589
 */
export function randomInterval(meanMs: number, random: () => number): number {
  const delay = -Math.log(1 - Math.min(random(), 0.999_999)) * meanMs;
  return Math.min(meanMs * 5, Math.max(meanMs / 10, delay));
}

/**
 * Creates a memory monitor. Lists register their estimated bytes (real time); the heap is
 * sampled from `performance.memory` every `sampleMs` and, when cross-origin isolated, from
 * `performance.measureUserAgentSpecificMemory()` at rare random intervals. The level
 * (`ok | high | critical`) tells every subscribed list how much to shed. Sampling runs only
 * while someone subscribes.
 *
 * @example
 * const monitor = createMemoryMonitor({ limitBytes: 500_000_000, high: 0.8, critical: 0.95, sampleMs: 5_000 });
 * const list = createLazyList({ key: ['users'], source, memoryMonitor: monitor });
 * monitor.getSnapshot().level; // 'ok'
 */
export function createMemoryMonitor(options: MemoryMonitorOptions = {}): MemoryMonitor {
  return new MemoryMonitor(options);
}

/**
 * The monitor behind {@link createMemoryMonitor}.
 *
 * @example
 * const monitor = createMemoryMonitor();
 * monitor.subscribe(() => console.log(monitor.getSnapshot().level));
 * monitor.simulate('critical'); // every list it watches sheds down to its visible rows
 */
export class MemoryMonitor extends Subscribable {
  readonly #limitBytes: number;
  readonly #high: number;
  readonly #critical: number;
  readonly #sampleMs: number;
  readonly #measureMeanMs: number;
  readonly #health: HealthThresholds;
  readonly #options: MemoryMonitorOptions;
  readonly #timers: Timers;
  readonly #random: () => number;
  readonly #registrants = new Set<Registrant>();
  #heap: HeapSample | undefined;
  #level: MemoryLevel = 'ok';
  #override: MemoryLevel | null = null;
  #sampleTimer: unknown;
  #measureTimer: unknown;
  #queued = false;
  #snapshot: MemorySnapshot;

  constructor(options: MemoryMonitorOptions) {
    super();
    if (process.env.NODE_ENV !== 'production') checkMemoryMonitorOptions(options);
    const { limitBytes = 500_000_000, high = 0.8, critical = 0.95, sampleMs = 5_000 } = options;
    const { measureMeanMs = 120_000, health = {} } = options;
    this.#limitBytes = limitBytes;
    this.#high = high;
    this.#critical = critical;
    this.#sampleMs = sampleMs;
    this.#measureMeanMs = measureMeanMs;
    this.#health = { ...DEFAULT_HEALTH_THRESHOLDS, ...health };
    this.#options = options;
    this.#timers = options.timers ?? defaultTimers;
    this.#random = options.random ?? Math.random;
    this.#snapshot = this.#build();
  }

  /** The current snapshot; the same reference until a figure changes. */
  readonly getSnapshot = (): MemorySnapshot => this.#snapshot;

  /**
   * Registers a byte reporter (a list does this when it gets its first subscriber). `counts`
   * feeds `getHealth()`'s hit and error rates.
   */
  register(counts?: () => HealthCounts): MemoryRegistration {
    const registrant: Registrant = { bytes: 0, counts };
    this.#registrants.add(registrant);
    return {
      update: (bytes) => {
        if (registrant.bytes === bytes || !this.#registrants.has(registrant)) return;
        registrant.bytes = bytes;
        this.#queueUpdate();
      },
      unregister: () => {
        if (this.#registrants.delete(registrant)) this.#queueUpdate();
      },
    };
  }

  /**
   * A list follows this monitor (from its first subscriber to its last): its bytes are
   * registered, `onLevel` hears each change of level. Carried by the monitor so a list without
   * one does not bundle it (decision 0023).
   *
   * @internal
   */
  [FOLLOW_LIST](counts: () => HealthCounts, onLevel: () => void): ListLink {
    const registration = this.register(counts);
    // The list plans with the level right after following; later changes replan through onLevel.
    const watch = watchLevel(this, () => onLevel());
    return {
      get level() {
        return watch.level;
      },
      update: registration.update,
      stop() {
        watch.stop();
        registration.unregister();
      },
    };
  }

  /** Forces a level (a "simulate memory pressure" toggle); null returns to measured levels. */
  simulate(level: MemoryLevel | null): void {
    if (level !== null && level !== 'ok' && level !== 'high' && level !== 'critical') {
      throw optionError('simulate', 'level', "'ok', 'high', 'critical' or null", level);
    }
    this.#override = level;
    this.#update();
  }

  /** Grades memory, the cache hit rate and the error rate of every registered list. */
  getHealth(): HealthReport {
    const totals = { ...NO_COUNTS };
    for (const registrant of this.#registrants) {
      const counts = registrant.counts?.() ?? NO_COUNTS;
      for (const field of Object.keys(totals) as (keyof HealthCounts)[]) totals[field] += counts[field];
    }
    return buildHealth(this.#snapshot, totals, this.#health);
  }

  protected override onSubscribe(): void {
    this.#sample();
    const performance = this.#performance();
    const isolated = this.#options.crossOriginIsolated ?? globalThis.crossOriginIsolated === true;
    if (isolated && typeof performance?.measureUserAgentSpecificMemory === 'function')
      this.#scheduleMeasure();
  }

  protected override onUnsubscribe(): void {
    this.#timers.clearTimeout(this.#sampleTimer);
    this.#timers.clearTimeout(this.#measureTimer);
    this.#sampleTimer = undefined;
    this.#measureTimer = undefined;
  }

  #performance(): MemoryPerformance | null | undefined {
    if (this.#options.performance !== undefined) return this.#options.performance;
    // `memory` and `measureUserAgentSpecificMemory` are non-standard: not in lib.dom's Performance.
    return typeof performance === 'undefined' ? null : (performance as unknown as MemoryPerformance);
  }

  #sample(): void {
    const memory = this.#performance()?.memory;
    if (memory !== undefined && typeof memory.usedJSHeapSize === 'number') {
      this.#heap = {
        used: memory.usedJSHeapSize,
        limit: memory.jsHeapSizeLimit,
        source: 'performance.memory',
      };
      this.#update();
    }
    this.#sampleTimer = this.#timers.setTimeout(() => this.#sample(), this.#sampleMs);
  }

  #scheduleMeasure(): void {
    this.#measureTimer = this.#timers.setTimeout(
      async () => {
        const timer = this.#measureTimer;
        try {
          const result = await this.#performance()?.measureUserAgentSpecificMemory?.();
          if (result === undefined || !this.hasListeners()) return;
          this.#heap = {
            used: result.bytes,
            limit: this.#heap?.limit,
            source: 'measureUserAgentSpecificMemory',
          };
          this.#update();
        } catch {
          return; // SecurityError (isolation lost) or unsupported: heap sampling goes on without it
        }
        if (this.hasListeners() && this.#measureTimer === timer) this.#scheduleMeasure();
      },
      randomInterval(this.#measureMeanMs, this.#random),
    );
  }

  /** Byte updates arrive in bursts (one per page landing): recompute once per microtask. */
  #queueUpdate(): void {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#update();
    });
  }

  #update(): void {
    const next = this.#build();
    const previous = this.#snapshot;
    const fields = new Set([...Object.keys(next), ...Object.keys(previous)]) as Set<keyof MemorySnapshot>;
    if ([...fields].every((field) => next[field] === previous[field])) return;
    this.#snapshot = next;
    this.notify();
  }

  /** Builds a snapshot; also advances the measured level, which hysteresis depends on. */
  #build(): MemorySnapshot {
    let sdkBytes = 0;
    for (const registrant of this.#registrants) sdkBytes += registrant.bytes;
    const heap = this.#heap;
    const ratio = memoryRatio({
      sdkBytes,
      heapUsed: heap?.used,
      heapLimit: heap?.limit,
      limitBytes: this.#limitBytes,
    });
    const measured = memoryLevel(ratio, this.#level, { high: this.#high, critical: this.#critical });
    this.#level = measured;
    return Object.freeze({
      ...(heap === undefined ? {} : { jsHeapUsed: heap.used }),
      ...(heap?.limit === undefined ? {} : { jsHeapLimit: heap.limit }),
      sdkBytes,
      limitBytes: this.#limitBytes,
      ratio,
      level: this.#override ?? measured,
      source: heap?.source ?? 'estimate',
      simulated: this.#override !== null,
    });
  }
}
