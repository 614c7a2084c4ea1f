/**
 * Waits (real time, at most ~3 s) until the stream's published status is `status`; returns
 * either way, so the test's own assertion says what was seen.
 *
 * @example
 * await untilStatus(stream, 'done');
 * expect(stream.getSnapshot().status).toBe('done');
 */
export async function untilStatus(
  stream: { getSnapshot(): { status: string } },
  status: string,
): Promise<void> {
  for (let i = 0; i < 300 && stream.getSnapshot().status !== status; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
