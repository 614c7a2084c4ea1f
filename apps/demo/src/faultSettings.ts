// The fault panel's settings survive reloads (localStorage) and become the defaults every
// mock endpoint applies to requests that do not set the fault themselves. The faults in force
// are observable (getFaults + subscribeFaults), so the panel and the "Faults on" banner agree.
import { type Faults, NO_FAULTS, setFaultDefaults } from '@lazyflow/mocks';

const STORAGE_KEY = 'lazyflow-demo:faults';

let current: Faults | undefined;
const listeners = new Set<() => void>();

/** The saved settings, or no faults when nothing (or something unreadable) is saved. */
export function loadFaults(): Faults {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? { ...NO_FAULTS, ...(JSON.parse(raw) as Partial<Faults>) } : { ...NO_FAULTS };
  } catch {
    return { ...NO_FAULTS };
  }
}

/** The faults in force: the saved ones until {@link applyFaults}; the same object until a change. */
export function getFaults(): Faults {
  current ??= loadFaults();
  return current;
}

/** Calls `listener` after every {@link applyFaults}; returns the unsubscribe. */
export function subscribeFaults(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Applies `faults` to the mock server now, saves them for the next visit and tells subscribers. */
export function applyFaults(faults: Faults): void {
  setFaultDefaults(faults);
  current = faults;
  for (const listener of [...listeners]) listener();
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(faults));
  } catch {
    // Private mode or a full quota: the settings still apply to this page.
  }
}
