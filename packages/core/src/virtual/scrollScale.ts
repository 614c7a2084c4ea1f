/**
 * Browsers cap an element's size: Chrome near 33,554,428 px, Firefox near 17,895,697 px.
 * 15,000,000 px stays under both, so lists taller than this are mapped onto it.
 */
export const MAX_PHYSICAL_SIZE = 15_000_000;

/**
 * How a list's virtual extent (its real height, up to billions of px) maps onto the scroll
 * element's physical extent. Wheel, touch, keyboard and programmatic moves are relative: they
 * move the content by exactly the distance the element moved, keeping `virtual − physical`.
 * Only a scrollbar drag maps proportionally (`virtualForJump`). The element is put back near its
 * proportional place (`idealPhysical`, `scaledScroll.ts`) when it drifted more than `DRIFT` and scrolling has
 * settled, or at once when it came within `edge / 2` of an edge the list has not reached: one
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
  /** Laid out before the scaled mapping's chunk was there (1:1, a view's first layout): not written. */
  readonly pending?: true;
}

/** The scaled mapping's code (`scaledScroll.ts`, a lazy chunk: decision 0044) once loaded. */
let scaledCode: typeof import('./scaledScroll.ts') | undefined;
let loading: Promise<unknown> | undefined;
/** The chunk could not be loaded (offline): long lists stay capped, 1:1, until the page reloads. */
let failed = false;

/**
 * The mapping for a list of `virtualSize` px in a viewport of `viewport` px. Longer than
 * `maxPhysical` before the scaled mapping's chunk is there ({@link scaledScrollLoad}), positions
 * map 1:1 and the scale is `pending`: a view shows no such layout but its first at creation.
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
  const code = scaledCode;
  if (code !== undefined) return code.scaledScale(virtualMax, physicalMax, physicalSize);
  // Before the chunk positions stay 1:1, so a restore or the end is not clamped away before the
  // view lays out again; without it (offline) the list is capped, 1:1.
  if (failed) return { virtualMax: physicalMax, physicalMax, physicalSize, scaled: false, edge: 0 };
  return { virtualMax, physicalMax: virtualMax, physicalSize, scaled: false, edge: 0, pending: true };
}

/**
 * Loads the scaled mapping's chunk (once per page; a failed load leaves long lists capped). A
 * view whose layout got a `pending` scale shows it once this settles, laid out again.
 *
 * @example
 * if (scrollScale(3_600_000_000, 600).pending) await scaledScrollLoad(); // scaled from now on
 */
export function scaledScrollLoad(): Promise<unknown> {
  loading ??= import('./scaledScroll.ts').then(
    (code) => {
      scaledCode = code;
    },
    () => {
      failed = true;
    },
  );
  return loading;
}

/** A position in both coordinate systems. */
export interface ScalePosition {
  readonly virtual: number;
  readonly physical: number;
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));

/**
 * The virtual position of a physical one reached by a scrollbar drag: the inverse of
 * `idealPhysical`, proportional over the whole list and exact at both ends.
 *
 * @example
 * virtualForJump(scale, scale.physicalMax).virtual === scale.virtualMax; // true
 */
export function virtualForJump(scale: ScrollScale, physical: number): ScalePosition {
  const p = clamp(physical, scale.physicalMax);
  const code = scaledCode;
  return scale.scaled && code !== undefined ? code.scaledJump(scale, p) : { virtual: p, physical: p };
}

/** How the element was placed before a change: its offset from the virtual position is kept when it can be. */
export interface ScaleKeep {
  /** `virtual − physical` before the change. */
  readonly offset: number;
  /** False while the user scrolls or drags: drift is then tolerated, so no write interrupts the gesture. */
  readonly settled: boolean;
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
  const code = scaledCode;
  return scale.scaled && code !== undefined
    ? code.scaledPhysical(scale, v, keep)
    : { virtual: v, physical: v };
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
  const code = scaledCode;
  if (scale.scaled && code !== undefined) return code.scaledMove(scale, from, physical);
  return clamp(physical, scale.virtualMax);
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
