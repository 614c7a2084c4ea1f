import { startTransition, useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { useClientLayoutEffect } from './clientLayoutEffect.ts';

/** A snapshot the hook was told about, numbered: the higher number is the newer one. */
interface Told<S> {
  readonly snapshot: S;
  readonly seq: number;
}

/** A deferred snapshot handed to React; let go of (`snapshot: null`) once an urgent one is newer. */
interface Later<S> {
  readonly store: object;
  snapshot: S | null;
  readonly seq: number;
}

/** A deferred change shows within this, urgently if no transition committed it (one suspended). */
const MAX_DEFER_MS = 250;

let told = 0;

/**
 * Reads a lazyflow store (`subscribe`/`getSnapshot`) as React state, like
 * `useSyncExternalStore`, except that a change announced while `deferring()` is true (items
 * appended to a list, a stream's new batch) renders in a transition: React renders it in
 * slices between other tasks instead of inside the task that took the items in, so a stream
 * pouring in no longer lays out a screen of new rows in one long task (issue #16 item 3,
 * decision 0081). An urgent change (a scroll, a measured row) renders the store's latest
 * snapshot at once, and the newer snapshot always wins, so the two never show different data.
 * A deferred change shows within 250 ms even if no transition commits it (it is rendered
 * urgently then).
 *
 * @example
 * const snapshot = useStoreSnapshot(stream.subscribe, stream.getSnapshot, () => true);
 */
export function useStoreSnapshot<S>(
  subscribe: (listener: () => void) => () => void,
  getSnapshot: () => S,
  deferring?: () => boolean,
): S {
  // `urgent`: what useSyncExternalStore renders; `waiting`: the last deferred snapshot handed to
  // React, with the timer that renders it urgently if no commit shows it within MAX_DEFER_MS.
  const store = useMemo(
    () => ({
      urgent: { snapshot: getSnapshot(), seq: 0 } as Told<S>,
      waiting: null as Later<S> | null,
      timer: undefined as ReturnType<typeof setTimeout> | undefined,
    }),
    [getSnapshot],
  );
  const [later, setLater] = useState<Later<S> | null>(null);
  const listen = useCallback(
    (listener: () => void) => {
      const urgently = () => {
        clearTimeout(store.timer);
        store.timer = undefined;
        const snapshot = getSnapshot();
        if (snapshot !== store.urgent.snapshot) store.urgent = { snapshot, seq: ++told };
        // Never shown again (the urgent one is newer): React's state must not keep its data
        // (pages the list evicted since) alive until the next append.
        if (store.waiting !== null && store.waiting.seq < store.urgent.seq) {
          store.waiting.snapshot = null;
          store.waiting = null;
        }
      };
      urgently();
      const stop = subscribe(() => {
        if (deferring?.() !== true) {
          urgently();
          return listener();
        }
        const next: Later<S> = { store, snapshot: getSnapshot(), seq: ++told };
        store.waiting = next;
        startTransition(() => setLater(next));
        store.timer ??= setTimeout(() => {
          urgently();
          listener();
        }, MAX_DEFER_MS);
      });
      return () => {
        clearTimeout(store.timer);
        store.timer = undefined;
        stop();
      };
    },
    [store, subscribe, getSnapshot, deferring],
  );
  useClientLayoutEffect(() => {
    // A commit showed the last deferred change: its fallback is not needed.
    if (later !== null && later === store.waiting) {
      clearTimeout(store.timer);
      store.timer = undefined;
    }
  }, [later, store]);
  const getUrgent = useCallback(() => store.urgent, [store]);
  const urgent = useSyncExternalStore(listen, getUrgent, getUrgent);
  return later?.store === store && later.seq > urgent.seq ? (later.snapshot as S) : urgent.snapshot;
}
