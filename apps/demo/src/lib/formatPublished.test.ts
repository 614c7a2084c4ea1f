import { describe, expect, it } from 'vitest';
import { formatPublished } from './formatPublished.ts';
import { itemDate } from './realisticItems.ts';

describe('formatPublished', () => {
  it('gives the day and the 24-hour UTC time', () => {
    expect(formatPublished('2014-03-01T10:42:07.000Z')).toBe('Mar 1, 2014 · 10:42');
    expect(formatPublished('2025-12-31T00:05:00.000Z')).toBe('Dec 31, 2025 · 00:05');
  });

  it('tells apart the rows of one screen, which share a day', () => {
    const shown = Array.from({ length: 20 }, (_, id) => formatPublished(itemDate(id)));
    expect(new Set(shown.map((text) => text.split(' · ')[0])).size).toBe(1);
    expect(new Set(shown).size).toBeGreaterThan(15);
  });
});
