import { describeLoadError, pageRows } from '../lib/describeLoadError.ts';

/**
 * A row (or card, or cell) whose page failed to load: exactly `height` like the skeleton it
 * replaces, marked as failed, not as loading. `first` (the first item of that page on screen) also
 * says which items failed, in the page's terms (`noun`, 'rows' by default), why, and offers Retry,
 * which calls `retry(page)`: that page only (the list's error above has Retry all); the page's
 * other items only show the failure colour. `card` lays the text out for a card (wrapped, centred).
 */
export function FailedRow({
  height,
  page,
  pageSize,
  count,
  error,
  first,
  retry,
  noun = 'rows',
  items,
  card = false,
}: {
  height: number | string;
  page: number;
  pageSize: number;
  count: number;
  error: unknown;
  first: boolean;
  retry: (page: number) => void;
  noun?: string;
  /** What the page holds in the page's own terms, instead of its row numbers ('1–99 (A)'). */
  items?: string | undefined;
  card?: boolean;
}) {
  const className = card ? 'failed-row failed-card' : 'failed-row';
  if (!first) return <div className={className} style={{ height }} />;
  const text = describeLoadError(error);
  return (
    <div className={className} style={{ height }} title={text.detail}>
      <span className="failed-row-text">
        Couldn't load {noun} {items ?? pageRows(page, pageSize, count)}
        {text.status !== null && <span className="failed-row-status"> · HTTP {text.status}</span>}
      </span>
      <button type="button" className="button-retry" onClick={() => retry(page)}>
        Retry
      </button>
    </div>
  );
}
