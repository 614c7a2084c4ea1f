import type { MetricPoint } from '@lazyflow/mocks';
import { type KeyboardEvent, type PointerEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatTimeTick, niceTicks, timeStep, timeTicks } from './chartScale.ts';

interface LineChartProps {
  points: readonly MetricPoint[];
  from: number;
  to: number;
  /** Called while dragging with the time the drag moved the view by (ms, positive = later). */
  onPan: (deltaMs: number, done: boolean) => void;
  /** Line colour (CSS); default blue. */
  color?: string;
  /** Min–max band colour (CSS); default a light blue. */
  bandColor?: string;
  /** How the value axis reads its ticks; default a plain number. */
  formatValue?: (value: number) => string;
  /** The value's unit, written above the value axis (e.g. "req/min", "ms"). */
  unit?: string;
  /** Accessible name; default "Metric chart; drag or use the arrow keys to pan". */
  label?: string;
  /** `data-testid`; default "ts-chart". */
  testId?: string;
  /** Extra class names (e.g. a shorter chart). */
  className?: string;
}

const LINE = '#2563eb';
const BAND = 'rgb(37 99 235 / 15%)';
// Canvas cannot read CSS variables: these are tokens.css's --line-soft, --line, --ink-3.
const GRID = '#eef0f3';
const AXIS_LINE = '#dde1e7';
const AXIS_INK = '#667085';
const AXIS_FONT = '11px system-ui, sans-serif';
/** Room for the value labels (left), the unit (top) and the time labels (bottom), px. */
const MARGIN = { top: 24, right: 8, bottom: 18, left: 48 };

/**
 * A canvas line chart of `value` with the min–max band, over `[from, to)`, with a value axis
 * (round ticks, the unit above) and a time axis (UTC, aligned to whole minutes, hours or days). Dragging pans it
 * (reported through `onPan`), arrow keys pan by a tenth of the view.
 */
export function LineChart({
  points,
  from,
  to,
  onPan,
  color = LINE,
  bandColor = BAND,
  formatValue,
  unit,
  label = 'Metric chart; drag or use the arrow keys to pan',
  testId = 'ts-chart',
  className,
}: LineChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<{ x: number } | null>(null);
  const span = to - from;
  // The canvas's CSS size: a chart whose box follows the viewport (Analytics) redraws when it changes.
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx || size === null) return;
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = size;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const plot = {
      left: MARGIN.left,
      top: MARGIN.top,
      width: width - MARGIN.left - MARGIN.right,
      height: height - MARGIN.top - MARGIN.bottom,
    };
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const p of points) {
      low = Math.min(low, p.min);
      high = Math.max(high, p.max);
    }
    // Value axis: round ticks around the data (0–1 before any data), the unit above it.
    const yTicks =
      points.length === 0 ? [0, 0.5, 1] : niceTicks(low, high, Math.max(2, Math.floor(plot.height / 36)));
    const yLow = yTicks[0] ?? 0;
    const yHigh = yTicks.at(-1) ?? 1;
    const x = (t: number) => plot.left + ((t - from) / span) * plot.width;
    const y = (v: number) => plot.top + plot.height - ((v - yLow) / (yHigh - yLow || 1)) * plot.height;
    const format = formatValue ?? ((v: number) => v.toLocaleString('en'));
    ctx.font = AXIS_FONT;
    ctx.lineWidth = 1;
    ctx.fillStyle = AXIS_INK;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const tick of yTicks) {
      ctx.strokeStyle = GRID;
      ctx.beginPath();
      ctx.moveTo(plot.left, Math.round(y(tick)) + 0.5);
      ctx.lineTo(plot.left + plot.width, Math.round(y(tick)) + 0.5);
      ctx.stroke();
      ctx.fillText(format(tick), plot.left - 6, y(tick));
    }
    if (unit) {
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(unit, 4, 2);
    }
    // Time axis: calendar-aligned ticks (UTC), about one per 110 px.
    const step = timeStep(from, to, Math.max(2, Math.floor(plot.width / 110)));
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'center';
    for (const tick of timeTicks(from, to, Math.max(2, Math.floor(plot.width / 110)))) {
      const at = x(tick);
      ctx.strokeStyle = AXIS_LINE;
      ctx.beginPath();
      ctx.moveTo(Math.round(at) + 0.5, plot.top + plot.height);
      ctx.lineTo(Math.round(at) + 0.5, plot.top + plot.height + 4);
      ctx.stroke();
      ctx.fillText(
        formatTimeTick(tick, step),
        Math.min(Math.max(at, plot.left + 20), width - 20),
        height - 1,
      );
    }
    ctx.strokeStyle = AXIS_LINE;
    ctx.beginPath();
    ctx.moveTo(plot.left, plot.top + plot.height + 0.5);
    ctx.lineTo(plot.left + plot.width, plot.top + plot.height + 0.5);
    ctx.stroke();
    if (points.length === 0) return;
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.left, plot.top, plot.width, plot.height);
    ctx.clip();
    ctx.beginPath();
    for (const p of points) ctx.lineTo(x(p.t), y(p.max)); // lineTo on an empty path starts it
    for (let i = points.length - 1; i >= 0; i--) {
      const p = points[i] as MetricPoint;
      ctx.lineTo(x(p.t), y(p.min));
    }
    ctx.closePath();
    ctx.fillStyle = bandColor;
    ctx.fill();
    ctx.beginPath();
    for (const p of points) ctx.lineTo(x(p.t), y(p.value));
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.restore();
  }, [points, from, to, span, color, bandColor, formatValue, unit, size]);

  const msPerPx = () => span / Math.max(1, (canvas.current?.clientWidth ?? 1) - MARGIN.left - MARGIN.right);
  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX };
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (drag.current === null) return;
    onPan(-(event.clientX - drag.current.x) * msPerPx(), false);
  };
  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    if (drag.current === null) return;
    onPan(-(event.clientX - drag.current.x) * msPerPx(), true);
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    onPan((event.key === 'ArrowRight' ? 1 : -1) * span * 0.1, true);
  };

  return (
    <canvas
      ref={canvas}
      className={className ? `chart ${className}` : 'chart'}
      data-testid={testId}
      tabIndex={0}
      aria-label={label}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
