import { startTransition, useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { useClientLayoutEffect } from './clientLayoutEffect.ts';

/** A snapshot the hook was told about, numbered: the higher number is the newer one. */
interface Told<S> {
  readonly snapshot: S;
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
  // `urgent`: what useSyncExternalStore renders; `waiting`: the last deferred change's number
  // until a commit shows it, with the timer that renders it urgently after MAX_DEFER_MS.
  const store = useMemo(
    () => ({
      urgent: { snapshot: getSnapshot(), seq: 0 } as Told<S>,
      waiting: 0,
      timer: undefined as ReturnType<typeof setTimeout> | undefined,
    }),
    [getSnapshot],
  );
  const [later, setLater] = useState<(Told<S> & { readonly store: typeof store }) | null>(null);
  const listen = useCallback(
    (listener: () => void) => {
      const urgently = () => {
        clearTimeout(store.timer);
        store.timer = undefined;
        const snapshot = getSnapshot();
        if (snapshot !== store.urgent.snapshot) store.urgent = { snapshot, seq: ++told };
      };
      urgently();
      const stop = subscribe(() => {
        if (deferring?.() !== true) {
          urgently();
          return listener();
        }
        const next = { store, snapshot: getSnapshot(), seq: ++told };
        store.waiting = next.seq;
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
    if (later?.store === store && later.seq >= store.waiting) {
      clearTimeout(store.timer);
      store.timer = undefined;
    }
  }, [later, store]);
  const getUrgent = useCallback(() => store.urgent, [store]);
  const urgent = useSyncExternalStore(listen, getUrgent, getUrgent);
  return later?.store === store && later.seq > urgent.seq ? later.snapshot : urgent.snapshot;
}
