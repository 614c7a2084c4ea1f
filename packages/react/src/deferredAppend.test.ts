import { describe, expect, it } from 'vitest';
import { deferredAppend } from './deferredAppend.ts';

describe('deferredAppend', () => {
  it('is deferring while append runs, also after an append made inside it, and not after', () => {
    const seen: boolean[] = [];
    let nested = true;
    const list = {
      append(items: readonly number[]) {
        seen.push(marks.deferring());
        if (nested) {
          nested = false;
          marks.append(items); // an onItems-like listener appending again
        }
        seen.push(marks.deferring()); // still inside the outer append
        return true;
      },
    };
    const marks = deferredAppend<number>(list);
    expect(marks.deferring()).toBe(false);
    expect(marks.append([1])).toBe(true);
    expect(seen).toEqual([true, true, true, true]);
    expect(marks.deferring()).toBe(false);
  });

  it('stops deferring when append throws', () => {
    const marks = deferredAppend<number>({
      append() {
        throw new Error('boom');
      },
    });
    expect(() => marks.append([1])).toThrow('boom');
    expect(marks.deferring()).toBe(false);
  });

  it('is deferring while the list grows on its own (a source that tells its count)', () => {
    const list = { append: () => true, growing: false };
    const marks = deferredAppend<number>(list);
    expect(marks.deferring()).toBe(false);
    list.growing = true;
    expect(marks.deferring()).toBe(true);
  });

  it('is deferring while grow runs (the list says so while it grows), not after', () => {
    const seen: boolean[] = [];
    const list = {
      append: () => true,
      growing: false,
      grow(count: number) {
        list.growing = true; // as LazyList.grow does around its publish
        seen.push(marks.deferring());
        list.growing = false;
        return count > 0;
      },
    };
    const marks = deferredAppend<number>(list);
    expect(list.grow(5)).toBe(true);
    expect(list.grow(0)).toBe(false);
    expect(seen).toEqual([true, true]);
    expect(marks.deferring()).toBe(false);
  });
});
