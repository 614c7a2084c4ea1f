import { describe, expect, it } from 'vitest';
import { formatCount } from './formatCount.ts';

describe('formatCount', () => {
  it.each([
    [0, 'page', undefined, '0 pages'],
    [1, 'page', undefined, '1 page'],
    [2, 'page', undefined, '2 pages'],
    [1_000, 'request', undefined, '1,000 requests'],
    [1, 'entry', 'entries', '1 entry'],
    [3, 'entry', 'entries', '3 entries'],
  ])('%d %s → %s', (count, noun, plural, text) => {
    expect(formatCount(count, noun, plural)).toBe(text);
  });
});
