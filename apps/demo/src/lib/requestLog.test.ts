import { describe, expect, it } from 'vitest';
import { createRequestLog } from './requestLog.ts';

const deferred = () => {
  let resolve: (value: string) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('createRequestLog', () => {
  it('logs a request as pending, then done with its duration', async () => {
    let time = 100;
    const log = createRequestLog({ now: () => time });
    const answer = deferred();
    const running = log.track('page 0', 'harbor', new AbortController().signal, () => answer.promise);
    expect(log.getSnapshot()).toMatchObject({ started: 1, pending: 1, entries: [{ state: 'pending' }] });
    time = 350;
    answer.resolve('ok');
    await expect(running).resolves.toBe('ok');
    expect(log.getSnapshot()).toMatchObject({
      started: 1,
      pending: 0,
      entries: [{ label: 'page 0', group: 'harbor', state: 'done', ms: 250 }],
    });
  });

  it('marks a request aborted the moment its signal fires, once, whatever run() does after', async () => {
    const log = createRequestLog({ now: () => 0 });
    const controller = new AbortController();
    const answer = deferred();
    let notified = 0;
    log.subscribe(() => {
      notified += 1;
    });
    const running = log.track('page 0', 's*', controller.signal, () => answer.promise);
    controller.abort();
    expect(log.getSnapshot()).toMatchObject({ pending: 0, aborted: 1, entries: [{ state: 'aborted' }] });
    answer.reject(new DOMException('aborted', 'AbortError'));
    await expect(running).rejects.toThrow('aborted');
    expect(log.getSnapshot()).toMatchObject({ aborted: 1, failed: 0, entries: [{ state: 'aborted' }] });
    expect(notified).toBe(2); // started, aborted
  });

  it('counts failures and keeps only the latest entries', async () => {
    const log = createRequestLog({ keep: 2 });
    const signal = new AbortController().signal;
    await log.track('a', 'g', signal, async () => 1);
    await expect(log.track('b', 'g', signal, () => Promise.reject(new Error('HTTP 500')))).rejects.toThrow();
    await log.track('c', 'g', signal, async () => 3);
    const snapshot = log.getSnapshot();
    expect(snapshot.entries.map((entry) => `${entry.label}:${entry.state}`)).toEqual(['b:failed', 'c:done']);
    expect(snapshot).toMatchObject({ started: 3, pending: 0, failed: 1, aborted: 0 });
  });
});
