import type { ItemsPage } from '@lazyflow/mocks';
import { useState } from 'react';

interface Probe {
  url: string;
  status: number;
  ms: number;
  detail: string;
}

const ENDPOINTS = [
  ['/api/items?offset=123456&limit=1', 'items: random access, offset/limit'],
  ['/api/feed?direction=backward&limit=20', 'feed: two-way cursors'],
  ['/api/stream?count=100&rate=200', 'stream: NDJSON at a rate (or &format=sse)'],
  ['/api/metrics?from=0&to=3600000&step=60000', 'metrics: time-series points'],
  [
    '/api/templates?dataset=small&offset=0&limit=100',
    'templates: small, medium, feed, huge, live (autoSource)',
  ],
  ['/api/videos?status=draft&offset=0&limit=20', 'videos: 500,000, filtered by status (Videos page)'],
  [
    '/api/users?sort=name&order=desc&offset=0&limit=20',
    'users: 1,000,000, sorted by the server (Users page)',
  ],
  ['/api/search?q=harbor%20lan&limit=20', 'search: 10,000,000 documents, cursor pages + total (Search page)'],
  [
    '/api/analytics?from=0&to=86400000&step=600000',
    'analytics: requests, errors, p95 per bucket (Analytics page)',
  ],
] as const;

/** Home: what the demo serves, and a button that times one request through the mock server. */
export function HomePage() {
  const [probe, setProbe] = useState<Probe | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    const url = ENDPOINTS[0][0];
    setBusy(true);
    setProbe(null);
    const t0 = performance.now();
    try {
      const res = await fetch(url);
      const body = (await res.json()) as ItemsPage | { error: string };
      const detail = 'items' in body ? (body.items[0]?.title ?? 'no item') : body.error;
      setProbe({ url, status: res.status, ms: Math.round(performance.now() - t0), detail });
    } catch (e) {
      setProbe({ url, status: 0, ms: Math.round(performance.now() - t0), detail: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>lazyflow demo</h1>
      <p>
        Every page reads large deterministic datasets from a mock server running in this tab (MSW). The fault
        panel adds latency, errors, dropped streams and malformed lines to the next requests.
      </p>
      <ul>
        {ENDPOINTS.map(([url, what]) => (
          <li key={url}>
            {/* Not links: MSW answers fetches from this page, not navigations to the URL. */}
            <code>{url}</code> — {what}
          </li>
        ))}
      </ul>
      <button type="button" onClick={send} disabled={busy}>
        {busy ? 'Waiting…' : 'Send a test request'}
      </button>
      {probe && (
        <p data-testid="probe" data-status={probe.status} data-ms={probe.ms}>
          HTTP {probe.status} in {probe.ms} ms — {probe.detail}
        </p>
      )}
    </section>
  );
}
