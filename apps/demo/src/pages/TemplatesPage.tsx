import { setTemplateProbeFailure } from '@lazyflow/mocks';
import { useEffect, useState } from 'react';
import { PageIntro } from '../components/PageIntro.tsx';
import { TemplatePanel } from '../templates/TemplatePanel.tsx';
import { TEMPLATE_PANELS } from '../templates/templatePanels.ts';

/**
 * `autoSource` on five datasets of `/api/templates` side by side: the same code picks eager
 * loading for 2,000 templates, offset paging for 200,000, cursor paging for a feed without a
 * size, and a stream for 20,000,000 or an open-ended feed, each panel saying why.
 */
export function TemplatesPage() {
  const [generation, setGeneration] = useState(0);
  const [failing, setFailing] = useState(false);
  // The switch lives in the mock server (module state in this page); leaving the page turns it off.
  useEffect(() => () => setTemplateProbeFailure(false), []);

  const toggleFailure = (on: boolean) => {
    setTemplateProbeFailure(on);
    setFailing(on);
    // Turning the failure on probes again so every panel meets it; turning it off leaves the
    // errors in place for each panel's Retry to clear.
    if (on) setGeneration((g) => g + 1);
  };

  return (
    <section className="page-fill tpl-page">
      <PageIntro
        title="Templates"
        tryThis={
          <>
            compare the panels' figures: how many requests each strategy sent, how many bytes it received and
            how soon its first row showed. Scroll each list to its end; tick the failing probe to see errors.
          </>
        }
        code={
          <>
            one <code>autoSource({'{ url }'})</code> per panel over <code>/api/templates</code>, nothing else
            configured: everything at once below 1 MB, pages (offset or cursor) up to 100 MB, an NDJSON stream
            beyond or without a size
          </>
        }
      >
        Five datasets, from 2,000 templates to an endless live feed, loaded by the same line of code. It asks
        the server for a first hundred items, reads how big the whole is, and picks the way to load it.
      </PageIntro>
      <div className="controls">
        <label>
          <input
            type="checkbox"
            data-testid="tpl-fail-probe"
            checked={failing}
            onChange={(event) => toggleFailure(event.target.checked)}
          />{' '}
          Server fails the probe (HTTP 500)
        </label>
        <button type="button" data-testid="tpl-reload" onClick={() => setGeneration((g) => g + 1)}>
          Probe again
        </button>
        <span className="muted">
          {failing ? 'Untick, then press Retry in a panel: it recovers.' : 'Each panel probes once.'}
        </span>
      </div>
      <div className="tpl-grid">
        {TEMPLATE_PANELS.map((spec) => (
          // A new generation is a new list (and a new probe); the key remounts the panel.
          <TemplatePanel key={`${spec.dataset}:${generation}`} spec={spec} generation={generation} />
        ))}
      </div>
    </section>
  );
}
