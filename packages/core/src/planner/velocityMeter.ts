/**
 * Scroll speed in items per second from successive scroll positions: halfway smoothed, and
 * restarted after a pause (an event 300 ms after the previous one starts a new gesture).
 *
 * @example
 * const meter = new VelocityMeter();
 * meter.track(4_000, performance.now(), 1 / 36); // 4,000 px moved, 36 px per item
 * meter.velocity; // items per second
 */
export class VelocityMeter {
  #lastAt = 0;
  velocity = 0;
  /**
   * Items moved per scroll event, halfway smoothed like the speed: how far the next paint will
   * be from the position just read (a scroll event reports where the previous frame left off).
   */
  stride = 0;
  direction: 'forward' | 'backward' = 'forward';

  /** Records a move of `moved` px at time `now` (ms). */
  track(moved: number, now: number, itemsPerPx: number): void {
    const elapsed = now - this.#lastAt;
    this.#lastAt = now;
    if (moved !== 0) this.direction = moved > 0 ? 'forward' : 'backward';
    if (elapsed <= 0 || elapsed > 300) return;
    const instant = (Math.abs(moved) / elapsed) * 1000 * itemsPerPx;
    const step = Math.abs(moved) * itemsPerPx;
    this.stride = this.velocity === 0 ? step : this.stride * 0.5 + step * 0.5;
    this.velocity = this.velocity === 0 ? instant : this.velocity * 0.5 + instant * 0.5;
  }

  /**
   * The speed rounded to a power of two (0 below 1 item/s): the list and the render-ahead only
   * need its order of magnitude (fling or not); the exact speed would make every scroll event a
   * new window, and rows appear and vanish ahead of the scroll from one frame to the next.
   */
  get rounded(): number {
    return this.velocity < 1 ? 0 : 2 ** Math.round(Math.log2(this.velocity));
  }

  /** Scrolling stopped. */
  stop(): void {
    this.velocity = 0;
    this.stride = 0;
  }
}
