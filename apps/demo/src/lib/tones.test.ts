import { describe, expect, it } from 'vitest';
import { badgeClass, budgetTone, healthTone, lagTone, levelTone, lostTone } from './tones.ts';

describe('tones', () => {
  it.each([
    ['healthy', 'ok'],
    ['warning', 'warn'],
    ['critical', 'bad'],
  ] as const)('health %s → %s', (status, tone) => {
    expect(healthTone(status)).toBe(tone);
  });

  it.each([
    ['ok', 'ok'],
    ['high', 'warn'],
    ['critical', 'bad'],
  ] as const)('pressure %s → %s', (level, tone) => {
    expect(levelTone(level)).toBe(tone);
  });

  it.each([
    [0, 2_000_000, 'ok'],
    [2_000_000, 2_000_000, 'ok'], // at the budget: eviction doing its job
    [2_150_000, 2_000_000, 'ok'], // one page over before eviction runs
    [2_300_000, 2_000_000, 'warn'],
    [3_000_000, 2_000_000, 'warn'],
    [3_100_000, 2_000_000, 'bad'],
    [10, 0, 'neutral'], // no budget known
  ] as const)('%d bytes of a %d budget → %s', (bytes, budget, tone) => {
    expect(budgetTone(bytes, budget)).toBe(tone);
  });

  it('turns a stream red for any lost event, never for reconnects alone', () => {
    expect(lostTone(0)).toBe('ok');
    expect(lostTone(1)).toBe('bad');
  });

  it.each([
    [0, 'ok'],
    [999, 'ok'],
    [1_000, 'warn'],
    [5_000, 'bad'],
  ] as const)('lag %d ms → %s', (lag, tone) => {
    expect(lagTone(lag)).toBe(tone);
  });

  it('names the badge class of a tone', () => {
    expect(badgeClass('bad')).toBe('badge badge-bad');
    expect(badgeClass('neutral')).toBe('badge');
  });
});
