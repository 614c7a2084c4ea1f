/**
 * A placeholder for a row whose data has not arrived: exactly `height` px tall (the real row's
 * height), so nothing moves when the data lands. `lines` grey bars hint at the content.
 */
export function RowSkeleton({ height, lines = 1 }: { height: number | string; lines?: number }) {
  const bars = Array.from({ length: lines }, (_, line) => line);
  return (
    <div className="skeleton" style={{ height }} aria-hidden="true">
      {bars.map((line) => (
        <span key={line} className="skeleton-bar" style={{ width: `${85 - ((line * 23) % 40)}%` }} />
      ))}
    </div>
  );
}
