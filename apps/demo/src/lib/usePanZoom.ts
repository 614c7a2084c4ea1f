import { useRef, useState } from 'react';

/** One zoom level of a time axis: the span on screen and the resolution (one point per `step`). */
export interface ZoomLevel {
  readonly label: string;
  readonly span: number;
  readonly step: number;
}

/** What {@link usePanZoom} returns: the visible range and the moves on it. */
export interface PanZoom<Z extends ZoomLevel> {
  readonly zoom: number;
  readonly level: Z;
  readonly from: number;
  readonly to: number;
  /** Moves by `deltaMs` from where the gesture started; `done` ends the gesture. */
  pan(deltaMs: number, done: boolean): void;
  /**
   * Changes the zoom level around the middle of the view: the same middle through any number of
   * zooms (each level snaps its start to its own resolution), so zooming out and back in returns
   * to the view seen before, whose buckets the window still holds.
   */
  zoomTo(level: number): void;
  /** Shows the range starting at `t` (snapped to the resolution). */
  goTo(t: number, level?: number): void;
}

/**
 * The pan-and-zoom state of a time-series view: a zoom level from `zooms` and a start time
 * snapped to that level's resolution (never before 0).
 *
 * @example
 * const view = usePanZoom(ZOOMS, { zoom: 1, from: START });
 * useWindow({ key: ['metrics', view.level.step], source, range: { from: view.from, to: view.to } });
 */
export function usePanZoom<Z extends ZoomLevel>(
  zooms: readonly Z[],
  initial: { zoom: number; from: number },
): PanZoom<Z> {
  // `middle`: the time zooms are centred on, kept until a pan or a go-to moves the view.
  const [view, setView] = useState<{ zoom: number; from: number; middle?: number }>(initial);
  const origin = useRef<number | null>(null);
  const level = (zooms[view.zoom] ?? zooms[initial.zoom] ?? zooms[0]) as Z;
  const snap = (t: number, step = level.step) => Math.max(0, Math.round(t / step) * step);
  const from = view.from;
  return {
    zoom: view.zoom,
    level,
    from,
    to: from + level.span,
    pan(deltaMs, done) {
      origin.current ??= from;
      const next = snap(origin.current + deltaMs);
      if (done) origin.current = null;
      setView((v) => ({ zoom: v.zoom, from: next }));
    },
    zoomTo(index) {
      const next = zooms[index];
      if (next === undefined) return;
      const middle = view.middle ?? from + level.span / 2;
      setView({ zoom: index, from: snap(middle - next.span / 2, next.step), middle });
    },
    goTo(t, index = view.zoom) {
      setView({ zoom: index, from: snap(t, (zooms[index] ?? level).step) });
    },
  };
}
