/** Where the layout is: `queued` for a microtask, `running`, or `again` (one more round asked). */
type LayoutPhase = 'idle' | 'queued' | 'running' | 'again';

/**
 * A virtual list's layout re-entrancy. Measurements of one render are folded into one layout, in
 * a microtask, still before paint (`schedule`); a layout asked for while one runs (its notify
 * renders, the list publishes) becomes one more round of the running one, up to 4 (`run`).
 * Made by `createLayoutRounds`.
 */
export interface LayoutRounds {
  /** Folds many measurements (one per new row in a render) into one layout, still before paint. */
  schedule(): void;
  /** Runs `round` until nothing asked for another (at most 4); false when a layout is running already (it will run again). */
  run(round: () => void): boolean;
}

/**
 * The layout rounds of a view whose layout is `sync`, called from the microtask `schedule`
 * queues. The phase is held in this closure, as the scroll link's state is (createScrollLink).
 *
 * @example
 * const rounds = createLayoutRounds(() => sync());
 * rounds.schedule(); // a row was measured
 * if (rounds.run(() => layOutAndNotify())) commit();
 */
export function createLayoutRounds(sync: () => void): LayoutRounds {
  let phase: LayoutPhase = 'idle';
  return {
    schedule() {
      if (phase !== 'idle') {
        if (phase === 'running') phase = 'again';
        return;
      }
      phase = 'queued';
      queueMicrotask(() => {
        // A layout that ran meanwhile took the measurements in already.
        if (phase === 'queued') sync();
      });
    },
    run(round) {
      if (phase === 'running' || phase === 'again') {
        phase = 'again';
        return false;
      }
      try {
        let rounds = 0;
        do {
          phase = 'running';
          round();
          // Read back: a change during the layout (notify renders, the list publishes) set it.
        } while ((phase as LayoutPhase) === 'again' && ++rounds < 4);
      } finally {
        phase = 'idle';
      }
      return true;
    },
  };
}
