import { afterEach, describe, expect, it, vi } from 'vitest';
import { idleBatch } from './idleBatch.ts';

afterEach(() => {
  vi.useRealTimers();
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
});
