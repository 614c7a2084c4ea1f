import { HeldAnswers } from './heldAnswers.ts';
import type { ModelItem } from './writeModel.ts';

/**
 * The mixed model's server: rows that change, a version per change, answers read when the model
 * sends them (not when asked), so a change between the two is in the answer.
 *
 * @example
 * const server = new MixedServer(30);
 * offsetSource({ pageSize: 3, fetchPage: server.fetchPage });
 * server.insert(0.5, 2); // two rows `x0 x1` in the middle, version 1
 */
export class MixedServer extends HeldAnswers {
  rows: ModelItem[];
  version = 0;
  #nextId = 0;
  constructor(size: number) {
    super();
    this.rows = Array.from({ length: size }, (_, n) => ({ id: `s${n}`, v: 0 }));
  }
  change(rows: ModelItem[]): void {
    this.rows = rows;
    this.version += 1;
  }
  insert(fraction: number, count: number): void {
    const rows = [...this.rows];
    const at = Math.floor(fraction * (rows.length + 1));
    rows.splice(at, 0, ...Array.from({ length: count }, () => ({ id: `x${this.#nextId++}`, v: 0 })));
    this.change(rows);
  }
  delete(fraction: number, count: number): void {
    if (this.rows.length === 0) return;
    const rows = [...this.rows];
    rows.splice(Math.floor(fraction * rows.length), count);
    this.change(rows);
  }
  fetchPage = this.versionedPages(this);
}
