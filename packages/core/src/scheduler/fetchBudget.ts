import { optionError } from '../options.ts';

/**
 * Urgency on the one scale every fetch of a QueryClient shares: a list's visible pages (0),
 * then its prefetched pages (1), then background work (2: a list's background pages and every
 * load of a prefetcher). Smaller starts first.
 */
export type BudgetRank = 0 | 1 | 2;

/** Something with fetches waiting: a list's scheduler or a prefetcher. */
export interface BudgetMember {
  /** The rank of the fetch it would start next, or `undefined` when it has none it may start now. */
  nextRank(): BudgetRank | undefined;
  /** Starts that fetch; it holds one slot until the member calls {@link FetchBudget.release}. */
  startNext(): void;
}

/** Slots for a QueryClient whose lists and prefetchers never said otherwise: a browser's connections per host. */
const DEFAULT_FETCH_BUDGET = 6;

/**
 * The concurrency budget of one QueryClient: at most `limit` fetches at once over every list
 * and prefetcher that uses the client, and when a slot frees, the most urgent waiting fetch of
 * any member gets it (a visible page of one list before a prefetch of another, before
 * background work); members of equal rank take turns. Each member keeps its own queue and
 * its own cap (`maxConcurrent`, `concurrency`); the budget only decides who starts next.
 *
 * Members join while they have work waiting and leave when they have none, so a destroyed
 * list leaves nothing behind.
 *
 * @example
 * const budget = fetchBudgetFor(queryClient);
 * const member = { nextRank: () => (queue.length ? 0 : undefined), startNext: () => run(queue.shift()) };
 * budget.update(member, queue.length > 0); // starts `run` while slots are free
 * // …when a run settles: budget.release();
 */
export class FetchBudget {
  #limit: number;
  #running = 0;
  /** Members with work waiting, in the order they take turns. */
  #members: BudgetMember[] = [];
  #pumping = false;

  constructor(limit = DEFAULT_FETCH_BUDGET) {
    this.#limit = checkLimit(limit);
  }

  /** Fetches running now, over every member. */
  get running(): number {
    return this.#running;
  }

  get limit(): number {
    return this.#limit;
  }

  /** A new limit; more slots start waiting fetches at once. */
  setLimit(limit: number): void {
    this.#limit = checkLimit(limit);
    this.pump();
  }

  /**
   * What a member calls after any change of its own: it has work it may start now (`waiting`)
   * or not, and `freed` of its fetches settled or were aborted. Their slots go back, and free
   * slots go to the most urgent waiting fetches.
   */
  update(member: BudgetMember, waiting: boolean, freed = 0): void {
    // A member with work waiting joins (once); one without leaves.
    const at = this.#members.indexOf(member);
    if (waiting && at === -1) this.#members.push(member);
    if (!waiting && at !== -1) this.#members.splice(at, 1);
    this.#running = Math.max(0, this.#running - freed);
    this.pump();
  }

  /** A fetch started by `startNext` has settled, or was aborted: its slot goes to the next one. */
  release(): void {
    this.#running = Math.max(0, this.#running - 1);
    this.pump();
  }

  /**
   * Hands free slots to the most urgent waiting fetches. Re-entrant calls (a member's
   * `startNext` that settles at once and releases) are folded into the running pump.
   */
  pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#running < this.#limit) {
        const member = this.#mostUrgent();
        if (member === undefined) return;
        // Equal ranks take turns: the member that just started goes to the back.
        this.#members.splice(this.#members.indexOf(member), 1);
        this.#members.push(member);
        this.#running += 1;
        member.startNext();
      }
    } finally {
      this.#pumping = false;
    }
  }

  #mostUrgent(): BudgetMember | undefined {
    let best: BudgetMember | undefined;
    let bestRank = Number.POSITIVE_INFINITY;
    for (const member of this.#members) {
      const rank = member.nextRank();
      if (rank !== undefined && rank < bestRank) {
        best = member;
        bestRank = rank;
      }
    }
    return best;
  }
}

/** The limit, checked in development builds only (decision 0054: no app option reaches it). */
function checkLimit(limit: number): number {
  if (process.env.NODE_ENV !== 'production' && (!Number.isInteger(limit) || limit < 1))
    throw optionError('fetch budget', 'maxConcurrent', 'a positive integer', limit);
  return limit;
}

const budgets = new WeakMap<object, FetchBudget>();

/**
 * The budget every list and prefetcher on `client` shares (one per client, created on first
 * use with {@link DEFAULT_FETCH_BUDGET} slots).
 *
 * @example
 * fetchBudgetFor(queryClient).running; // fetches in flight over all of the client's lists
 */
export function fetchBudgetFor(client: object): FetchBudget {
  let budget = budgets.get(client);
  if (budget === undefined) {
    budget = new FetchBudget();
    budgets.set(client, budget);
  }
  return budget;
}
