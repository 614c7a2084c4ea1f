// Every list hook when the app's QueryClient is replaced under it (a logout that builds a new
// client for the next user, `<QueryClientProvider client={next}>`): the list moves to the new
// client, fetches its pages there, and leaves nothing subscribed in the old one. The harness is
// testing/lifecycleHarness.tsx.
import { QueryClient } from '@lazyflow/core';
import { describe, expect, it, vi } from 'vitest';
import {
  HARNESSES,
  lifecyclePerTest,
  mount,
  rowText,
  settled,
  subscribed,
  Tree,
} from './testing/lifecycleHarness.tsx';
import { clientHolds, makeServer } from './testing/lifecycleProbe.ts';

lifecyclePerTest();

for (const harness of HARNESSES) {
  const { Hook } = harness;
  describe(`${harness.name} with a new QueryClient`, () => {
    it('shows the new client’s pages and leaves the old client unsubscribed', async () => {
      const before = new QueryClient();
      const after = new QueryClient();
      const server = makeServer();
      const listKey = `swap-${Math.random()}`;
      const ui = (client: QueryClient, token: string) => (
        <Tree client={client}>
          <Hook listKey={listKey} token={token} server={server} from={0} />
        </Tree>
      );
      const view = mount(ui(before, 'alice'));
      await vi.waitFor(() => expect(rowText(0)).toBe('0:alice'));
      await subscribed(before);
      view.rerender(ui(after, 'bob'));
      await vi.waitFor(() => expect(rowText(0)).toBe('0:bob'));
      await subscribed(after);
      await settled();
      expect(clientHolds(before)).toEqual({ listeners: 0, observers: 0 });
      expect(server.calls).toContain('bob@0');
      view.unmount();
      // The engine goes a moment after unmount (useEngine waits out StrictMode's remount).
      await vi.waitFor(() => expect(clientHolds(after)).toEqual({ listeners: 0, observers: 0 }));
    });
  });
}
