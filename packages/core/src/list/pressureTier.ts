import type { MemoryMonitor, MemoryRegistration } from '../memory/createMemoryMonitor.ts';
import { getDefaultMemoryMonitor } from '../memory/defaultMemoryMonitor.ts';
import type { HealthCounts } from '../memory/health.ts';
import type { MemoryLevel } from '../memory/memoryLevel.ts';
import { pagesToShed, type ShedRanges } from '../memory/shedPages.ts';
import { chooseEvictions, type EvictionCandidate } from '../planner/chooseEvictions.ts';

/**
 * Wires one list to a memory monitor: registers its bytes while it has subscribers, follows the
 * pressure level and says what to shed. At `critical` the list also stops prefetching.
 */
export class PressureTier {
  readonly #option: MemoryMonitor | null | undefined;
  readonly #counts: () => HealthCounts;
  readonly #onLevel: () => void;
  #monitor: MemoryMonitor | null = null;
  #registration: MemoryRegistration | undefined;
  #unsubscribe: (() => void) | undefined;
  #level: MemoryLevel = 'ok';

  /** `option` undefined = the default monitor at attach time; null = none. */
  constructor(option: MemoryMonitor | null | undefined, counts: () => HealthCounts, onLevel: () => void) {
    this.#option = option;
    this.#counts = counts;
    this.#onLevel = onLevel;
  }

  get level(): MemoryLevel {
    return this.#level;
  }

  attach(): void {
    if (this.#monitor !== null) return;
    const monitor = this.#option === undefined ? getDefaultMemoryMonitor() : this.#option;
    if (monitor === null) return;
    this.#monitor = monitor;
    this.#level = monitor.getSnapshot().level; // the list plans with it right after attaching
    this.#registration = monitor.register(this.#counts);
    this.#unsubscribe = monitor.subscribe(() => {
      const level = monitor.getSnapshot().level;
      if (level === this.#level) return;
      this.#level = level;
      this.#onLevel();
    });
  }

  detach(): void {
    this.#unsubscribe?.();
    this.#registration?.unregister();
    this.#unsubscribe = undefined;
    this.#registration = undefined;
    this.#monitor = null;
    this.#level = 'ok';
  }

  report(bytes: number): void {
    this.#registration?.update(bytes);
  }

  /** Prefetch distance under the current level. */
  prefetch(base: number): number {
    return this.#level === 'critical' ? 0 : base;
  }

  /**
   * Pages to evict: those the pressure level sheds, then the farthest, least recently used
   * ones while the rest is over the list's own budget (`memory.maxBytes` / `maxPages`).
   */
  victims(
    candidates: readonly EvictionCandidate[],
    ranges: ShedRanges,
    budget: { readonly maxBytes: number; readonly maxPages: number },
  ): number[] {
    const shed = new Set(
      pagesToShed(
        candidates.map((candidate) => candidate.page),
        this.#level,
        ranges,
      ),
    );
    const rest = candidates.filter((candidate) => !shed.has(candidate.page));
    const { maxBytes, maxPages } = budget;
    return [...shed, ...chooseEvictions({ pages: rest, protect: ranges.visible, maxBytes, maxPages })];
  }
}
