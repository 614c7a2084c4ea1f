// Fixtures of the stream's browser tests that replace the parse Worker (a spy subclass) or wait
// for a stream's end: one copy instead of one per file.
import { afterEach } from 'vitest';
import type { ItemStream, StreamSnapshot } from '../stream/createStream.ts';

/** The page's own Worker class, before any test replaced `globalThis.Worker`. */
export const RealWorker = globalThis.Worker;

/** Puts the real Worker class back after each test of the calling file. */
export function restoreWorkerAfterEach(): void {
  afterEach(() => {
    globalThis.Worker = RealWorker;
  });
}

/** Subscribes until the stream ended (`done` or `error`); resolves with its last snapshot. */
export function ended<T>(stream: ItemStream<T>): Promise<StreamSnapshot<T>> {
  return new Promise((resolve) => {
    const unsubscribe = stream.subscribe(() => {
      const s = stream.getSnapshot();
      if (s.status !== 'done' && s.status !== 'error') return;
      queueMicrotask(unsubscribe);
      resolve(s);
    });
  });
}
