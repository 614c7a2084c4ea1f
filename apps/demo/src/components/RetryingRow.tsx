import type { ReactNode } from 'react';
import { describeLoadError, describeRetry, pageRows } from '../lib/describeLoadError.ts';
import { RowSkeleton } from './RowSkeleton.tsx';

/**
 * A row (or card, or cell) whose page is being retried after a failed try (decision 0025):
 * exactly `height` like the skeleton it replaces. `first` (the first item of that page on screen)
 * says which items (`noun`, 'rows' by default), which attempt of how many and the last failure's
 * HTTP status (not on a phone); the page's other items are skeletons (`skeleton`, else `lines`
 * grey bars) tinted as retrying, so a retry does not look like a first load. `card` lays the
 * text out for a card.
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
  noun = 'rows',
  items,
  card = false,
  skeleton,
}: {
  height: number | string;
  lines: number;
  page: number;
  pageSize: number;
  count: number;
  attempt: number;
  attempts: number;
  lastError: unknown;
  first: boolean;
  noun?: string;
  /** What the page holds in the page's own terms, instead of its row numbers ('1–99 (A)'). */
  items?: string | undefined;
  card?: boolean;
  skeleton?: ReactNode;
}) {
  const kind = card ? 'retrying-row retrying-card' : 'retrying-row';
  if (!first)
    return (
      <div className={kind} style={card ? { height } : undefined}>
        {skeleton ?? <RowSkeleton height={height} lines={lines} />}
      </div>
    );
  const text = describeLoadError(lastError);
  return (
    <div className={`${kind} retrying-row-first`} style={{ height }} title={text.detail}>
      <span className="retrying-row-text">
        {describeRetry(items ?? pageRows(page, pageSize, count), attempt, attempts, noun)}
        {text.status !== null && <span className="retrying-row-status"> · HTTP {text.status}</span>}
      </span>
    </div>
  );
}
