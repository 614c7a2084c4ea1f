// Masonry's chunk geometry, read by the options (rows of the size index) and the virtual list
// (block size) without the layout itself, which is its own import (`@lazyflow/core/masonry`).

/**
 * Items per lane in a masonry chunk. A chunk (`lanes × MASONRY_CHUNK_DEPTH` consecutive items) is
 * one row of the size index: items are packed inside it, shortest lane first, and the next chunk
 * starts below its tallest lane. So an item's position needs only its own chunk packed, never the
 * items before it (decision 0015).
 */
export const MASONRY_CHUNK_DEPTH = 8;

/**
 * Chunks per size-index block with masonry (6,144 items at 3 lanes): a jump packs the estimates of
 * about one block; 100,000,000 items are 16,000 blocks or so, each read through one chunk.
 */
export const MASONRY_BLOCK = 256;
