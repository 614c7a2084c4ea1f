/**
 * Where a fast, continuous scroll is read (issue #16 item 2, decision 0038). A scroll event is
 * dispatched at the start of a frame's rendering step, before its animation frame callbacks; a
 * page or an animation that writes the scroll position in `requestAnimationFrame` moves it again
 * after the event, so rows laid out at the event are painted one frame's move behind (at 20,000
 * px/s and 50 ms frames, 1,000 px: most of the viewport blank). While the view says so, a scroll
 * event only asks for one animation frame callback; asked for during the event, it runs in that
 * same frame after the callbacks asked for before it, and reads the position there: where the
 * frame is painted. One read and one layout per frame, as before, only later in it.
 *
 * `read(eventOffset)` gets the offset the last event reported, so the view can tell a position
 * written since the event (then the read is where the paint is) from one that was not (a
 * compositor scroll keeps moving until the paint: the rows may still lean ahead).
 * Without `requestAnimationFrame`, `ask` returns false and the event is read at once.
 *
 * @example
 * const reads = new FrameRead((eventOffset) => layoutAt(element.scrollTop, eventOffset));
 * element.addEventListener('scroll', () => {
 *   if (!reads.ask(element.scrollTop)) layoutAt(element.scrollTop, element.scrollTop);
 * });
 */
export class FrameRead {
  readonly #read: (eventOffset: number) => void;
  #pending = false;
  #stopped = false;
  #eventOffset = 0;

  constructor(read: (eventOffset: number) => void) {
    this.#read = read;
  }

  /** A scroll event at `offset`: the read waits for this frame's callback (true), or happens now (false). */
  ask(offset: number): boolean {
    if (this.#stopped || typeof requestAnimationFrame !== 'function') return false;
    this.#eventOffset = offset;
    if (this.#pending) return true;
    this.#pending = true;
    requestAnimationFrame(() => {
      this.#pending = false;
      if (!this.#stopped) this.#read(this.#eventOffset);
    });
    return true;
  }

  /** Reads nothing more (the view was destroyed). */
  stop(): void {
    this.#stopped = true;
  }
}
