/** Where the layout is: `queued` for a microtask, `running`, or `again` (one more round asked). */
type LayoutPhase = 'idle' | 'queued' | 'running' | 'again';

/**
 * A virtual list's layout re-entrancy. Measurements of one render are folded into one layout, in
 * a microtask, still before paint (`schedule`); a layout asked for while one runs (its notify
 * renders, the list publishes) becomes one more round of the running one, up to 4 (`run`).
 *
 * @example
 * const rounds = new LayoutRounds(() => sync());
 * rounds.schedule(); // a row was measured
 * if (rounds.run(() => layOutAndNotify())) commit();
 */
export class LayoutRounds {
  readonly #sync: () => void;
  #phase: LayoutPhase = 'idle';

  /** `sync` is the view's layout, called from the microtask `schedule` queues. */
  constructor(sync: () => void) {
    this.#sync = sync;
  }

  /** Folds many measurements (one per new row in a render) into one layout, still before paint. */
  schedule(): void {
    if (this.#phase !== 'idle') {
      if (this.#phase === 'running') this.#phase = 'again';
      return;
    }
    this.#phase = 'queued';
    queueMicrotask(() => {
      // A layout that ran meanwhile took the measurements in already.
      if (this.#phase === 'queued') this.#sync();
    });
  }

  /** Runs `round` until nothing asked for another (at most 4); false when a layout is running already (it will run again). */
  run(round: () => void): boolean {
    if (this.#phase === 'running' || this.#phase === 'again') {
      this.#phase = 'again';
      return false;
    }
    try {
      let rounds = 0;
      do {
        this.#phase = 'running';
        round();
        // Read back: a change during the layout (notify renders, the list publishes) set it.
      } while ((this.#phase as LayoutPhase) === 'again' && ++rounds < 4);
    } finally {
      this.#phase = 'idle';
    }
    return true;
  }
}
