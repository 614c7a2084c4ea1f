import { describe, expect, it } from 'vitest';
import {
  adaptedPageSize,
  jsonBytes,
  PageSizer,
  resolvePageSizing,
  sampleBytesPerItem,
} from './pageSizing.ts';

/** An item whose JSON text is exactly `bytes` bytes long. */
function itemOf(bytes: number, id: number): { id: number; body: string } {
  const bare = jsonBytes({ id, body: '' });
  return { id, body: 'x'.repeat(bytes - bare) };
}
const itemsOf = (bytes: number, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => itemOf(bytes, from + i));

describe('adaptedPageSize', () => {
  it.each([
    { bytesPerItem: 200, min: 10, max: 1_000, step: 10, expected: 330 }, // 65,536 / 200 = 327.7
    { bytesPerItem: 200, min: 1, max: 1_000, step: 1, expected: 328 },
    { bytesPerItem: 20_000, min: 1, max: 1_000, step: 1, expected: 3 }, // 3.3
    { bytesPerItem: 20_000, min: 10, max: 1_000, step: 10, expected: 10 }, // clamped to the minimum
    { bytesPerItem: 10, min: 10, max: 1_000, step: 10, expected: 1_000 }, // clamped to the maximum
    { bytesPerItem: 0, min: 10, max: 1_000, step: 10, expected: 1_000 }, // empty items
    { bytesPerItem: 200, min: 15, max: 995, step: 15, expected: 330 }, // bounds rounded to the step
  ])('$bytesPerItem B per item, [$min, $max] step $step → $expected', ({ expected, ...input }) => {
    expect(adaptedPageSize({ ...input, targetBytes: 65_536 })).toBe(expected);
  });
});

describe('PageSizer', () => {
  it('converges to about targetPageBytes per request for 200-byte items after the first page', () => {
    const sizer = new PageSizer(resolvePageSizing('test', {}), 10);
    expect(sizer.size).toBe(100); // initialPageSize before anything was measured
    sizer.observe(itemsOf(200, 100));
    expect(sizer.bytesPerItem).toBe(200);
    expect(sizer.size).toBe(330);
    sizer.observe(itemsOf(200, 330, 100));
    expect(sizer.size * 200).toBeGreaterThan(0.9 * 65_536);
    expect(sizer.size * 200).toBeLessThan(1.1 * 65_536);
  });

  it('converges to 3 items per request for 20 kB items when the minimum allows it', () => {
    const sizer = new PageSizer(resolvePageSizing('test', { minPageSize: 1 }), 1);
    sizer.observe(itemsOf(20_000, 100));
    expect(sizer.size).toBe(3);
    sizer.observe(itemsOf(20_000, 3, 100));
    expect(sizer.size).toBe(3);
  });

  it('follows items that grow further on within a few pages', () => {
    const sizer = new PageSizer(resolvePageSizing('test', { minPageSize: 1 }), 1);
    sizer.observe(itemsOf(200, 300));
    for (let page = 0; page < 6; page++) sizer.observe(itemsOf(2_000, sizer.size, 1_000 * page));
    expect(sizer.size).toBeGreaterThanOrEqual(31);
    expect(sizer.size).toBeLessThanOrEqual(36); // 65,536 / 2,000 = 32.8
  });

  it('ignores an empty page', () => {
    const sizer = new PageSizer(resolvePageSizing('test', {}), 10);
    sizer.observe([]);
    expect(sizer.bytesPerItem).toBeUndefined();
  });
});

describe('sampleBytesPerItem', () => {
  it('measures a sample spread over the page with the given measure', () => {
    const items = [1, 2, 3, 4];
    expect(sampleBytesPerItem(items, (n) => n * 10, 2)).toBe(20); // items 0 and 2
    expect(sampleBytesPerItem([], () => 1)).toBeUndefined();
  });
});

describe('resolvePageSizing', () => {
  it.each([
    [{ targetPageBytes: 0 }, /targetPageBytes/],
    [{ minPageSize: 1.5 }, /minPageSize/],
    [{ minPageSize: 50, maxPageSize: 20 }, /maxPageSize.*>= minPageSize \(50\)/],
    [{ itemBytes: 'json' }, /itemBytes/],
  ])('rejects %o naming the option', (options, message) => {
    expect(() => resolvePageSizing('offsetSource', options as never)).toThrow(message);
  });
});
