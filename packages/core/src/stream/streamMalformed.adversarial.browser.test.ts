// Adversarial checks of `onMalformed: 'error'` in real Chromium, parsed in the Worker (the
// default) and on the page: the stream stops at the malformed event and its resume point stays on
// the last event delivered.
import { describe, expect, it } from 'vitest';
import { ended, restoreWorkerAfterEach } from '../testing/streamEnded.ts';
import { createStream } from './createStream.ts';
import { StreamParseError } from './streamErrors.ts';

restoreWorkerAfterEach();

describe.each([true, false])("createStream onMalformed: 'error' (worker: %s)", (worker) => {
  it('SSE: an event whose data is not JSON does not move the resume id past it', async () => {
    const stream = createStream<number>({
      format: 'sse',
      worker,
      onMalformed: 'error',
      request: () => new Response('id: 1\ndata: 1\n\nid: 2\ndata: {bad\n\nid: 3\ndata: 3\n\n'),
    });
    const s = await ended(stream);
    expect(s.status).toBe('error');
    expect(s.error).toBeInstanceOf(StreamParseError);
    expect(s.items).toEqual([1]);
    expect(s.lastId).toBe('1');
  });
});
