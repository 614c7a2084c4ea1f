/** The reading loop's module (`runConnection`, the publish budget, `yieldToMain`), a lazy chunk. */
type ConnectionModule = typeof import('./streamConnection.ts');
let connectionModule: Promise<ConnectionModule> | undefined;

/**
 * The reading loop, imported when a stream first reads (a lazy chunk: `createStream` alone stays
 * small, issue #15 item 7). A failed import is not kept: the next start imports again.
 *
 * @example
 * loadConnection().then(({ runConnection }) => runConnection(host, generation, early));
 */
export function loadConnection(): Promise<ConnectionModule> {
  if (connectionModule === undefined) {
    const load = import('./streamConnection.ts');
    connectionModule = load;
    load.catch(() => {
      if (connectionModule === load) connectionModule = undefined;
    });
  }
  return connectionModule;
}
