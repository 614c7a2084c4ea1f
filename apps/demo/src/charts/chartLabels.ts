// Where the SVG chart's text goes so that no label is drawn over another (issue #20 item 1: on a
// 360 px phone the Stream throughput chart's unit and its off-scale note were drawn on top of
// each other). Text is not measured in the DOM: widths are estimated from the character count at
// the chart's 10 px font, on the generous side, so the layout is the same on every render and
// testable without a browser.

/** The chart's font size, px (charts.css: `.svg-chart svg`). */
const FONT_PX = 10;
/** Average advance of a character as a share of the font size, bold digits and letters included. */
const ADVANCE = 0.64;
/** The least free space between two labels on one line, px. */
const GAP = 6;
/** Height of one line of corner text, px. */
export const LINE_PX = 12;

/**
 * The estimated drawn width of `text` at the chart's font, px.
 *
 * @example
 * labelWidth('now'); // 19.2
 */
export function labelWidth(text: string): number {
  return [...text].length * FONT_PX * ADVANCE;
}

/** A label at `x` with its text anchor, as the chart draws it. */
export interface AxisLabel {
  readonly x: number;
  readonly text: string;
  readonly anchor: 'start' | 'middle' | 'end';
}

function span(label: AxisLabel): readonly [number, number] {
  const width = labelWidth(label.text);
  if (label.anchor === 'start') return [label.x, label.x + width];
  if (label.anchor === 'end') return [label.x - width, label.x];
  return [label.x - width / 2, label.x + width / 2];
}

/**
 * The x-axis labels that can be drawn without touching each other, left to right: a label whose
 * text would reach past `left` or `right` (a tick at the plot's edge) is anchored on that side
 * instead, the first and the last are kept (the ends of the axis say most), and a label between
 * them only when it leaves room on both sides.
 *
 * @example
 * fitAxisLabels([
 *   { x: 0, text: '60 s ago', anchor: 'start' },
 *   { x: 30, text: '45 s ago', anchor: 'middle' },
 *   { x: 120, text: 'now', anchor: 'end' },
 * ]); // the first and the last: '45 s ago' would touch '60 s ago'
 */
export function fitAxisLabels(
  labels: readonly AxisLabel[],
  left = Number.NEGATIVE_INFINITY,
  right = Number.POSITIVE_INFINITY,
): AxisLabel[] {
  const inside = labels.map((label): AxisLabel => {
    const [from, to] = span(label);
    if (to > right) return { ...label, anchor: 'end', x: Math.min(label.x, right) };
    if (from < left) return { ...label, anchor: 'start', x: Math.max(label.x, left) };
    return label;
  });
  const sorted = inside.sort((a, b) => a.x - b.x);
  const last = sorted.at(-1);
  if (sorted.length < 2 || last === undefined) return sorted;
  const lastStart = span(last)[0];
  const kept: AxisLabel[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const label of sorted.slice(0, -1)) {
    const [from, to] = span(label);
    if (from >= end + GAP && to + GAP <= lastStart) {
      kept.push(label);
      end = to;
    }
  }
  // The first label too wide to leave room for the last: the last (the newest) wins.
  kept.push(last);
  return kept;
}

/** A note in the chart's top corner: its text and the line it stands on (0 = the unit's line). */
export interface CornerNote {
  readonly text: string;
  readonly line: number;
}

/**
 * Where the notes of rules too far above the data to draw ("budget 2 MB ↑ (off scale)") go in
 * the top-right corner, given the unit written top-left and `width` from the unit's left edge to
 * the notes' right edge: beside the unit while there is room,
 * else on lines below it; a note wider than the chart drops its "(off scale)". The chart moves
 * its plot down by `lines - 1` lines so nothing below is covered.
 *
 * @example
 * cornerNotes('events/s', ['asked 2K/s'], 160).lines; // 2: '… ↑ (off scale)' does not fit beside the unit
 */
export function cornerNotes(
  unit: string,
  labels: readonly string[],
  width: number,
): { readonly notes: CornerNote[]; readonly lines: number } {
  const room = Math.max(0, width);
  const beside = room - labelWidth(unit) - GAP;
  const notes: CornerNote[] = [];
  let line = 0;
  for (const label of labels) {
    const full = `${label} ↑ (off scale)`;
    const text = labelWidth(full) <= room ? full : `${label} ↑`;
    if (line === 0 && labelWidth(text) > beside) line = 1;
    notes.push({ text, line });
    line++;
  }
  return { notes, lines: Math.max(1, line) };
}
