import type { MemoryMonitor, MemoryRegistration } from '../memory/createMemoryMonitor.ts';
import type { HealthCounts } from '../memory/health.ts';
import type { MemoryLevel } from '../memory/memoryLevel.ts';
import { type LevelWatch, monitorFor, watchLevel } from '../memory/watchLevel.ts';
import type { EvictionCandidate } from '../planner/chooseEvictions.ts';
import { type PageBudget, pagesToEvict, type ShedRanges } from '../planner/evictionPolicy.ts';

/**
 * Wires one list to a memory monitor: registers its bytes while it has subscribers, follows the
 * pressure level and says what to shed. At `critical` the list also stops prefetching.
 */
export class PressureTier {
  readonly #option: MemoryMonitor | null | undefined;
  readonly #counts: () => HealthCounts;
  readonly #onLevel: () => void;
  #registration: MemoryRegistration | undefined;
  #watch: LevelWatch | undefined;

  /** `option` undefined = the default monitor at attach time; null = none. */
  constructor(option: MemoryMonitor | null | undefined, counts: () => HealthCounts, onLevel: () => void) {
    this.#option = option;
    this.#counts = counts;
    this.#onLevel = onLevel;
  }

  get level(): MemoryLevel {
    return this.#watch?.level ?? 'ok';
  }

  attach(): void {
    if (this.#watch !== undefined) return;
    const monitor = monitorFor(this.#option);
    if (monitor === null) return;
    this.#registration = monitor.register(this.#counts);
    // The list plans with the level right after attaching; later changes replan through onLevel.
    this.#watch = watchLevel(monitor, () => this.#onLevel());
  }

  detach(): void {
    this.#watch?.stop();
    this.#registration?.unregister();
    this.#watch = undefined;
    this.#registration = undefined;
  }

  report(bytes: number): void {
    this.#registration?.update(bytes);
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
