import type { MemoryMonitor } from '../memory/createMemoryMonitor.ts';
import { monitorFor } from '../memory/defaultMemoryMonitor.ts';
import { FOLLOW_LIST, type ListLink } from '../memory/followList.ts';
import type { HealthCounts } from '../memory/health.ts';
import type { MemoryLevel } from '../memory/memoryLevel.ts';
import type { EvictionCandidate } from '../planner/chooseEvictions.ts';
import { type PageBudget, pagesToEvict, type ShedRanges } from '../planner/evictionPolicy.ts';

/**
 * Wires one list to a memory monitor: while it has subscribers the monitor holds its bytes and
 * tells it the pressure level (the monitor's own `FOLLOW_LIST`, decision 0023); says what to
 * shed. At `critical` the list also stops prefetching. Without a monitor the level stays `ok`.
 */
export class PressureTier {
  readonly #option: MemoryMonitor | null | undefined;
  readonly #counts: () => HealthCounts;
  readonly #onLevel: () => void;
  #link: ListLink | undefined;

  /** `option` undefined = the default monitor at attach time; null = none. */
  constructor(option: MemoryMonitor | null | undefined, counts: () => HealthCounts, onLevel: () => void) {
    this.#option = option;
    this.#counts = counts;
    this.#onLevel = onLevel;
  }

  get level(): MemoryLevel {
    return this.#link?.level ?? 'ok';
  }

  attach(): void {
    this.#link ??= monitorFor(this.#option)?.[FOLLOW_LIST](this.#counts, this.#onLevel);
  }

  detach(): void {
    this.#link?.stop();
    this.#link = undefined;
  }

  report(bytes: number): void {
    this.#link?.update(bytes);
  }

  /** Prefetch distance under the current level. */
  prefetch(base: number): number {
    return this.level === 'critical' ? 0 : base;
  }

  /**
   * Pages to evict: those the pressure level sheds, then the farthest, least recently used
   * ones while the rest is over the list's own budget (`memory.maxBytes` / `maxPages`).
   */
  victims(candidates: readonly EvictionCandidate[], ranges: ShedRanges, budget: PageBudget): number[] {
    return pagesToEvict(candidates, this.level, ranges, budget);
  }
}
