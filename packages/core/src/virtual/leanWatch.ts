/**
 * Whether rows may lean ahead of a moving scroll (decision 0020, amended): only while it keeps
 * moving, frame after frame, faster than the overscan covers. A scroll event reports where the
 * previous frame left the scroll; a continuous scroll is painted about one event's move further,
 * so rows laid out for the position read are scrolled past before they are seen. A frame with no
 * scroll event ends it: `onStop` lays the rows out where the scroll is. Frames are watched with
 * two animation frames (a callback asked for during a scroll event runs in that same frame,
 * before the next scroll event could come). Without `requestAnimationFrame` nothing leans.
 *
 * @example
 * const watch = new LeanWatch(() => relayoutWithoutLean());
 * watch.scrolled(); // each scroll event
 * watch.moving(stride > overscan); // each layout; lean only when watch.continuous
 */
export class LeanWatch {
  readonly #onStop: () => void;
  #scrolls = 0;
  #fast = false;
  #armed = false;
  #stopped = false;
  /** A scroll event came in each watched frame since the scroll became fast. */
  continuous = false;

  constructor(onStop: () => void) {
    this.#onStop = onStop;
  }

  /** A scroll event came. */
  scrolled(): void {
    this.#scrolls += 1;
  }

  /** Each layout: whether the scroll moves more per event than the overscan covers. */
  moving(fast: boolean): void {
    this.#fast = fast;
    if (!fast) this.continuous = false;
    else if (!this.#armed && !this.#stopped && typeof requestAnimationFrame === 'function') this.#arm();
  }

  /** Watches nothing more (the view was destroyed). */
  stop(): void {
    this.#stopped = true;
  }

  #arm(): void {
    this.#armed = true;
    const seen = this.#scrolls;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        this.#armed = false;
        if (this.#stopped) return;
        if (this.#scrolls !== seen) {
          this.continuous = this.#fast;
          if (this.#fast) this.#arm();
          return;
        }
        const leaned = this.continuous;
        this.continuous = false;
        if (leaned) this.#onStop();
      }),
    );
  }
}
