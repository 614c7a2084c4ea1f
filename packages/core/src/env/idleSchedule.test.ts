import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultIdleSchedule } from './idleSchedule.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('defaultIdleSchedule', () => {
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
