// The mapping of a list longer than `maxPhysicalSize` onto the scroll element (decision 0003): a
// lazy chunk (decision 0044), imported by `scrollScale.ts` the first time a list is that long.
import type { ScaleKeep, ScalePosition, ScrollScale } from './scrollScale.ts';

/**
 * Distance kept between the physical position and either edge of the element while the virtual
 * position is farther than this from its own ends: a wheel, touch or key move of up to half of it
 * is never clamped by the browser, so it reaches the list whole (issue 16: a 20,000 px wheel step).
 */
const EDGE = 64_000;

/** How far the element may sit from its proportional place once scrolling settles. */
const DRIFT = 1_000_000;

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));

/**
 * The scale of a list whose `virtualMax` does not fit in the element's `physicalMax`.
 *
 * @example
 * scaledScale(3_599_999_400, 14_999_400, 15_000_000).edge; // 64,000
 */
export function scaledScale(virtualMax: number, physicalMax: number, physicalSize: number): ScrollScale {
  return {
    virtualMax,
    physicalMax,
    physicalSize,
    scaled: true,
    edge: Math.min(EDGE, Math.floor(physicalMax / 8)),
  };
}

/**
 * Where the element belongs for a virtual position: 1:1 with the ends within `edge` of them,
 * proportional in between.
 *
 * @example
 * idealPhysical(scale, scale.virtualMax / 2); // scale.physicalMax / 2
 */
export function idealPhysical(scale: ScrollScale, virtual: number): number {
  const { virtualMax: vMax, physicalMax: pMax, edge } = scale;
  const v = clamp(virtual, vMax);
  if (!scale.scaled || v <= edge) return v;
  if (v >= vMax - edge) return pMax - (vMax - v);
  return edge + ((v - edge) * (pMax - 2 * edge)) / (vMax - 2 * edge);
}

/**
 * `virtualForJump` of a scaled list: the inverse of `idealPhysical`, proportional over the whole
 * list and exact at both ends (`p` within the element).
 *
 * @example
 * scaledJump(scale, scale.physicalMax).virtual === scale.virtualMax; // true
 */
export function scaledJump(scale: ScrollScale, p: number): ScalePosition {
  const { virtualMax: vMax, physicalMax: pMax, edge } = scale;
  if (p <= edge) return { virtual: p, physical: p };
  if (p >= pMax - edge) return { virtual: vMax - (pMax - p), physical: p };
  return { virtual: edge + ((p - edge) * (vMax - 2 * edge)) / (pMax - 2 * edge), physical: p };
}

/**
 * `physicalFor` of a scaled list, `v` within the list.
 *
 * @example
 * scaledPhysical(scale, 1_800_000_000); // { virtual: 1.8e9, physical: 7,499,700 }
 */
export function scaledPhysical(scale: ScrollScale, v: number, keep?: ScaleKeep): ScalePosition {
  // Whole pixels: the browser rounds scrollTop, and content is laid out from the position it
  // will really have (virtual − physical), so a fraction never turns into a visible drift.
  const ideal = clamp(Math.round(idealPhysical(scale, v)), scale.physicalMax);
  if (keep === undefined) return { virtual: v, physical: ideal };
  const kept = Math.round(v - keep.offset);
  return { virtual: v, physical: keeps(scale, v, kept, ideal, keep.settled) ? kept : ideal };
}

function keeps(scale: ScrollScale, v: number, p: number, ideal: number, settled: boolean): boolean {
  const { virtualMax: vMax, physicalMax: pMax, edge } = scale;
  // Near the list's ends the element's own edges must be the list's (Home, End, a wheel to the top);
  // a pixel off is where Chromium put a write it rounded (offsets past 2^23 px are even).
  if (v <= edge || v >= vMax - edge) return Math.abs(p - ideal) < 2;
  if (p < edge / 2 || p > pMax - edge / 2) return false;
  return !settled || Math.abs(p - ideal) <= Math.min(DRIFT, pMax / 8);
}

/**
 * `virtualAfterMove` of a scaled list: the same distance, except that reaching an edge of the
 * element (Home, End, `scrollTo(0)`) reaches that end of the list.
 *
 * @example
 * scaledMove(scale, { virtual: 20_000_000, physical: 8_000_000 }, 8_020_000); // 20,020,000
 */
export function scaledMove(scale: ScrollScale, from: ScalePosition, physical: number): number {
  if (physical <= 0) return 0;
  if (physical >= scale.physicalMax - 0.5) return scale.virtualMax;
  return clamp(from.virtual + physical - from.physical, scale.virtualMax);
}
