import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryMonitor, type MemoryPerformance, randomInterval } from './createMemoryMonitor.ts';
import { getDefaultMemoryMonitor, getHealth, setDefaultMemoryMonitor } from './defaultMemoryMonitor.ts';

afterEach(() => {
  vi.useRealTimers();
  setDefaultMemoryMonitor(null);
});

const flush = () => Promise.resolve();

describe('createMemoryMonitor', () => {
  it('sums registered SDK bytes into the level, in real time', async () => {
    const monitor = createMemoryMonitor({ limitBytes: 1_000, performance: null });
    const a = monitor.register();
    const b = monitor.register();
    a.update(500);
    b.update(350);
    await flush();
    expect(monitor.getSnapshot()).toEqual({
      sdkBytes: 850,
      limitBytes: 1_000,
      ratio: 0.85,
      level: 'high',
      source: 'estimate',
      simulated: false,
    });
    b.unregister();
    await flush();
    expect(monitor.getSnapshot().level).toBe('ok');
  });

  it('keeps the snapshot reference until a figure changes, and notifies once per burst', async () => {
    const monitor = createMemoryMonitor({ limitBytes: 1_000, performance: null });
    const listener = vi.fn();
    const stop = monitor.subscribe(listener);
    const first = monitor.getSnapshot();
    const registration = monitor.register();
    for (let bytes = 1; bytes <= 100; bytes++) registration.update(bytes);
    await flush();
    expect(listener).toHaveBeenCalledTimes(1);
    const second = monitor.getSnapshot();
    expect(second).not.toBe(first);
    registration.update(100);
    await flush();
    expect(monitor.getSnapshot()).toBe(second);
    stop();
  });

  it('samples performance.memory every sampleMs only while subscribed', async () => {
    vi.useFakeTimers();
    const performance = { memory: { usedJSHeapSize: 100, jsHeapSizeLimit: 1_000 } };
    const monitor = createMemoryMonitor({ limitBytes: 10_000, sampleMs: 5_000, performance });
    expect(monitor.getSnapshot().source).toBe('estimate'); // nothing before the first subscriber
    const stop = monitor.subscribe(() => {});
    expect(monitor.getSnapshot()).toMatchObject({
      jsHeapUsed: 100,
      jsHeapLimit: 1_000,
      source: 'performance.memory',
    });
    performance.memory.usedJSHeapSize = 960;
    await vi.advanceTimersByTimeAsync(4_999);
    expect(monitor.getSnapshot().jsHeapUsed).toBe(100);
    await vi.advanceTimersByTimeAsync(1);
    expect(monitor.getSnapshot()).toMatchObject({ jsHeapUsed: 960, ratio: 0.96, level: 'critical' });
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('calls measureUserAgentSpecificMemory only when cross-origin isolated, at random intervals', async () => {
    vi.useFakeTimers();
    const measure = vi.fn(async () => ({ bytes: 850 }));
    const performance: MemoryPerformance = { measureUserAgentSpecificMemory: measure };
    const isolated = createMemoryMonitor({
      limitBytes: 1_000,
      performance,
      crossOriginIsolated: true,
      measureMeanMs: 60_000,
      random: () => 0.5,
    });
    const notIsolated = createMemoryMonitor({ limitBytes: 1_000, performance, crossOriginIsolated: false });
    const stops = [isolated.subscribe(() => {}), notIsolated.subscribe(() => {})];
    await vi.advanceTimersByTimeAsync(41_000);
    expect(measure).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600); // -ln(0.5) × 60 s ≈ 41.6 s
    expect(measure).toHaveBeenCalledTimes(1);
    expect(isolated.getSnapshot()).toMatchObject({
      jsHeapUsed: 850,
      source: 'measureUserAgentSpecificMemory',
      level: 'high',
    });
    expect(notIsolated.getSnapshot().source).toBe('estimate');
    await vi.advanceTimersByTimeAsync(41_600);
    expect(measure).toHaveBeenCalledTimes(2);
    for (const stop of stops) stop();
  });

  it('draws measurement intervals around the mean, clamped', () => {
    expect(randomInterval(60_000, () => 0.5)).toBeCloseTo(41_588.8, 0);
    expect(randomInterval(60_000, () => 0)).toBe(6_000);
    expect(randomInterval(60_000, () => 0.999_999_9)).toBe(300_000);
  });

  it('simulate() forces a level until reset with null', async () => {
    const monitor = createMemoryMonitor({ limitBytes: 1_000, performance: null });
    const listener = vi.fn();
    monitor.subscribe(listener);
    monitor.simulate('critical');
    expect(monitor.getSnapshot()).toMatchObject({ level: 'critical', simulated: true });
    expect(listener).toHaveBeenCalledTimes(1);
    monitor.simulate(null);
    expect(monitor.getSnapshot()).toMatchObject({ level: 'ok', simulated: false });
    expect(() => monitor.simulate('panic' as never)).toThrow(/simulate option "level"/);
  });

  it('grades health from every registered list’s counters', async () => {
    const monitor = createMemoryMonitor({ limitBytes: 1_000, performance: null });
    monitor
      .register(() => ({ cacheHits: 10, cacheMisses: 30, requests: 30, retries: 3, errors: 0 }))
      .update(970);
    monitor.register(() => ({ cacheHits: 0, cacheMisses: 10, requests: 10, retries: 0, errors: 1 }));
    await flush();
    setDefaultMemoryMonitor(monitor);
    const health = getHealth();
    expect(health.memory).toMatchObject({ status: 'critical', level: 'critical', sdkBytes: 970 });
    expect(health.cacheHitRate).toEqual({ status: 'warning', value: 0.2, lookups: 50 });
    expect(health.errorRate).toEqual({ status: 'warning', value: 0.1, requests: 40 });
  });

  it('reports healthy with zero figures when no monitor is set', () => {
    expect(getDefaultMemoryMonitor()).toBeNull();
    expect(getHealth().memory).toEqual({ status: 'healthy', level: 'ok', ratio: 0, sdkBytes: 0 });
  });

  it.each([
    [{ limitBytes: 0 }, /"limitBytes" must be a number > 0/],
    [{ high: 0.9, critical: 0.8 }, /"critical" must be >= high \(0.9\)/],
    [{ sampleMs: 1.5 }, /"sampleMs" must be a positive integer/],
  ])('rejects bad options %j naming the option', (options, message) => {
    expect(() => createMemoryMonitor(options)).toThrow(message);
  });
});
