// The duration and start of a smooth scrollToIndex (decision 0014 amended): they grow with the
// distance on screen, within bounds, and a long jump flies only its last viewports.
import { describe, expect, it } from 'vitest';
import {
  FLIGHT_MAX_MS,
  FLIGHT_MIN_MS,
  FLOWN_VIEWPORTS,
  flightDuration,
  flightStart,
} from './smoothFlight.ts';

describe('flightDuration', () => {
  it('is short for a few rows, grows with the distance and is capped for long jumps', () => {
    expect(flightDuration(0, 600)).toBe(FLIGHT_MIN_MS);
    const threeRows = flightDuration(3 * 36, 600);
    expect(threeRows).toBeGreaterThanOrEqual(150);
    expect(threeRows).toBeLessThanOrEqual(250);
    const oneViewport = flightDuration(600, 600);
    expect(oneViewport).toBeGreaterThan(threeRows);
    expect(flightDuration(FLOWN_VIEWPORTS * 600, 600)).toBe(FLIGHT_MAX_MS);
    expect(flightDuration(500_000 * 36, 600)).toBe(FLIGHT_MAX_MS);
    expect(flightDuration(-500_000 * 36, 600)).toBe(FLIGHT_MAX_MS); // upwards the same
    expect(FLIGHT_MAX_MS).toBe(600);
  });

  it('measures the distance in viewports: the same rows fly shorter in a taller viewport', () => {
    expect(flightDuration(600, 1_200)).toBeLessThan(flightDuration(600, 600));
    expect(flightDuration(600, 0)).toBe(FLIGHT_MAX_MS); // no viewport yet: 600 px is far
    expect(flightDuration(Number.POSITIVE_INFINITY, 600)).toBe(FLIGHT_MAX_MS);
  });
});

describe('flightStart', () => {
  it('keeps a start within the flown viewports, moves a farther one to that many viewports before the target', () => {
    expect(flightStart(0, 1_000, 600)).toBe(0);
    expect(flightStart(0, 18_000_000, 600)).toBe(18_000_000 - FLOWN_VIEWPORTS * 600);
    expect(flightStart(18_000_000, 0, 600)).toBe(FLOWN_VIEWPORTS * 600); // upwards: from above
  });
});
