import { describe, expect, it } from 'vitest';
import { type ListWindow, normalizeWindow, sameWindow } from './listWindow.ts';
import { type PlanWindowInput, planWindow, prefetchSplit } from './planWindow.ts';

const none = new Set<number>();
const win = (start: number, end: number, direction: ListWindow['direction'] = 'forward', velocity = 0) => ({
  start,
  end,
  direction,
  velocity,
});
const base: PlanWindowInput = { window: win(0, 10), pageSize: 10, prefetch: 2, loaded: none, inFlight: none };
const pages = (input: Partial<PlanWindowInput>) =>
  planWindow({ ...base, ...input }).requests.map((r) => r.page);

describe('prefetchSplit', () => {
  it.each([
    [0, 0, 0],
    [1, 1, 1],
    [2, 3, 1],
    [3, 4, 2],
    [4, 6, 2],
  ])('prefetch %i gives %i ahead and %i behind', (prefetch, ahead, behind) => {
    expect(prefetchSplit(prefetch)).toEqual({ ahead, behind });
  });
});

describe('planWindow', () => {
  it.each<[string, Partial<PlanWindowInput>, number[]]>([
    [
      'requests visible then nearest prefetch, ahead first',
      { window: win(500, 520), count: 10_000 },
      [50, 51, 52, 49, 53, 54],
    ],
    [
      'requests visible in reverse and more behind when scrolling backward',
      { window: win(500, 520, 'backward'), count: 10_000 },
      [51, 50, 49, 52, 48, 47],
    ],
    ['clamps at page 0', { window: win(0, 10), count: 10_000 }, [0, 1, 2, 3]],
    ['clamps at the last page from count', { window: win(95, 100), count: 100 }, [9, 8]],
    ['requests nothing for a window past the count', { window: win(200, 210), count: 100 }, []],
    ['requests nothing for an empty window', { window: win(5, 5), count: 100 }, []],
    [
      'skips loaded and in-flight pages',
      { window: win(500, 520), count: 10_000, loaded: new Set([50, 52]), inFlight: new Set([49]) },
      [51, 53, 54],
    ],
    [
      'requests nothing while flinging (placeholders until the window settles)',
      { window: win(500, 520, 'forward', 9_000), flingVelocity: 5_000 },
      [],
    ],
    [
      'honours a negative minPage for cursor and range layouts',
      { window: win(-20, -10), minPage: -5, prefetch: 1 },
      [-2, -1, -3],
    ],
    ['honours maxPage', { window: win(0, 10), maxPage: 1 }, [0, 1]],
    [
      'treats an unknown count as unbounded above',
      { window: win(1_000_000, 1_000_010), count: undefined, prefetch: 1 },
      [100_000, 100_001, 99_999],
    ],
  ])('%s', (_name, input, expected) => {
    expect(pages(input)).toEqual(expected);
  });

  it('labels priorities, visible first, then nearest first', () => {
    const plan = planWindow({ ...base, window: win(10, 20), prefetch: 1, count: 100 });
    expect(plan.requests).toEqual([
      { page: 1, priority: 'visible' },
      { page: 2, priority: 'prefetch' },
      { page: 0, priority: 'prefetch' },
    ]);
    expect(plan.visible).toEqual({ first: 1, last: 1 });
    expect(plan.zone).toEqual({ first: 0, last: 2 });
  });

  it('random access at 50,000,000 of 100,000,000 asks for at most 1 + 2 × prefetch pages near the window', () => {
    const plan = planWindow({
      ...base,
      window: win(50_000_000, 50_000_040),
      pageSize: 100,
      count: 100_000_000,
      prefetch: 2,
    });
    expect(plan.requests.length).toBeLessThanOrEqual(5);
    for (const request of plan.requests) expect(request.page * 100).toBeGreaterThanOrEqual(49_990_000);
  });

  it('cancels in-flight pages outside window + prefetch', () => {
    const plan = planWindow({
      ...base,
      window: win(500, 510),
      count: 10_000,
      inFlight: new Set([1, 50, 52, 90]),
    });
    expect(plan.cancel).toEqual([1, 90]);
  });

  it('cancels in-flight prefetch pages that left the visible window during a fling', () => {
    const plan = planWindow({
      ...base,
      window: win(500, 510, 'forward', 10_000),
      flingVelocity: 1_000,
      inFlight: new Set([49, 50, 51]),
    });
    expect(plan.fling).toBe(true);
    expect(plan.cancel).toEqual([49, 51]);
  });

  it('cancels everything in flight for an empty window', () => {
    expect(planWindow({ ...base, window: win(3, 3), inFlight: new Set([2, 1]) }).cancel).toEqual([1, 2]);
  });

  it('does not grow with count', () => {
    const plan = planWindow({ ...base, window: win(0, 10), count: Number.MAX_SAFE_INTEGER });
    expect(plan.requests).toHaveLength(4);
  });
});

describe('a window without prefetch (a scrollbar thumb held still, decision 0026)', () => {
  it('requests only its own pages and cancels in-flight pages around them', () => {
    const window = normalizeWindow({ start: 50, end: 70, prefetch: false });
    const plan = planWindow({ ...base, window, inFlight: new Set([4, 7, 8]) });
    expect(plan.requests.map((r) => [r.page, r.priority])).toEqual([
      [5, 'visible'],
      [6, 'visible'],
    ]);
    expect(plan.zone).toEqual({ first: 5, last: 6 });
    expect(plan.cancel).toEqual([4, 7, 8]);
  });

  it('is another window than the same range with prefetch, which plans the prefetch again', () => {
    const held = normalizeWindow({ start: 50, end: 70, prefetch: false });
    const released = normalizeWindow({ start: 50, end: 70 });
    expect(sameWindow(held, released)).toBe(false);
    expect(released).toEqual({ start: 50, end: 70, direction: 'forward', velocity: 0 });
    expect(pages({ window: released })).toEqual([5, 6, 7, 4, 8, 9]);
  });

  it('rejects a prefetch that is not a boolean with a TypeError naming it', () => {
    expect(() => normalizeWindow({ start: 0, end: 10, prefetch: 'no' as unknown as boolean })).toThrow(
      /setWindow.*prefetch/,
    );
  });
});
