import { describe, expect, it } from 'vitest';
import { buildHealth, gradeLevel, gradeRate } from './health.ts';

const counts = (fields: Partial<Parameters<typeof buildHealth>[1]> = {}) => ({
  cacheHits: 0,
  cacheMisses: 0,
  requests: 0,
  retries: 0,
  errors: 0,
  ...fields,
});

describe('health grades', () => {
  it.each([
    ['ok', 'healthy'],
    ['high', 'warning'],
    ['critical', 'critical'],
  ] as const)('memory level %s is %s', (level, status) => {
    expect(gradeLevel(level)).toBe(status);
  });

  it.each([
    [0.9, 'healthy'],
    [0.4, 'warning'],
    [0.1, 'critical'],
  ] as const)('hit rate %d is %s', (value, status) => {
    expect(gradeRate(value, 100, { warning: 0.5, critical: 0.2, worse: 'below', minSamples: 20 })).toBe(
      status,
    );
  });

  it('grades a hit rate healthy below the minimum sample count (a first scroll misses every lookup)', () => {
    expect(gradeRate(0, 15, { warning: 0.5, critical: 0.2, worse: 'below', minSamples: 20 })).toBe('healthy');
  });

  // Below the minimum sample count an error rate counts the requests still missing as successes:
  // one failure is a blip, every request failing is trouble (the demo with errorRate=1 showed
  // "errors healthy" for 12 of 12 requests failed).
  it.each([
    [1, 1, 'healthy'],
    [1, 4, 'healthy'],
    [3, 3, 'warning'],
    [12, 12, 'critical'],
    [6, 19, 'critical'],
  ] as const)('%d failed of %d requests (fewer than 20) is %s', (failed, requests, status) => {
    const bounds = { warning: 0.05, critical: 0.25, worse: 'above', minSamples: 20 } as const;
    expect(gradeRate(failed / requests, requests, bounds)).toBe(status);
  });

  it('reports the figures behind each grade', () => {
    const report = buildHealth(
      { level: 'high', ratio: 0.85, sdkBytes: 4_000, jsHeapUsed: 9_000 },
      counts({ cacheHits: 30, cacheMisses: 70, requests: 70, retries: 14, errors: 7 }),
    );
    expect(report.memory).toEqual({
      status: 'warning',
      level: 'high',
      ratio: 0.85,
      sdkBytes: 4_000,
      jsHeapUsed: 9_000,
    });
    expect(report.cacheHitRate).toEqual({ status: 'warning', value: 0.3, lookups: 100 });
    expect(report.errorRate).toEqual({ status: 'critical', value: 0.3, requests: 70 });
  });

  it('is healthy with no traffic at all', () => {
    const report = buildHealth({ level: 'ok', ratio: 0, sdkBytes: 0 }, counts());
    expect([report.memory.status, report.cacheHitRate.status, report.errorRate.status]).toEqual([
      'healthy',
      'healthy',
      'healthy',
    ]);
  });
});
