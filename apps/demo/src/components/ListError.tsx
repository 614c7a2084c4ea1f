import { describeLoadError } from '../lib/describeLoadError.ts';

/**
 * The error of a list or window in words (what failed, what to do) with a "Retry all" button
 * (every failed page the list holds, in view or not: `list.retry()`) and the raw message
 * underneath; nothing unless `status` is 'error'.
 */
export function ListError({ status, error, retry }: { status: string; error: unknown; retry: () => void }) {
  if (status !== 'error') return null;
  const text = describeLoadError(error);
  return (
    <div role="alert" className="list-error" data-status={text.status ?? ''}>
      <p className="list-error-summary">
        <strong>{text.summary}</strong> <span className="list-error-advice">{text.advice}</span>
      </p>
      <button type="button" className="button-retry" onClick={() => retry()}>
        Retry all
      </button>
      <p className="list-error-detail" title={text.detail}>
        {text.detail}
      </p>
    </div>
  );
}
