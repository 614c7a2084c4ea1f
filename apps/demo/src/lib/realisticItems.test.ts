import { item } from '@lazyflow/mocks';
import { describe, expect, it } from 'vitest';
import { itemDate, realisticItem } from './realisticItems.ts';

describe('realisticItem', () => {
  it("is deterministic, keeps the id and the numbers, and drops the mocks' #id title prefix", () => {
    const raw = item(500_000);
    const dressed = realisticItem(raw);
    expect(realisticItem(item(500_000))).toEqual(dressed);
    expect(dressed).toMatchObject({ id: raw.id, score: raw.score, views: raw.views, price: raw.price });
    expect(dressed.title).not.toMatch(/#|\d{4}/);
    expect(dressed.title.length).toBeGreaterThan(5);
    expect(dressed.tags).toHaveLength(raw.tags.length);
  });

  it('writes bodies of varied length, so rows of dynamic height differ by their text', () => {
    const lengths = Array.from({ length: 200 }, (_, i) => realisticItem(item(i)).body.length);
    expect(Math.min(...lengths)).toBeLessThan(60);
    expect(Math.max(...lengths)).toBeGreaterThan(400);
    expect(new Set(lengths).size).toBeGreaterThan(20);
  });

  it('gives many authors and titles, not one', () => {
    const rows = Array.from({ length: 300 }, (_, i) => realisticItem(item(i)));
    expect(new Set(rows.map((r) => r.author)).size).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => r.title)).size).toBeGreaterThan(150);
  });
});

describe('itemDate', () => {
  it('spreads a million rows over twelve years, later rows later', () => {
    const years = [0, 250_000, 500_000, 750_000, 999_999].map((id) =>
      new Date(itemDate(id)).getUTCFullYear(),
    );
    expect(years[0]).toBe(2014);
    expect(years.at(-1)).toBe(2026);
    for (let k = 1; k < years.length; k++) expect(years[k]).toBeGreaterThanOrEqual(years[k - 1] ?? 0);
    expect(Date.parse(itemDate(1))).toBeGreaterThan(Date.parse(itemDate(0)));
  });

  it("the live feed's new posts (ids from 1,000,000) are newer than the newest of the million", () => {
    const newest = Date.parse(itemDate(999_999));
    for (const id of [1_000_000, 1_000_001, 1_500_000, 1_999_999]) {
      expect(Date.parse(itemDate(id))).toBeGreaterThan(newest);
    }
    expect(Date.parse(itemDate(1_000_001))).toBeGreaterThan(Date.parse(itemDate(1_000_000)));
    // Past 2M the calendar repeats: the 100,000,000-row modes stay within the twelve years.
    expect(new Date(itemDate(99_999_999)).getUTCFullYear()).toBe(2026);
  });
});
