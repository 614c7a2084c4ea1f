/**
 * Waits (real time, at most 5 s: a lazy chunk's load took 200–500 ms on a loaded machine) until
 * the stream's published status is `status`; returns either way, so the test's own assertion
 * says what was seen.
 *
 * @example
 * await untilStatus(stream, 'done');
 * expect(stream.getSnapshot().status).toBe('done');
 */
export async function untilStatus(
  stream: { getSnapshot(): { status: string } },
  status: string,
): Promise<void> {
  const until = Date.now() + 5_000;
  while (stream.getSnapshot().status !== status && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
