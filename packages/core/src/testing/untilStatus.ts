/**
 * Waits (real time, at most 4 s: a lazy chunk's load took 200–500 ms on a loaded machine; under
 * the node project's 5 s test timeout, as `vi.waitFor`'s bound in scripts/vitest-waits.ts) until
 * the stream's published status is one of `statuses`; returns either way, so the test's own
 * assertion says what was seen.
 *
 * @example
 * await untilStatus(stream, 'done');
 * expect(stream.getSnapshot().status).toBe('done');
 * await untilStatus(stream, 'done', 'error'); // ended, either way
 */
export async function untilStatus(
  stream: { getSnapshot(): { status: string } },
  ...statuses: [string, ...string[]]
): Promise<void> {
  const until = performance.now() + 4_000;
  while (!statuses.includes(stream.getSnapshot().status) && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
