import { describe, expect, it } from 'vitest';
import { type MemoryLevel, memoryLevel, memoryRatio } from './memoryLevel.ts';

describe('memoryRatio', () => {
  it.each([
    ['the SDK bytes alone', { sdkBytes: 400, limitBytes: 1_000 }, 0.4],
    ['the larger of SDK bytes and heap', { sdkBytes: 400, heapUsed: 700, limitBytes: 1_000 }, 0.7],
    [
      'the smaller of limitBytes and the heap limit',
      { sdkBytes: 100, heapUsed: 900, heapLimit: 1_000, limitBytes: 2_000 },
      0.9,
    ],
    ['a zero limit as empty', { sdkBytes: 100, limitBytes: 0 }, 0],
  ])('uses %s', (_, figures, ratio) => {
    expect(memoryRatio(figures)).toBeCloseTo(ratio);
  });
});

describe('memoryLevel', () => {
  const thresholds = { high: 0.8, critical: 0.95 };
  it.each<[number, MemoryLevel, MemoryLevel]>([
    [0.5, 'ok', 'ok'],
    [0.8, 'ok', 'high'],
    [0.94, 'ok', 'high'],
    [0.95, 'ok', 'critical'],
    [1.4, 'high', 'critical'],
    // hysteresis on the way down: 0.05 below the threshold before leaving a level
    [0.78, 'high', 'high'],
    [0.75, 'high', 'high'],
    [0.74, 'high', 'ok'],
    [0.92, 'critical', 'critical'],
    [0.89, 'critical', 'high'],
    [0.5, 'critical', 'ok'],
    [0.78, 'ok', 'ok'],
  ])('ratio %d after %s → %s', (ratio, previous, level) => {
    expect(memoryLevel(ratio, previous, thresholds)).toBe(level);
  });

  it('takes a custom hysteresis', () => {
    expect(memoryLevel(0.78, 'high', { ...thresholds, hysteresis: 0 })).toBe('ok');
  });
});
