import { describeLoadError, pageRows } from '../lib/describeLoadError.ts';

/**
 * A row whose page failed to load: exactly `height` px like the row it stands for, marked as
 * failed, not as loading. `first` (the first row of that page on screen) also says which rows
 * failed, why, and offers Retry, which calls `retry(page)`: that page only (the list's error
 * above has Retry all); the page's other rows only show the failure colour.
 */
export function FailedRow({
  height,
  page,
  pageSize,
  count,
  error,
  first,
  retry,
}: {
  height: number;
  page: number;
  pageSize: number;
  count: number;
  error: unknown;
  first: boolean;
  retry: (page: number) => void;
}) {
  if (!first) return <div className="failed-row" style={{ height }} />;
  const text = describeLoadError(error);
  return (
    <div className="failed-row" style={{ height }} title={text.detail}>
      <span className="failed-row-text">
        Couldn't load rows {pageRows(page, pageSize, count)}
        {text.status !== null && <span className="failed-row-status"> · HTTP {text.status}</span>}
      </span>
      <button type="button" className="button-retry" onClick={() => retry(page)}>
        Retry
      </button>
    </div>
  );
}
