/**
 * Browsers cap an element's size: Chrome near 33,554,428 px, Firefox near 17,895,697 px.
 * 15,000,000 px stays under both, so lists taller than this are mapped onto it.
 */
export const MAX_PHYSICAL_SIZE = 15_000_000;

/**
 * Distance kept between the physical position and either edge of the element while the virtual
 * position is farther than this from its own ends: a wheel, touch or key move of up to half of it
 * is never clamped by the browser, so it reaches the list whole (issue 16: a 20,000 px wheel step).
 */
const EDGE = 64_000;

/** How far the element may sit from its proportional position once scrolling settles. */
const DRIFT = 1_000_000;

/**
 * How a list's virtual extent (its real height, up to billions of px) maps onto the scroll
 * element's physical extent. Wheel, touch, keyboard and programmatic moves are relative: they
 * move the content by exactly the distance the element moved, keeping `virtual − physical`.
 * Only a scrollbar drag maps proportionally (`virtualForJump`). The element is put back near its
 * proportional place (`idealPhysical`) when it drifted more than `DRIFT` and scrolling has
 * settled, or at once when it came within `edge / 2` of an edge the list has not reached (at the
 * end of a scroll the browser animates with no wheel or touch explaining it: decision 0087): one
 * write to `scrollTop`, invisible because content follows the virtual position.
 */
export interface ScrollScale {
  /** Largest virtual scroll position: content size − viewport. */
  readonly virtualMax: number;
  /** Largest physical scroll position: physical size − viewport. */
  readonly physicalMax: number;
  /** Size to give the scrolled content (the spacer). */
  readonly physicalSize: number;
  /** Whether virtual and physical positions differ at all. */
  readonly scaled: boolean;
  /** Within this many px of either end, virtual and physical positions are the same distance from it. */
  readonly edge: number;
}

/**
 * The mapping for a list of `virtualSize` px in a viewport of `viewport` px.
 *
 * @example
 * const scale = scrollScale(3_600_000_000, 600); // 100,000,000 rows of 36 px
 * scale.physicalSize; // 15,000,000
 */
export function scrollScale(
  virtualSize: number,
  viewport: number,
  maxPhysical = MAX_PHYSICAL_SIZE,
): ScrollScale {
  const size = Math.max(0, virtualSize);
  const view = Math.max(0, viewport);
  const physicalSize = Math.min(size, maxPhysical);
  const virtualMax = Math.max(0, size - view);
  const physicalMax = Math.max(0, physicalSize - view);
  if (virtualMax <= physicalMax || physicalMax <= 0) {
    return { virtualMax, physicalMax: virtualMax, physicalSize: size, scaled: false, edge: 0 };
  }
  const edge = Math.min(EDGE, Math.floor(physicalMax / 8));
  return { virtualMax, physicalMax, physicalSize, scaled: true, edge };
}

/**
 * The same list's mapping in another viewport (the element's, read when the list attaches: the
 * layout before it had none).
 *
 * @example
 * withViewport(scrollScale(36_000_000, 0), 0, 600).physicalMax; // 14,999,400
 */
export function withViewport(scale: ScrollScale, from: number, to: number): ScrollScale {
  return scrollScale(scale.virtualMax + from, to, scale.physicalSize);
}

/** A position in both coordinate systems. */
export interface ScalePosition {
  readonly virtual: number;
  readonly physical: number;
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));

/**
 * Where the element belongs for a virtual position: 1:1 with the ends within `edge` of them,
 * proportional in between.
 *
 * @example
 * idealPhysical(scale, scale.virtualMax / 2); // scale.physicalMax / 2
 */
export function idealPhysical(scale: ScrollScale, virtual: number): number {
  const v = clamp(virtual, scale.virtualMax);
  return scale.scaled ? across(v, scale.virtualMax, scale.physicalMax, scale.edge) : v;
}

/**
 * The virtual position of a physical one reached by a scrollbar drag: the inverse of
 * `idealPhysical`, proportional over the whole list and exact at both ends.
 *
 * @example
 * virtualForJump(scale, scale.physicalMax).virtual === scale.virtualMax; // true
 */
export function virtualForJump(scale: ScrollScale, physical: number): ScalePosition {
  const p = clamp(physical, scale.physicalMax);
  return {
    virtual: scale.scaled ? across(p, scale.physicalMax, scale.virtualMax, scale.edge) : p,
    physical: p,
  };
}

