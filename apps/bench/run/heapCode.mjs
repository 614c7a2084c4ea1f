// How much of a page's JS heap is V8's compiled code, for the soak's heap check (soak.mjs).

/**
 * Bytes of V8's compiled code in the page's heap, read from a heap snapshot: the self size of
 * every node the snapshot types `code` (bytecode, machine code, feedback vectors and their
 * tables). It grows for minutes as V8 compiles and optimizes what the page runs, whatever the
 * page holds, so a check for data kept subtracts it from `Runtime.getHeapUsage`'s `usedSize`.
 *
 * @example
 * const { usedSize } = await cdp.send('Runtime.getHeapUsage');
 * const dataBytes = usedSize - (await compiledCodeBytes(cdp));
 *
 * @param {import('playwright').CDPSession} cdp a session attached to the page
 * @returns {Promise<number>}
 */
export async function compiledCodeBytes(cdp) {
  const chunks = [];
  const onChunk = (event) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const { snapshot, nodes } = JSON.parse(chunks.join(''));
  const fields = snapshot.meta.node_fields;
  const code = snapshot.meta.node_types[0].indexOf('code');
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  let bytes = 0;
  for (let i = 0; i < nodes.length; i += fields.length) {
    if (nodes[i + typeAt] === code) bytes += nodes[i + sizeAt];
  }
  return bytes;
}
