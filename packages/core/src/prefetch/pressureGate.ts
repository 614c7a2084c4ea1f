import type { MemoryMonitor } from '../memory/createMemoryMonitor.ts';
import { monitorFor } from '../memory/defaultMemoryMonitor.ts';
import type { MemoryLevel } from '../memory/memoryLevel.ts';
import { watchLevel } from '../memory/watchLevel.ts';

const LEVEL_RANK: Readonly<Record<MemoryLevel, number>> = { ok: 0, high: 1, critical: 2 };

/**
 * Whether a prefetcher must stop: follows a memory monitor's level (`watchLevel`, as lists do),
 * on demand only (following keeps the monitor's heap sampling running), and reports each change
 * of "pressure at or above `cancelAt`".
 *
 * @example
 * const gate = new PressureGate(monitor, 'high', (closed) => closed && cancelEverything());
 * gate.follow(true); // reads the level now and hears every change
 * gate.closed; // true while the level is 'high' or 'critical'
 * gate.follow(false);
 */
export class PressureGate {
  readonly #option: MemoryMonitor | null | undefined;
  readonly #cancelAt: 'high' | 'critical';
  readonly #onChange: (closed: boolean) => void;
  /** Set while following (a no-op function when there is no monitor to follow). */
  #unwatch: (() => void) | undefined;
  #closed = false;

  /** `option` undefined = the default monitor, looked up when following starts; null = none. */
  constructor(
    option: MemoryMonitor | null | undefined,
    cancelAt: 'high' | 'critical',
    onChange: (closed: boolean) => void,
  ) {
    this.#option = option;
    this.#cancelAt = cancelAt;
    this.#onChange = onChange;
  }

  /** Pressure is at or above `cancelAt` (as last read; current while following). */
  get closed(): boolean {
    return this.#closed;
  }

  /** Starts or stops following the monitor; starting reads its level at once. */
  follow(wanted: boolean): void {
    if (wanted && this.#unwatch === undefined) this.#start();
    else if (!wanted && this.#unwatch !== undefined) {
      const unwatch = this.#unwatch;
      this.#unwatch = undefined;
      unwatch();
    }
  }

  #start(): void {
    const monitor = monitorFor(this.#option);
    if (monitor === null) {
      this.#unwatch = () => {};
      return;
    }
    const watch = watchLevel(monitor, (level) => this.#read(level));
    this.#unwatch = watch.stop; // before the first read: onChange may stop following at once
    this.#read(watch.level);
  }

  #read(level: MemoryLevel): void {
    const closed = LEVEL_RANK[level] >= LEVEL_RANK[this.#cancelAt];
    if (closed === this.#closed) return;
    this.#closed = closed;
    this.#onChange(closed);
  }
}
