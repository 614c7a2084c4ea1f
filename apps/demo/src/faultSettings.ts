// The fault panel's settings survive reloads (localStorage) and become the defaults every
// mock endpoint applies to requests that do not set the fault themselves.
import { type Faults, NO_FAULTS, setFaultDefaults } from '@lazyflow/mocks';

const STORAGE_KEY = 'lazyflow-demo:faults';

/** The saved settings, or no faults when nothing (or something unreadable) is saved. */
export function loadFaults(): Faults {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? { ...NO_FAULTS, ...(JSON.parse(raw) as Partial<Faults>) } : { ...NO_FAULTS };
  } catch {
    return { ...NO_FAULTS };
  }
}

/** Applies `faults` to the mock server now and saves them for the next visit. */
export function applyFaults(faults: Faults): void {
  setFaultDefaults(faults);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(faults));
  } catch {
    // Private mode or a full quota: the settings still apply to this page.
  }
}
