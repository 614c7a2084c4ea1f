import { useRef } from 'react';
import { cornerNotes, fitAxisLabels, LINE_PX } from './chartLabels.ts';
import { niceByteTicks, niceTicks } from './chartScale.ts';
import { useWidth } from './useWidth.ts';

/** One point of a series. */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

/** A line of the chart, named in its legend. */
export interface ChartSeries {
  readonly name: string;
  /** CSS colour. */
  readonly color: string;
  readonly points: readonly ChartPoint[];
  /** Fills the area under the line. */
  readonly area?: boolean;
}

/** A horizontal reference line (a budget, a target rate), labelled on the chart. */
export interface ChartRule {
  readonly y: number;
  readonly label: string;
  readonly color: string;
}

/** The x axis: its extent, where its ticks are and how they read. */
export interface ChartXAxis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
  readonly format: (value: number) => string;
}

/** The y axis: its unit (shown above it) and how values read; ticks are round numbers from 0. */
export interface ChartYAxis {
  readonly unit: string;
  readonly format: (value: number) => string;
  /** The least top of the axis (so an idle series is not stretched over the whole height). */
  readonly minTop?: number;
  /** Values are bytes: ticks are round in powers of 1024 (50 KB, not 48.8 KB). */
  readonly bytes?: boolean;
}

export interface SvgChartProps {
  /** Accessible name; also what a screen reader hears first. */
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly x: ChartXAxis;
  readonly y: ChartYAxis;
  /** Rules drawn when they fit the scale of the data; one far above it is named in a corner instead. */
  readonly rules?: readonly ChartRule[];
  readonly height?: number;
  readonly testId?: string;
}

const MARGIN = { top: 26, right: 10, bottom: 20, left: 52 };
/** A rule more than this many times the data's peak would flatten the data: it is named, not drawn. */
const RULE_SCALE_LIMIT = 4;

/**
 * A small SVG line chart with labelled axes, a unit, reference rules and a legend: the demo's one
 * chart for live figures (memory against its budget, stream throughput). Colours are CSS values
 * (`var(--accent)` works: they are applied as styles, not SVG attributes).
 *
 * @example
 * <SvgChart title="Events per second" series={[{ name: 'received', color: 'var(--accent)', points }]}
 *   x={{ min: -60, max: 0, ticks: [-60, -30, 0], format: (s) => `${-s} s` }}
 *   y={{ unit: 'events/s', format: String }} />
 */
export function SvgChart({ title, series, x, y, rules = [], height = 150, testId }: SvgChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const peak = Math.max(y.minTop ?? 0, ...series.flatMap((s) => s.points.map((p) => p.y)));
  const shown = rules.filter((rule) => rule.y <= Math.max(peak, 1) * RULE_SCALE_LIMIT);
  const offScale = rules.filter((rule) => !shown.includes(rule));
  const yTop = Math.max(peak, ...shown.map((r) => r.y), 1) * 1.05;
  const yTicks = y.bytes ? niceByteTicks(yTop, 4) : niceTicks(0, yTop, 4);
  const yMax = yTicks.at(-1) ?? 1;
  // Off-scale notes stand beside the unit when they fit, else on lines below it: the plot moves down.
  const corner = cornerNotes(
    y.unit,
    offScale.map((rule) => rule.label),
    width - MARGIN.right - 4,
  );
  const top = MARGIN.top + (corner.lines - 1) * LINE_PX;
  const plotWidth = Math.max(1, width - MARGIN.left - MARGIN.right);
  const plotHeight = Math.max(1, height - top - MARGIN.bottom);
  const px = (value: number) => MARGIN.left + ((value - x.min) / (x.max - x.min || 1)) * plotWidth;
  const py = (value: number) => top + plotHeight - (value / yMax) * plotHeight;
  // Only the x labels that do not touch each other (a narrow chart keeps its two ends).
  const xLabels = fitAxisLabels(
    x.ticks.map((tick) => ({
      x: px(tick),
      text: x.format(tick),
      anchor: tick === x.min ? 'start' : tick === x.max ? 'end' : 'middle',
    })),
    0,
    width,
  );
  const line = (points: readonly ChartPoint[]) =>
    points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');

  return (
    <figure className="svg-chart" data-testid={testId}>
      <div ref={box} className="svg-chart-box">
        {width > 0 && (
          <svg role="img" aria-label={title} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
            <text className="svg-chart-unit" x={4} y={11}>
              {y.unit}
            </text>
            {yTicks.map((tick) => (
              <g key={tick} className="svg-chart-tick">
                <line x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={py(tick)} y2={py(tick)} />
                <text x={MARGIN.left - 6} y={py(tick)} textAnchor="end" dominantBaseline="middle">
                  {y.format(tick)}
                </text>
              </g>
            ))}
            {xLabels.map((label) => (
              <text
                key={label.x}
                className="svg-chart-xlabel"
                x={label.x}
                y={height - 5}
                textAnchor={label.anchor}
              >
                {label.text}
              </text>
            ))}
            {series.map((s) =>
              s.points.length < 2 ? null : (
                <g key={s.name} data-series={s.name}>
                  {s.area && (
                    <polygon
                      style={{ fill: s.color }}
                      fillOpacity={0.12}
                      points={`${px(s.points[0]?.x ?? 0)},${py(0)} ${line(s.points)} ${px(s.points.at(-1)?.x ?? 0)},${py(0)}`}
                    />
                  )}
                  <polyline fill="none" style={{ stroke: s.color }} strokeWidth={2} points={line(s.points)} />
                </g>
              ),
            )}
            {shown.map((rule) => (
              <g key={rule.label} className="svg-chart-rule" data-rule={rule.label}>
                <line
                  x1={MARGIN.left}
                  x2={MARGIN.left + plotWidth}
                  y1={py(rule.y)}
                  y2={py(rule.y)}
                  style={{ stroke: rule.color }}
                  strokeDasharray="5 3"
                />
                <text
                  x={MARGIN.left + plotWidth}
                  y={py(rule.y) - 4}
                  textAnchor="end"
                  style={{ fill: rule.color }}
                >
                  {rule.label}
                </text>
              </g>
            ))}
            {offScale.map((rule, k) => (
              <text
                key={rule.label}
                className="svg-chart-offscale"
                x={MARGIN.left + plotWidth}
                y={11 + (corner.notes[k]?.line ?? k) * LINE_PX}
                textAnchor="end"
                style={{ fill: rule.color }}
              >
                {corner.notes[k]?.text}
              </text>
            ))}
          </svg>
        )}
      </div>
      {series.length > 1 && (
        <figcaption className="svg-chart-legend">
          {series.map((s) => (
            <span key={s.name}>
              <i style={{ background: s.color }} /> {s.name}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
