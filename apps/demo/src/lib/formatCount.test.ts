import { describe, expect, it } from 'vitest';
import { formatCount, pluralize } from './formatCount.ts';

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

describe('pluralize', () => {
  it.each([
    [0, 'chunk', undefined, 'chunks'],
    [1, 'chunk', undefined, 'chunk'],
    [2, 'cut connection', undefined, 'cut connections'],
    [1, 'entry', 'entries', 'entry'],
    [1_000, 'entry', 'entries', 'entries'],
  ])('%d %s → %s', (count, noun, plural, text) => {
    expect(pluralize(count, noun, plural)).toBe(text);
  });

  it('treats a fraction as plural, as English does ("1.5 seconds")', () => {
    expect(pluralize(1.5, 'second')).toBe('seconds');
  });
});
