// What the soak (soak.mjs) installs in every document of the demo before its own scripts run
// (`page.addInitScript`): the fault panel's settings in localStorage, a count of the requests in
// flight, and a check of every row on screen in every animation frame. It runs in the page, so
// it may use nothing from this module's scope: Playwright serializes the function.

/**
 * @typedef {object} SoakProbeOptions
 * @property {string} faultsKey  the demo's localStorage key of the fault panel's settings
 * @property {object} faults     the settings (`Faults` of @lazyflow/mocks)
 * @property {number} stalledMs  an aborted request that had been open this long counts as a stall given up on
 */

/**
 * The page side of the soak; its counters are `window.__soak` (a new set per document: the
 * runner reads them before each reload and adds them up).
 *
 * Requests: every `fetch` of `/api/…` except the streams (`/api/stream`, not under the fetch
 * budget) is in flight from the call until its body is read, it fails or its signal aborts; the
 * most at once is `maxInFlight`. Rows: in each frame, every row of the Table's scroller that is
 * on screen must be in index order top to bottom, and a loaded one must show its own item (its
 * `data-id`, the item's id, is its index: the Table's items are numbered by position; titles no
 * longer carry the id since decision 0039).
 *
 * @param {SoakProbeOptions} options
 */
export function installSoakProbes({ faultsKey, faults, stalledMs }) {
  localStorage.setItem(faultsKey, JSON.stringify(faults));
  const SAMPLES = 20;
  const soak = {
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    errors500: 0,
    aborted: 0,
    stalled: 0,
    stallsInjected: 0,
    frames: 0,
    rows: 0,
    placeholders: 0,
    wrong: 0,
    outOfOrder: 0,
    samples: [],
    rejections: [],
  };
  window.__soak = soak;
  // The mock server (MSW, in this page) fires this for every request it stalls.
  window.addEventListener('lazyflow-mock:stall', () => soak.stallsInjected++);
  const sample = (what) => {
    if (soak.samples.length < SAMPLES) soak.samples.push({ ...what, url: location.pathname });
  };

  const fetch0 = window.fetch;
  window.fetch = function soakFetch(input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/api/') || url.includes('/api/stream')) return fetch0.call(this, input, init);
    soak.requests++;
    soak.inFlight++;
    soak.maxInFlight = Math.max(soak.maxInFlight, soak.inFlight);
    const started = performance.now();
    let open = true;
    const end = (aborted) => {
      if (!open) return;
      open = false;
      soak.inFlight--;
      if (!aborted) return;
      soak.aborted++;
      if (performance.now() - started >= stalledMs) soak.stalled++;
    };
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    // Synchronously: a list that aborts a fetch may start the next one in the same task.
    signal?.addEventListener('abort', () => end(true), { once: true });
    return fetch0.call(this, input, init).then(
      (response) => {
        if (response.status === 500) soak.errors500++;
        for (const read of ['json', 'text', 'arrayBuffer', 'blob']) {
          const original = response[read].bind(response);
          response[read] = () => original().finally(() => end(false));
        }
        return response;
      },
      (error) => {
        end(signal?.aborted === true);
        throw error;
      },
    );
  };

  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason;
    soak.rejections.push(String(reason?.stack ?? reason).slice(0, 300));
  });

  const check = () => {
    const scroller = document.querySelector('[data-testid="table-scroller"]');
    if (scroller) {
      soak.frames++;
      const box = scroller.getBoundingClientRect();
      const onScreen = [];
      for (const row of scroller.querySelectorAll('[data-index]')) {
        const rect = row.getBoundingClientRect();
        if (rect.bottom > box.top + 1 && rect.top < box.bottom - 1) onScreen.push({ row, top: rect.top });
      }
      onScreen.sort((a, b) => a.top - b.top);
      let previous = -1;
      for (const { row, top } of onScreen) {
        const index = Number(row.dataset.index);
        if (index <= previous) {
          soak.outOfOrder++;
          sample({ problem: 'out of order', index, after: previous, top: Math.round(top - box.top) });
        }
        previous = index;
        if (row.dataset.state !== 'loaded') {
          soak.placeholders++;
          continue;
        }
        soak.rows++;
        if (row.dataset.id !== String(index)) {
          soak.wrong++;
          const title = row.querySelector('.item-title')?.textContent ?? '';
          sample({ problem: 'wrong item', index, id: row.dataset.id, title: title.slice(0, 40) });
        }
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}
