import type { MemoryLevel } from './memoryLevel.ts';

/** A followed pressure level: current while watched. */
export interface LevelWatch {
  readonly level: MemoryLevel;
  stop(): void;
}

/** What {@link watchLevel} follows: a memory monitor (its `subscribe` and `getSnapshot`). */
export interface LevelSource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): { readonly level: MemoryLevel };
}

/**
 * The one way lists and prefetchers follow memory pressure: subscribes to `monitor` (which keeps
 * its sampling running), reads the level once subscribed, and calls `onChange` for each later
 * change of level. A notification the monitor sends from inside `subscribe` (its first sample)
 * is folded into that first read, so `onChange` never runs before the caller holds the watch.
 *
 * @example
 * const watch = watchLevel(monitor, (level) => level === 'critical' && stopPrefetching());
 * watch.level; // 'ok'
 * watch.stop();
 */
export function watchLevel(monitor: LevelSource, onChange: (level: MemoryLevel) => void): LevelWatch {
  let ready = false;
  let stopped = false;
  let level: MemoryLevel = 'ok';
  const unsubscribe = monitor.subscribe(() => {
    if (!ready || stopped) return;
    const next = monitor.getSnapshot().level;
    if (next === level) return;
    level = next;
    onChange(next);
  });
  level = monitor.getSnapshot().level;
  ready = true;
  return {
    get level() {
      return level;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
    },
  };
}
