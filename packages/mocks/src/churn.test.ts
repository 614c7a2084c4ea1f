import { describe, expect, it } from 'vitest';
import {
  churnedId,
  churnedTotal,
  churnStepNow,
  deletedBaseIds,
  INSERTED_ID_BASE,
  resetChurnClocks,
} from './churn.ts';

const rowsAt = (dataset: { seed: number; total: number }, step: number) =>
  Array.from({ length: churnedTotal(dataset, step) }, (_, i) => churnedId(dataset, step, i));

describe('churned dataset', () => {
  it('step 0 is the unchanged dataset', () => {
    expect(rowsAt({ seed: 3, total: 20 }, 0)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('each step inserts one new row or deletes one row, nothing else moves', () => {
    const dataset = { seed: 11, total: 30 };
    let before = rowsAt(dataset, 0);
    let inserts = 0;
    for (let step = 1; step <= 200; step++) {
      const after = rowsAt(dataset, step);
      if (after.length === before.length + 1) {
        inserts += 1;
        const at = after.indexOf(INSERTED_ID_BASE + step - 1);
        expect(at).toBeGreaterThanOrEqual(0);
        expect([...after.slice(0, at), ...after.slice(at + 1)]).toEqual(before);
      } else {
        expect(after.length).toBe(before.length - 1);
        const at = after.findIndex((id, i) => id !== before[i]);
        const gone = at === -1 ? before.length - 1 : at;
        expect([...before.slice(0, gone), ...before.slice(gone + 1)]).toEqual(after);
      }
      expect(new Set(after).size).toBe(after.length);
      before = after;
    }
    expect(inserts).toBeGreaterThan(50); // both kinds happen
    expect(inserts).toBeLessThan(150);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(rowsAt({ seed: 5, total: 50 }, 40)).toEqual(rowsAt({ seed: 5, total: 50 }, 40));
    expect(rowsAt({ seed: 5, total: 50 }, 40)).not.toEqual(rowsAt({ seed: 6, total: 50 }, 40));
  });

  it('deletedBaseIds lists exactly the unchanged rows no longer there', () => {
    const dataset = { seed: 9, total: 40 };
    const shown = new Set(rowsAt(dataset, 120));
    const missing = Array.from({ length: 40 }, (_, i) => i).filter((id) => !shown.has(id));
    expect([...deletedBaseIds(dataset, 120)].sort((a, b) => a - b)).toEqual(missing);
  });

  it('the clock starts at the first request and counts rate steps per second', () => {
    resetChurnClocks();
    expect(churnStepNow(2, 1, 1_000)).toBe(0);
    expect(churnStepNow(2, 1, 6_000)).toBe(10);
    expect(churnStepNow(0.5, 1, 6_000)).toBe(0); // another rate has its own clock
  });
});
