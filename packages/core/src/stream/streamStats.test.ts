import { describe, expect, it } from 'vitest';
import { RateMeter } from './streamStats.ts';

describe('RateMeter', () => {
  it('computes per-second rates from cumulative counters', () => {
    const meter = new RateMeter(1000);
    expect(meter.sample(0, 0, 0)).toEqual({ bytesPerSecond: 0, itemsPerSecond: 0 });
    expect(meter.sample(500, 1000, 10)).toEqual({ bytesPerSecond: 2000, itemsPerSecond: 20 });
  });

  it('only looks at the last window, so a stalled stream decays to 0', () => {
    const meter = new RateMeter(1000);
    meter.sample(0, 0, 0);
    meter.sample(1000, 10_000, 100);
    meter.sample(2000, 10_000, 100);
    expect(meter.sample(3000, 10_000, 100)).toEqual({ bytesPerSecond: 0, itemsPerSecond: 0 });
  });
});
