import { describeLoadError, describeRetry, pageRows } from '../lib/describeLoadError.ts';
import { RowSkeleton } from './RowSkeleton.tsx';

/**
 * A row whose page is being retried after a failed try (decision 0025): exactly `height` px like
 * the row it stands for. `first` (the first row of that page on screen) says which rows, which
 * attempt of how many and the last failure's HTTP status (not on a phone); the page's other rows
 * are skeletons tinted as retrying, so a retry does not look like a first load.
 */
export function RetryingRow({
  height,
  lines,
  page,
  pageSize,
  count,
  attempt,
  attempts,
  lastError,
  first,
}: {
  height: number;
  lines: number;
  page: number;
  pageSize: number;
  count: number;
  attempt: number;
  attempts: number;
  lastError: unknown;
  first: boolean;
}) {
  if (!first)
    return (
      <div className="retrying-row">
        <RowSkeleton height={height} lines={lines} />
      </div>
    );
  const text = describeLoadError(lastError);
  return (
    <div className="retrying-row retrying-row-first" style={{ height }} title={text.detail}>
      <span className="retrying-row-text">
        {describeRetry(pageRows(page, pageSize, count), attempt, attempts)}
        {text.status !== null && <span className="retrying-row-status"> · HTTP {text.status}</span>}
      </span>
    </div>
  );
}
