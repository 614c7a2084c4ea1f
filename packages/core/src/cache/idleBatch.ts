import type { IdleSchedule } from '../env/idleSchedule.ts';

/**
 * Coalesces requests for work into one run: the first `request()` schedules `run`, the ones
 * made before it runs are folded into that run, the first one after schedules the next.
 * This is what turns many page writes into one IndexedDB transaction.
 *
 * @example
 * const request = idleBatch(() => flush(), defaultIdleSchedule);
 * request(); request(); // one flush
 */
export function idleBatch(run: () => void, schedule: IdleSchedule): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      run();
    });
  };
}
