import { describe, expect, it } from 'vitest';
import { type AxisLabel, cornerNotes, fitAxisLabels, labelWidth } from './chartLabels.ts';

/** The horizontal extent of a label as the chart draws it. */
function extent(label: AxisLabel): [number, number] {
  const w = labelWidth(label.text);
  if (label.anchor === 'start') return [label.x, label.x + w];
  if (label.anchor === 'end') return [label.x - w, label.x];
  return [label.x - w / 2, label.x + w / 2];
}

/** The throughput chart's x labels over a plot from `left` to `right`. */
function throughputLabels(left: number, right: number): AxisLabel[] {
  return [60, 45, 30, 15, 0].map((s) => ({
    x: left + ((60 - s) / 60) * (right - left),
    text: s === 0 ? 'now' : `${s} s ago`,
    anchor: s === 60 ? 'start' : s === 0 ? 'end' : 'middle',
  }));
}

describe('labelWidth', () => {
  it('grows with the characters, about 6 px each at the 10 px font', () => {
    expect(labelWidth('')).toBe(0);
    expect(labelWidth('now')).toBeCloseTo(19.2);
    expect(labelWidth('60 s ago')).toBeGreaterThan(labelWidth('now'));
  });
});

describe('fitAxisLabels', () => {
  it('keeps every label of a wide chart', () => {
    const labels = throughputLabels(52, 900);
    expect(fitAxisLabels(labels).map((l) => l.text)).toEqual(labels.map((l) => l.text));
  });

  it('on a 360 px phone keeps the two ends and drops the labels that would touch them', () => {
    // A chart half of a 360 px screen wide: plot from 52 to ~150.
    const kept = fitAxisLabels(throughputLabels(52, 150));
    expect(kept.at(0)?.text).toBe('60 s ago');
    expect(kept.at(-1)?.text).toBe('now');
    for (const [i, a] of kept.entries()) {
      const b = kept[i + 1];
      if (b) expect(extent(a)[1]).toBeLessThan(extent(b)[0]);
    }
  });

  it('keeps the last label when even the first two collide', () => {
    const kept = fitAxisLabels([
      { x: 0, text: '#1,000,000', anchor: 'start' },
      { x: 30, text: '#1,000,050', anchor: 'end' },
    ]);
    expect(kept.map((l) => l.text)).toEqual(['#1,000,050']);
  });

  it('anchors a label at the chart edge on that side, so its text stays inside it', () => {
    const kept = fitAxisLabels(
      [
        { x: 52, text: '#2,600', anchor: 'middle' },
        { x: 200, text: '#2,800', anchor: 'middle' },
      ],
      0,
      205,
    );
    expect(kept).toEqual([
      { x: 52, text: '#2,600', anchor: 'middle' },
      { x: 200, text: '#2,800', anchor: 'end' },
    ]);
    expect(fitAxisLabels([{ x: 3, text: '#2,600', anchor: 'middle' }], 0, 205)).toEqual([
      { x: 3, text: '#2,600', anchor: 'start' },
    ]);
  });

  it('sorts by position and passes one label or none through', () => {
    expect(fitAxisLabels([])).toEqual([]);
    const one: AxisLabel = { x: 5, text: 'now', anchor: 'end' };
    expect(fitAxisLabels([one])).toEqual([one]);
  });
});

describe('cornerNotes', () => {
  it('puts a note beside the unit when the chart is wide enough', () => {
    const { notes, lines } = cornerNotes('bytes', ['budget 2.00 MB'], 260);
    expect(notes).toEqual([{ text: 'budget 2.00 MB ↑ (off scale)', line: 0 }]);
    expect(lines).toBe(1);
  });

  it('on the Stream chart at 360 px (151 px of text room) the short note stands clear of the unit', () => {
    const width = 151;
    const { notes, lines } = cornerNotes('events/s', ['asked 2K/s'], width);
    expect(notes).toEqual([{ text: 'asked 2K/s ↑', line: 0 }]);
    expect(lines).toBe(1);
    // The unit from 0, the note right-aligned at `width`: a gap between them.
    expect(labelWidth('events/s')).toBeLessThan(width - labelWidth('asked 2K/s ↑'));
  });

  it('moves the note under the unit when even the short one would touch it', () => {
    const width = 120;
    const { notes, lines } = cornerNotes('events/s', ['asked 2K/s'], width);
    expect(notes).toEqual([{ text: 'asked 2K/s ↑', line: 1 }]);
    expect(lines).toBe(2);
  });

  it('drops "(off scale)" from a note wider than the chart', () => {
    const { notes } = cornerNotes('bytes', ['budget 47.7 MB'], 110);
    expect(notes[0]?.text).toBe('budget 47.7 MB ↑');
  });

  it('stacks several notes one a line, and takes one line with none', () => {
    expect(cornerNotes('ms', ['a', 'b'], 400)).toEqual({
      notes: [
        { text: 'a ↑ (off scale)', line: 0 },
        { text: 'b ↑ (off scale)', line: 1 },
      ],
      lines: 2,
    });
    expect(cornerNotes('ms', [], 400)).toEqual({ notes: [], lines: 1 });
  });
});
