// A stream log's Worker (decision 0084): the body is fetched, indexed and kept here; the page gets
// the count and the lines it reads. Started by createStreamLog.ts with
// `new Worker(new URL('./logWorker.js', import.meta.url), { type: 'module' })`, the pattern
// bundlers build as a Worker entry of its own. Only ever loaded as a Worker.
import type { FromLog, ToLog } from './logMessages.ts';
import { createLogReader } from './logReader.ts';

interface WorkerScope {
  postMessage(message: FromLog): void;
  onmessage: ((event: MessageEvent<ToLog>) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const handle = createLogReader((message) => scope.postMessage(message));
scope.onmessage = ({ data }) => handle(data);
