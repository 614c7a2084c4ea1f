import { useSyncExternalStore } from 'react';
import { formatCount } from '../lib/formatCount.ts';
import type { RequestLog } from '../lib/requestLog.ts';

/**
 * The requests a page made, newest first, with what became of each (done, aborted, failed):
 * makes aborts visible, which a network panel shows only as a cancelled line.
 */
export function RequestLogView({ log, testId, title }: { log: RequestLog; testId: string; title: string }) {
  const snapshot = useSyncExternalStore(log.subscribe, log.getSnapshot);
  return (
    <section
      className="request-log"
      aria-label={title}
      data-testid={testId}
      data-started={snapshot.started}
      data-pending={snapshot.pending}
      data-aborted={snapshot.aborted}
      data-failed={snapshot.failed}
    >
      <h2>{title}</h2>
      <p className="list-status">
        {formatCount(snapshot.started, 'request')} · {snapshot.pending.toLocaleString('en')} in flight ·{' '}
        {snapshot.aborted.toLocaleString('en')} aborted · {snapshot.failed.toLocaleString('en')} failed
      </p>
      <ol>
        {[...snapshot.entries].reverse().map((entry) => (
          <li
            key={entry.id}
            className={`request-log-${entry.state}`}
            data-group={entry.group}
            data-label={entry.label}
            data-state={entry.state}
          >
            <span>{entry.label}</span>
            <span>
              {entry.state}
              {entry.ms === null ? '' : ` · ${entry.ms} ms`}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
