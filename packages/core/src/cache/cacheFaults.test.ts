import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultTimers } from '../env/timers.ts';
import { CacheTimeoutError, classifyCacheError, describeCacheError, withTimeout } from './cacheFaults.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('classifyCacheError', () => {
  it.each([
    ['QuotaExceededError', 'quota'],
    ['AbortError', 'quota'],
    ['InvalidStateError', 'quota'],
    ['DataCloneError', 'clone'],
    ['NotFoundError', 'unavailable'],
    ['SecurityError', 'unavailable'],
    ['UnknownError', 'unavailable'],
    ['TypeError', 'other'],
  ])('%s → %s', (name, fault) => {
    expect(classifyCacheError(new DOMException('x', name))).toBe(fault);
  });

  it('treats an aborted transaction without an error (null) as quota', () => {
    expect(classifyCacheError(null)).toBe('quota');
  });

  it('treats a timeout and a missing indexedDB as unavailable', () => {
    expect(classifyCacheError(new CacheTimeoutError('slow'))).toBe('unavailable');
    expect(classifyCacheError(new ReferenceError('indexedDB is not defined'))).toBe('unavailable');
  });

  it('describes errors for warnings', () => {
    expect(describeCacheError(new DOMException('disk full', 'QuotaExceededError'))).toBe(
      'QuotaExceededError: disk full',
    );
    expect(describeCacheError(null)).toBe('transaction aborted');
  });
});

describe('withTimeout', () => {
  it('rejects with CacheTimeoutError when the work hangs', async () => {
    vi.useFakeTimers();
    const result = withTimeout(() => new Promise(() => {}), 3_000, defaultTimers, 'open');
    const assertion = expect(result).rejects.toThrow(
      new CacheTimeoutError('IndexedDB open did not finish within 3000 ms'),
    );
    await vi.advanceTimersByTimeAsync(3_000);
    await assertion;
  });

  it('resolves with the work and clears its timer', async () => {
    vi.useFakeTimers();
    await expect(withTimeout(() => Promise.resolve(7), 3_000, defaultTimers, 'read')).resolves.toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const work = () => {
      throw new ReferenceError('indexedDB is not defined');
    };
    await expect(withTimeout(work, 1_000, defaultTimers, 'open')).rejects.toThrow(ReferenceError);
  });
});
