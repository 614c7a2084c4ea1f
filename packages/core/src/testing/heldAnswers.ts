import { settle } from './modelHarness.ts';

/** A request the test answers by hand. */
interface HeldAnswer {
  /** What was asked (`offset 3` for `versionedPages`). */
  readonly what: string;
  respond(): void;
  fail(): void;
}

/**
 * The requests of a test server, answered when the test says so (model tests of servers whose
 * rows change: `createLazyList.mixed.model.test.ts`, `createLazyList.moving.model.test.ts`,
 * `writesAndMoves.test.ts`). An answer is read when it is sent, as a server would; a request
 * honours its AbortSignal (rejects with its reason, as fetch() does).
 *
 * @example
 * const answers = new HeldAnswers();
 * const fetchPage = ({ offset, limit, signal }) =>
 *   answers.hold(signal, () => ({ items: rows.slice(offset, offset + limit) }), `offset ${offset}`);
 * answers.take(0)?.respond();
 * await answers.answerAll();
 */
export class HeldAnswers {
  readonly pending: HeldAnswer[] = [];

  /** A request: resolves with `answer()` when responded, rejects naming `what` when failed. */
  hold<V>(signal: AbortSignal | undefined, answer: () => V, what: string): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const entry: HeldAnswer = {
        what,
        respond: () => resolve(answer()),
        fail: () => reject(new Error(`server error at ${what}`)),
      };
      this.pending.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          const at = this.pending.indexOf(entry);
          if (at !== -1) this.pending.splice(at, 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /**
   * An offset source's `fetchPage` over `server`, each answer held until the test responds: the
   * rows at the page's offsets, the total and the dataset's version as they are when it answers.
   *
   * @example
   * const server = { rows: ['a', 'b'].map((id) => ({ id, v: 0 })), version: 0 };
   * offsetSource({ pageSize: 3, fetchPage: answers.versionedPages(server) });
   */
  versionedPages<R>(server: { readonly rows: readonly R[]; readonly version: number }) {
    return ({ offset, limit, signal }: { offset: number; limit: number; signal?: AbortSignal }) =>
      this.hold(
        signal,
        () => ({
          items: server.rows.slice(offset, offset + limit),
          total: server.rows.length,
          version: server.version,
        }),
        `offset ${offset}`,
      );
  }

  /** Takes the request at `pick` (modulo the number waiting) out of the queue, to answer it. */
  take(pick: number): HeldAnswer | undefined {
    return this.pending.splice(pick % Math.max(1, this.pending.length), 1)[0];
  }

  /** Takes the request for `what` (`offset 3`) out of the queue, to answer it. */
  takeFor(what: string): HeldAnswer | undefined {
    const at = this.pending.findIndex((entry) => entry.what === what);
    return at < 0 ? undefined : this.pending.splice(at, 1)[0];
  }

  /** Answers everything until nothing is asked any more; false when the list still asks after `rounds`. */
  async answerAll(rounds = 60): Promise<boolean> {
    for (let round = 0; round < rounds && this.pending.length > 0; round++) {
      for (const entry of this.pending.splice(0)) entry.respond();
      await settle();
    }
    return this.pending.length === 0;
  }
}
