import type { MetricPoint } from '@lazyflow/mocks';
import { type KeyboardEvent, type PointerEvent, useEffect, useRef } from 'react';

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
  /** Draws the band's low and high values in the left corners, formatted this way. */
  formatValue?: (value: number) => string;
  /** Accessible name; default "Metric chart; drag or use the arrow keys to pan". */
  label?: string;
  /** `data-testid`; default "ts-chart". */
  testId?: string;
  /** Extra class names (e.g. a shorter chart). */
  className?: string;
}

const LINE = '#2563eb';
const BAND = 'rgb(37 99 235 / 15%)';
const GRID = '#eef0f3';

/**
 * A canvas line chart of `value` with the min–max band, over `[from, to)`. Dragging pans it
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
  label = 'Metric chart; drag or use the arrow keys to pan',
  testId = 'ts-chart',
  className,
}: LineChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<{ x: number } | null>(null);
  const span = to - from;

  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    const width = element.clientWidth;
    const height = element.clientHeight;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.strokeStyle = GRID;
    for (let k = 1; k < 4; k++) {
      ctx.beginPath();
      ctx.moveTo(0, (height * k) / 4);
      ctx.lineTo(width, (height * k) / 4);
      ctx.stroke();
    }
    if (points.length === 0) return;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const p of points) {
      low = Math.min(low, p.min);
      high = Math.max(high, p.max);
    }
    const range = high - low || 1;
    const x = (t: number) => ((t - from) / span) * width;
    const y = (v: number) => height - 8 - ((v - low) / range) * (height - 16);
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
    if (formatValue) {
      ctx.fillStyle = '#66707d';
      ctx.font = '11px system-ui, sans-serif';
      ctx.textBaseline = 'top';
      ctx.fillText(formatValue(high), 4, 2);
      ctx.textBaseline = 'bottom';
      ctx.fillText(formatValue(low), 4, height - 2);
    }
  }, [points, from, span, color, bandColor, formatValue]);

  const msPerPx = () => span / Math.max(1, canvas.current?.clientWidth ?? 1);
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
