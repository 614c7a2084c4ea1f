// `window.__bench.run(request)`: the one entry point the runner and the e2e smoke spec call in a
// page. Dispatches to the list scenarios, the stream scenario and the two halves of warm reload.

import { type GridRequest, type GridResult, gridScroll } from '../grid/gridScenario.ts';
import {
  type ReloadRequest,
  type ReloadResult,
  type ReloadSetupRequest,
  type ReloadSetupResult,
  reloadMeasure,
  reloadSetup,
} from '../reload/reloadScenario.ts';
import { type StreamRequest, type StreamResult, streamIngest } from '../stream/streamScenario.ts';
import { type ListScenarioRequest, type ListScenarioResult, runListScenario } from './scenarios.ts';

/** What the runner asks a page to do. */
export type ScenarioRequest =
  | ListScenarioRequest
  | StreamRequest
  | ReloadSetupRequest
  | ReloadRequest
  | GridRequest;

/** A scenario that could not start or ended with an error: the table shows `reason`. */
export interface FailedResult {
  kind: 'failed';
  reason: string;
}

export type ScenarioResult =
  | ListScenarioResult
  | StreamResult
  | ReloadSetupResult
  | ReloadResult
  | GridResult
  | FailedResult;

/**
 * Runs one scenario in this page. Failures come back as `{ kind: 'failed', reason }`, never as
 * a rejected promise, so the runner can put the reason in the table.
 */
export async function runScenario(request: ScenarioRequest): Promise<ScenarioResult> {
  try {
    switch (request.kind) {
      case 'stream':
        return await streamIngest(request);
      case 'reload-setup':
        return await reloadSetup(request);
      case 'reload':
        return await reloadMeasure(request);
      case 'grid':
        return await gridScroll(request);
      default:
        return await runListScenario(request);
    }
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}