/**
 * A position in one extent (`fromMax`) mapped onto the other (`toMax`): 1:1 within `edge` of
 * either end, proportional in between. The same rule both ways, so a drag and a write agree.
 */
function across(at: number, fromMax: number, toMax: number, edge: number): number {
  if (at <= edge) return at;
  if (at >= fromMax - edge) return toMax - (fromMax - at);
  return edge + ((at - edge) * (toMax - 2 * edge)) / (fromMax - 2 * edge);
}

/** How the element was placed before a change: its offset from the virtual position is kept when it can be. */
export interface ScaleKeep {
  /** `virtual − physical` before the change. */
  readonly offset: number;
  /** False while the user scrolls or drags: drift is then tolerated, so no write interrupts the gesture. */
  readonly settled: boolean;
  /**
   * The browser animates a scroll no wheel or touch explains (an app's smooth `scrollBy`, its own
   * keyboard scrolling): a write would stop it, so until its `scrollend` the element stays where
   * it moves, anywhere inside its track, settled or not (a loaded page's frames can come further
   * apart than the settle delay); its edges are still the list's ends (decision 0087).
   */
  readonly glide?: boolean | undefined;
}

/**
 * Where the scroll element must be for a virtual position (after a relative move, a size change
 * or a scroll-to-index). With `keep`, the element stays at the same offset from the virtual
 * position (content moves 1:1 with it) unless that would put it too close to an edge or, once
 * settled, too far from its proportional place.
 *
 * @example
 * physicalFor(scale, 1_800_000_000); // { virtual: 1.8e9, physical: 7,499,700 }
 */
export function physicalFor(scale: ScrollScale, virtual: number, keep?: ScaleKeep): ScalePosition {
  const v = clamp(virtual, scale.virtualMax);
  if (!scale.scaled) return { virtual: v, physical: v };
  // Whole pixels: the browser rounds scrollTop, and content is laid out from the position it
  // will really have (virtual − physical), so a fraction never turns into a visible drift.
  const ideal = clamp(Math.round(idealPhysical(scale, v)), scale.physicalMax);
  if (keep === undefined) return { virtual: v, physical: ideal };
  const kept = Math.round(v - keep.offset);
  return { virtual: v, physical: keeps(scale, v, kept, ideal, keep) ? kept : ideal };
}

function keeps(scale: ScrollScale, v: number, p: number, ideal: number, keep: ScaleKeep): boolean {
  const { virtualMax: vMax, physicalMax: pMax, edge } = scale;
  // A glide (decision 0087): a write would stop it, and its reaching an edge is meant to reach that end.
  if (keep.glide && p > 0 && p < pMax) return true;
  // Near the list's ends the element's own edges must be the list's (Home, End, a wheel to the top);
  // a pixel off is where Chromium put a write it rounded (offsets past 2^23 px are even).
  if (v <= edge || v >= vMax - edge) return Math.abs(p - ideal) < 2;
  if (p < edge / 2 || p > pMax - edge / 2) return false;
  return !keep.settled || Math.abs(p - ideal) <= Math.min(DRIFT, pMax / 8);
}

/**
 * The virtual position after the element moved from `from` to `physical` by anything but a
 * scrollbar drag: the same distance, except that reaching an edge of the element (Home, End,
 * `scrollTo(0)`) reaches that end of the list.
 *
 * @example
 * virtualAfterMove(scale, { virtual: 20_000_000, physical: 8_000_000 }, 8_020_000); // 20,020,000
 */
export function virtualAfterMove(scale: ScrollScale, from: ScalePosition, physical: number): number {
  if (!scale.scaled) return clamp(physical, scale.virtualMax);
  if (physical <= 0) return 0;
  if (physical >= scale.physicalMax - 0.5) return scale.virtualMax;
  return clamp(from.virtual + physical - from.physical, scale.virtualMax);
}

/**
 * A position `by` px past the list's end (the page below a window-scroll list in view, decision
 * 0036): nothing is scaled there, so both coordinates are the end's plus `by`.
 *
 * @example
 * pastEnd(scrollScale(36_000, 800), 120); // { virtual: 35_320, physical: 35_320 }
 */
export function pastEnd(scale: ScrollScale, by: number): ScalePosition {
  const past = Math.max(0, by);
  return { virtual: scale.virtualMax + past, physical: scale.physicalMax + past };
}
