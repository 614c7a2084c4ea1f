import { describe, expect, it } from 'vitest';
import { scaledScale } from './scaledScroll.ts';
import { scaledScrollLoad, scrollScale } from './scrollScale.ts';

// Module state: this file is the only one here that sees the chunk before it loaded.
describe('the scaled mapping as a lazy chunk (decision 0044)', () => {
  it('maps a list longer than maxPhysicalSize 1:1, pending, until the chunk is there, then scales it', async () => {
    expect(scrollScale(3_600_000_000, 600)).toEqual({
      virtualMax: 3_599_999_400,
      physicalMax: 3_599_999_400,
      physicalSize: 15_000_000,
      scaled: false,
      edge: 0,
      pending: true,
    });
    const load = scaledScrollLoad();
    expect(scaledScrollLoad()).toBe(load); // one load for every list
    await load;
    expect(scrollScale(3_600_000_000, 600)).toEqual({
      virtualMax: 3_599_999_400,
      physicalMax: 14_999_400,
      physicalSize: 15_000_000,
      scaled: true,
      edge: 64_000,
    });
  });

  it('is the identity, never pending, while the list fits', () => {
    expect(scrollScale(15_000_000, 600)).toEqual({
      virtualMax: 14_999_400,
      physicalMax: 14_999_400,
      physicalSize: 15_000_000,
      scaled: false,
      edge: 0,
    });
  });

  it('keeps an edge of 64,000 px, or an eighth of a smaller element', () => {
    expect(scaledScale(3_599_999_400, 14_999_400, 15_000_000).edge).toBe(64_000);
    expect(scaledScale(99_999_400, 399_400, 400_000).edge).toBe(49_925);
  });
});
