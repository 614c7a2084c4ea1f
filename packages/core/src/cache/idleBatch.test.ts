import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultIdleSchedule, idleBatch } from './idleBatch.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('idleBatch', () => {
  it('folds every request made before the run into one run', async () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const request = idleBatch(run, (callback) => setTimeout(callback, 50));
    for (let i = 0; i < 100; i++) request();
    expect(run).not.toHaveBeenCalled(); // off the hot path
    await vi.advanceTimersByTimeAsync(50);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('schedules a new run for requests made after a run', async () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const request = idleBatch(run, (callback) => setTimeout(callback, 50));
    request();
    await vi.advanceTimersByTimeAsync(50);
    request();
    request();
    await vi.advanceTimersByTimeAsync(50);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('uses requestIdleCallback with a deadline when the browser has it', () => {
    const requestIdleCallback = vi.fn((callback: () => void) => {
      callback();
      return 1;
    });
    vi.stubGlobal('requestIdleCallback', requestIdleCallback);
    const callback = vi.fn();
    defaultIdleSchedule(callback);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(requestIdleCallback).toHaveBeenCalledWith(expect.any(Function), { timeout: 1_000 });
  });

  it('falls back to a timer without requestIdleCallback (Safari, Node)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const callback = vi.fn();
    defaultIdleSchedule(callback);
    await vi.advanceTimersByTimeAsync(49);
    expect(callback).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(callback).toHaveBeenCalledTimes(1);
  });
});
