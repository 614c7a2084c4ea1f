import type { MemoryMonitor } from '../memory/createMemoryMonitor.ts';
import { monitorFor } from '../memory/defaultMemoryMonitor.ts';
import { FOLLOW_LIST, type ListLink } from '../memory/followList.ts';
import type { HealthCounts } from '../memory/health.ts';
import type { MemoryLevel } from '../memory/memoryLevel.ts';
import type { EvictionCandidate } from '../planner/chooseEvictions.ts';
import { type PageBudget, pagesToEvict, type ShedRanges } from '../planner/evictionPolicy.ts';

/** What a {@link PressureTier} reads and calls of its list: the list's load loop itself (`PageFlow` passes `this`). */
export interface PressureTierHost {
  /** `memoryMonitor` undefined = the default monitor at attach time; null = none (fixed at creation). */
  readonly o: { readonly memoryMonitor: MemoryMonitor | null | undefined };
  /** The counts the monitor reads (`current.stats`), and a new snapshot once the level changed. */
  readonly snapshots: {
    readonly current: { readonly stats: HealthCounts };
    publish(visibleChanged: boolean): void;
  };
  /** Plans with the level's prefetch distance. */
  replan(): void;
  /** Sheds what the level says. */
  evict(): void;
}

/**
 * Wires one list to a memory monitor: while it has subscribers the monitor holds its bytes and
 * tells it the pressure level (the monitor's own `FOLLOW_LIST`, decision 0023); says what to
 * shed. At `critical` the list also stops prefetching. Without a monitor the level stays `ok`.
 */
export class PressureTier {
  readonly #host: PressureTierHost;
  #link: ListLink | undefined;

  constructor(host: PressureTierHost) {
    this.#host = host;
  }

  get level(): MemoryLevel {
    return this.#link?.level ?? 'ok';
  }

  attach(): void {
    const host = this.#host;
    // The level changed: plan with its prefetch distance and shed what it says.
    this.#link ??= monitorFor(host.o.memoryMonitor)?.[FOLLOW_LIST](
      () => host.snapshots.current.stats,
      () => {
        host.replan();
        host.evict();
        host.snapshots.publish(true);
      },
    );
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
