import type { Faults } from '@lazyflow/mocks';
import { type FormEvent, useState, useSyncExternalStore } from 'react';
import { applyFaults, getFaults, subscribeFaults } from './faultSettings.ts';

type FieldName = keyof Faults;

const FIELDS: { name: FieldName; label: string; hint: string; step?: string; max?: number }[] = [
  { name: 'latency', label: 'Latency (ms)', hint: 'added to every response, ±25% jitter' },
  {
    name: 'errorRate',
    label: 'Error rate',
    hint: '0..1, share of requests answering HTTP 500',
    step: '0.05',
    max: 1,
  },
  {
    name: 'stallRate',
    label: 'Stall rate',
    hint: '0..1, share of requests that never answer (the list times them out and retries)',
    step: '0.05',
    max: 1,
  },
  { name: 'dropAfter', label: 'Drop after', hint: 'streams: cut the connection after N events' },
  { name: 'malformedEvery', label: 'Malformed every', hint: 'streams: every Nth line is broken JSON' },
  { name: 'slow', label: 'Slow (bytes/chunk)', hint: 'trickle bodies in chunks of this many bytes' },
  {
    name: 'churn',
    label: 'Churn (rows/s)',
    hint: 'table rows inserted and deleted at random positions per second while you read',
    max: 1000,
  },
  { name: 'churnSeed', label: 'Churn seed', hint: 'the same seed makes the same inserts and deletes' },
];

function toText(value: number | null): string {
  return value === null ? '' : String(value);
}

function toDraft(faults: Faults): Record<FieldName, string> {
  return {
    latency: toText(faults.latency),
    errorRate: toText(faults.errorRate),
    stallRate: toText(faults.stallRate),
    dropAfter: toText(faults.dropAfter),
    malformedEvery: toText(faults.malformedEvery),
    slow: toText(faults.slow),
    churn: faults.churn === 0 ? '' : String(faults.churn),
    churnSeed: String(faults.churnSeed),
  };
}

/** Sets the faults the mock server applies to every request that does not set its own. */
export function FaultPanel() {
  const saved = useSyncExternalStore(subscribeFaults, getFaults);
  const [draft, setDraft] = useState(() => toDraft(saved));
  const [error, setError] = useState<string | null>(null);
  // Faults applied elsewhere (the banner's "Turn off") replace what was typed here.
  const [drafted, setDrafted] = useState(saved);
  if (drafted !== saved) {
    setDrafted(saved);
    setDraft(toDraft(saved));
    setError(null);
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const num = (name: FieldName, optional: boolean): number | null => {
      const text = draft[name].trim();
      if (text === '') return optional ? null : 0;
      const value = Number(text);
      const field = FIELDS.find((f) => f.name === name)!;
      if (!Number.isFinite(value) || value < 0 || (field.max !== undefined && value > field.max)) {
        throw new Error(`${field.label}: "${text}" is not valid (${field.hint})`);
      }
      return value;
    };
    try {
      const next: Faults = {
        latency: num('latency', false) ?? 0,
        errorRate: num('errorRate', false) ?? 0,
        stallRate: num('stallRate', false) ?? 0,
        dropAfter: num('dropAfter', true),
        malformedEvery: num('malformedEvery', true),
        slow: num('slow', true),
        churn: num('churn', false) ?? 0,
        churnSeed: Math.trunc(num('churnSeed', true) ?? 1),
      };
      applyFaults(next);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <aside className="faults" aria-label="Fault panel">
      <h2>Faults</h2>
      <form onSubmit={onSubmit} noValidate>
        {FIELDS.map((f) => (
          <label key={f.name} title={f.hint}>
            {f.label}
            <input
              name={f.name}
              type="number"
              min={0}
              max={f.max}
              step={f.step ?? '1'}
              value={draft[f.name]}
              placeholder="off"
              onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}
            />
          </label>
        ))}
        <button type="submit">Apply</button>
      </form>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : (
        <p className="applied" data-testid="faults-applied">
          latency {saved.latency} ms · errors {Math.round(saved.errorRate * 100)}% · stalls{' '}
          {Math.round(saved.stallRate * 100)}%
          {saved.churn > 0 && ` · churn ${saved.churn} rows/s (seed ${saved.churnSeed})`}
        </p>
      )}
    </aside>
  );
}
