/**
 * Browsers cap an element's size: Chrome near 33,554,428 px, Firefox near 17,895,697 px.
 * 15,000,000 px stays under both, so lists taller than this are mapped onto it.
 */
export const MAX_PHYSICAL_SIZE = 15_000_000;

/** Longest stretch (virtual px) scrolled 1:1 before the mapping moves to the next page. */
const MAX_PAGE = 1_000_000;

/**
 * How a list's virtual extent (its real height, up to billions of px) maps onto the scroll
 * element's physical extent. The virtual scroll range is cut into `pages` equal pages; inside
 * page k, virtual = physical + offset(k), so wheel, touch and keyboard scrolling move content
 * 1:1; offset(k) grows linearly from 0 on the first page to `virtualMax − physicalMax` on the
 * last, so the first and last pixels line up and a scrollbar drag lands proportionally.
 * Crossing a page boundary moves the physical position back by one offset step (one write to
 * `scrollTop`, invisible because content follows the virtual position).
 */
export interface ScrollScale {
  /** Largest virtual scroll position: content size − viewport. */
  readonly virtualMax: number;
  /** Largest physical scroll position: physical size − viewport. */
  readonly physicalMax: number;
  /** Size to give the scrolled content (the spacer). */
  readonly physicalSize: number;
  readonly pages: number;
  /** Whether virtual and physical positions differ at all. */
  readonly scaled: boolean;
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
    return { virtualMax, physicalMax: virtualMax, physicalSize: size, pages: 1, scaled: false };
  }
  // pages ≥ virtualMax / physicalMax keeps every page's physical range inside [0, physicalMax].
  const pages = Math.max(2, Math.ceil(virtualMax / Math.min(physicalMax, MAX_PAGE)));
  return { virtualMax, physicalMax, physicalSize, pages, scaled: true };
}

/**
 * Virtual minus physical position on page `page`.
 *
 * @example
 * pageOffset(scale, 0); // 0
 */
export function pageOffset(scale: ScrollScale, page: number): number {
  if (!scale.scaled) return 0;
  return ((scale.virtualMax - scale.physicalMax) * page) / (scale.pages - 1);
}

/**
 * The page a virtual position belongs to.
 *
 * @example
 * pageOfVirtual(scale, scale.virtualMax); // scale.pages - 1
 */
export function pageOfVirtual(scale: ScrollScale, virtual: number): number {
  if (!scale.scaled || scale.virtualMax <= 0) return 0;
  return Math.max(0, Math.min(scale.pages - 1, Math.floor((virtual * scale.pages) / scale.virtualMax)));
}

/** A position in both coordinate systems. */
export interface ScalePosition {
  readonly virtual: number;
  readonly physical: number;
  readonly page: number;
}

/**
 * Where the scroll element must be for a virtual position (after a relative move, a size
 * change or a scroll-to-index).
 *
 * @example
 * physicalFor(scale, 1_800_000_000); // { virtual: 1.8e9, physical: ≈7.5e6, page: … }
 */
export function physicalFor(scale: ScrollScale, virtual: number): ScalePosition {
  const clamped = Math.max(0, Math.min(scale.virtualMax, virtual));
  const page = pageOfVirtual(scale, clamped);
  // Whole pixels: the browser rounds scrollTop, and content is laid out from the position it
  // will really have (virtual − physical), so a fraction never turns into a visible drift.
  const physical = Math.max(0, Math.min(scale.physicalMax, Math.round(clamped - pageOffset(scale, page))));
  return { virtual: clamped, physical, page };
}

/**
 * The virtual position of a physical one reached by a jump (scrollbar drag, Home/End):
 * proportional over the whole list, exact at both ends.
 *
 * @example
 * virtualForJump(scale, scale.physicalMax).virtual === scale.virtualMax; // true
 */
export function virtualForJump(scale: ScrollScale, physical: number): ScalePosition {
  const p = Math.max(0, Math.min(scale.physicalMax, physical));
  if (!scale.scaled) return { virtual: p, physical: p, page: 0 };
  if (p >= scale.physicalMax - 0.5) return { virtual: scale.virtualMax, physical: p, page: scale.pages - 1 };
  const page = Math.min(scale.pages - 1, Math.floor((p * scale.pages) / scale.physicalMax));
  return { virtual: Math.min(scale.virtualMax, p + pageOffset(scale, page)), physical: p, page };
}
