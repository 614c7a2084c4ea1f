import { NO_FAULTS } from '@lazyflow/mocks';
import { useSyncExternalStore } from 'react';
import { applyFaults, getFaults, subscribeFaults } from './faultSettings.ts';
import { describeFaults } from './lib/describeFaults.ts';

/**
 * Says which faults of the fault panel are on, on every page, with one click to turn them all
 * off. Faults are saved across reloads (issue #20): without this a demo with a saved latency or
 * error rate just looked slow or broken.
 */
export function FaultBanner() {
  const faults = useSyncExternalStore(subscribeFaults, getFaults);
  const on = describeFaults(faults);
  if (on.length === 0) return null;
  return (
    <div className="fault-banner" role="status" data-testid="fault-banner">
      <p>
        <strong>Faults on:</strong> {on.join(' · ')}
      </p>
      <button type="button" className="fault-banner-off" onClick={() => applyFaults({ ...NO_FAULTS })}>
        Turn off
      </button>
    </div>
  );
}
