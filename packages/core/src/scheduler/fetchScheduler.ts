import type { Timers } from '../env/timers.ts';
import { PageTimeoutError } from '../errors.ts';
import type { PagePriority } from '../planner/planWindow.ts';
import { type BackoffOptions, backoffDelay } from './backoffDelay.ts';
import type { BudgetMember, BudgetRank, FetchBudget } from './fetchBudget.ts';

/** A running fetch: its promise and how to abort it. */
export interface RunningFetch<R> {
  readonly promise: Promise<R>;
  abort(): void;
}

/**
 * The limits a {@link FetchScheduler} reads at each step (a list's live options: its
 * `setOptions` replaces them, then calls `limitsChanged()`).
 */
export interface FetchLimits extends BackoffOptions {
  readonly maxConcurrent: number;
  /** Total attempts per page, including the first. */
  readonly attempts: number;
  /**
   * An attempt still running after this many ms is aborted and fails with a `PageTimeoutError`
   * (retried like any failure while attempts remain). 0 or absent: no limit.
   */
  readonly timeoutMs?: number;
  readonly timers: Timers;
}

/**
 * What a {@link FetchScheduler} reads of its owner (a list passes its load loop, `PageFlow`),
 * typed by the part it uses.
 */
export interface FetchSchedulerHost {
  readonly o: FetchLimits;
  /** `setInFlight(running)`: called whenever the number of running fetches changes. */
  readonly stats?: { setInFlight(running: number): void };
  /**
   * While `window.velocity` is above 0 (a scroll moves), prefetch and background attempts start
   * in a task of their own (a 0 ms timer) instead of inside the call that planned them, so a
   * frame's task does not also pay for a request (issue #16 item 2). Visible pages always start
   * at once. Absent: everything starts at once.
   */
  readonly window?: { readonly velocity: number } | null;
}

/** What a {@link FetchScheduler} calls, each with its host (a list's functions over its flow). */
export interface FetchCalls<R, H> {
  /** Starts one attempt for `page`, wanted at `priority` (its rank when it starts). */
  execute(host: H, page: number, attempt: number, priority: PagePriority): RunningFetch<R>;
  onSuccess(host: H, page: number, result: R): void;
  /** Called once attempts are exhausted or `shouldRetry` said no. */
  onError(host: H, page: number, error: unknown): void;
  shouldRetry(error: unknown): boolean;
  /** A try of `page` failed with `error`: try `attempt` + 1 starts after `delay` ms. */
  onRetry?(host: H, page: number, attempt: number, delay: number, error: unknown): void;
}

interface Job<R> {
  readonly page: number;
  priority: PagePriority;
  attempt: number;
  state: 'queued' | 'running' | 'waiting';
  running?: RunningFetch<R>;
  timer?: unknown;
  /** The running attempt's timeout. */
  deadline?: unknown;
}

const RANK: Record<PagePriority, BudgetRank> = { visible: 0, prefetch: 1, background: 2 };

/**
 * Runs page fetches: at most `maxConcurrent` at once, visible before prefetch before
 * background, one job per page (in-flight dedupe), retries with exponential backoff and
 * jitter (the slot is released while waiting), and abort on `cancel`. With a `budget` (the
 * QueryClient's, `fetchBudgetFor(client)`), a job starts only when the budget hands this
 * scheduler a slot, so every list and prefetcher on the client stays within one limit and the
 * most urgent fetch of any of them goes first. A job's result is delivered only if the job is
 * still the current one for its page, so anything that settles after `cancel`/`cancelAll` is
 * dropped. The host and the calls are passed as they are, not wrapped in closures (issue #15
 * item 7: bytes).
 *
 * @example
 * const host = { o: { maxConcurrent: 4, attempts: 3, timers: defaultTimers } };
 * const scheduler = new FetchScheduler(host, {
 *   execute: (_, page) => ({ promise: load(page), abort: () => {} }),
 *   onSuccess: (_, page, items) => store(page, items), onError: (_, page, e) => fail(page, e), shouldRetry: () => true });
 * scheduler.enqueue(7, 'visible');
 */
export class FetchScheduler<R, H extends FetchSchedulerHost = FetchSchedulerHost> {
  readonly #host: H;
  readonly #calls: FetchCalls<R, H>;
  readonly #budget: FetchBudget | undefined;
  readonly #jobs = new Map<number, Job<R>>();
  #queue: Job<R>[] = [];
  #running = 0;
  #paused = false;
  /** How this scheduler takes part in the budget, when there is one. */
  readonly #member: BudgetMember = {
    nextRank: () => {
      const head = this.#queue[0];
      return this.#startable() && head !== undefined ? RANK[head.priority] : undefined;
    },
    startNext: () => {
      const job = this.#startable() ? this.#queue.shift() : undefined;
      if (job === undefined)
        this.#budget?.release(); // nothing to start after all
      else this.#start(job);
    },
  };

  constructor(host: H, calls: FetchCalls<R, H>, budget?: FetchBudget) {
    this.#host = host;
    this.#calls = calls;
    this.#budget = budget;
  }

  /** The host's limits changed (a list's `setOptions`): more slots start queued jobs at once. */
  limitsChanged(): void {
    this.#pump();
  }

  get running(): number {
    return this.#running;
  }

  has(page: number): boolean {
    return this.#jobs.has(page);
  }

  /** Pages with a job running or waiting to retry, driven by the window (not background). */
  active(): Set<number> {
    const pages = new Set<number>();
    for (const job of this.#jobs.values())
      if (job.state !== 'queued' && job.priority !== 'background') pages.add(job.page);
    return pages;
  }

  /** Adds a job, or raises the priority of an existing one. */
  enqueue(page: number, priority: PagePriority): void {
    const job = this.#jobs.get(page);
    if (job === undefined) {
      const created: Job<R> = { page, priority, attempt: 1, state: 'queued' };
      this.#jobs.set(page, created);
      this.#insert(created);
    } else if (RANK[priority] < RANK[job.priority]) {
      job.priority = priority;
      if (job.state === 'queued') {
        this.#queue = this.#queue.filter((queued) => queued !== job);
        this.#insert(job);
      }
    }
    this.#pump();
  }

  /**
   * Replaces the window-driven queue with `requests` in their order; queued window jobs not in
   * it are dropped (returned), queued background jobs are kept after them.
   */
  replaceQueue(requests: readonly { page: number; priority: PagePriority }[]): number[] {
    const wanted = new Set(requests.map((request) => request.page));
    const dropped: number[] = [];
    const background: Job<R>[] = [];
    for (const job of this.#queue) {
      if (wanted.has(job.page)) continue; // re-added below, in the plan's order
      if (job.priority === 'background') background.push(job);
      else {
        this.#jobs.delete(job.page);
        dropped.push(job.page);
      }
    }
    const queue: Job<R>[] = [];
    for (const request of requests) {
      const existing = this.#jobs.get(request.page);
      if (existing !== undefined && existing.state !== 'queued') continue;
      const job: Job<R> = existing ?? {
        page: request.page,
        priority: request.priority,
        attempt: 1,
        state: 'queued',
      };
      job.priority = request.priority;
      this.#jobs.set(job.page, job);
      queue.push(job);
    }
    this.#queue = [...queue, ...background];
    this.#pump();
    return dropped;
  }

  /** Aborts/dequeues the job for `page`; returns whether there was one. */
  cancel(page: number): boolean {
    const job = this.#jobs.get(page);
    if (job === undefined) return false;
    this.#jobs.delete(page);
    if (job.state === 'queued') this.#queue = this.#queue.filter((queued) => queued !== job);
    if (job.state === 'waiting') this.#host.o.timers.clearTimeout(job.timer);
    const freed = job.state === 'running' ? 1 : 0;
    if (job.state === 'running') {
      this.#setRunning(this.#running - 1);
      this.#host.o.timers.clearTimeout(job.deadline);
      job.running?.abort();
    }
    this.#pump(freed);
    return true;
  }

  /** Cancels every job; returns the pages that had one. */
  cancelAll(): number[] {
    const pages = [...this.#jobs.keys()];
    const paused = this.#paused;
    this.#paused = true; // no job may start while the others are being torn down
    for (const page of pages) this.cancel(page);
    this.#paused = paused;
    return pages;
  }

  /** Stops starting new jobs (running ones continue) until `resume()`. */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.#pump();
  }

  #insert(job: Job<R>): void {
    const at = this.#queue.findIndex((queued) => RANK[queued.priority] > RANK[job.priority]);
    if (at === -1) this.#queue.push(job);
    else this.#queue.splice(at, 0, job);
  }

  #setRunning(running: number): void {
    this.#running = running;
    this.#host.stats?.setInFlight(running);
  }

  #startable(): boolean {
    return !this.#paused && this.#running < this.#host.o.maxConcurrent && this.#queue.length > 0;
  }

  /** Starts what may start; `freed` slots of settled or aborted jobs go back to the budget first. */
  #pump(freed = 0): void {
    const budget = this.#budget;
    if (budget === undefined) {
      while (this.#startable()) this.#start(this.#queue.shift() as Job<R>);
      return;
    }
    budget.update(this.#member, this.#startable(), freed);
  }

  #start(job: Job<R>): void {
    job.state = 'running';
    this.#setRunning(this.#running + 1);
    // A prefetch or background page is fetched in a task of its own: the app's function and its
    // `fetch` call (~10 ms at CPU ×4) then do not lengthen the task that planned it, a scroll's
    // frame (issue #16 item 2: frames that started a request took twice as long). Its slot is
    // taken now; a page that became visible meanwhile goes out with that priority.
    if (job.priority !== 'visible' && (this.#host.window?.velocity ?? 0) > 0)
      this.#host.o.timers.setTimeout(
        () => this.#jobs.get(job.page) === job && !job.running && this.#run(job),
        0,
      );
    else this.#run(job);
  }

  #run(job: Job<R>): void {
    let running: RunningFetch<R>;
    try {
      running = this.#calls.execute(this.#host, job.page, job.attempt, job.priority);
    } catch (error) {
      running = { promise: Promise.reject(error), abort: () => {} };
    }
    job.running = running;
    const current = () => this.#jobs.get(job.page) === job && job.running === running;
    const { timers, timeoutMs = 0 } = this.#host.o;
    if (timeoutMs > 0)
      job.deadline = timers.setTimeout(() => {
        if (!current()) return;
        running.abort(); // its rejection comes later: #failed has made it not current by then
        this.#failed(job, new PageTimeoutError(job.page, timeoutMs));
      }, timeoutMs);
    running.promise.then(
      (result) => {
        if (!current()) return;
        timers.clearTimeout(job.deadline);
        this.#jobs.delete(job.page);
        this.#setRunning(this.#running - 1);
        // The slot goes back even when landing throws (an app's `estimateBytes`): else the
        // client's budget would hold it for good.
        try {
          this.#calls.onSuccess(this.#host, job.page, result);
        } finally {
          this.#pump(1);
        }
      },
      (error: unknown) => {
        if (!current()) return;
        timers.clearTimeout(job.deadline);
        this.#failed(job, error);
      },
    );
  }

  /** The running attempt of `job` failed: retry after a backoff while attempts remain, else report. */
  #failed(job: Job<R>, error: unknown): void {
    // The attempt is over: a retry started later (`startLater`) must not take it for one running
    // still, or it never runs and holds its slot (the Feed's edge page stuck at "attempt 2").
    job.running = undefined;
    this.#setRunning(this.#running - 1);
    const host = this.#host;
    const { o } = host;
    if (job.attempt < o.attempts && this.#calls.shouldRetry(error)) {
      const delay = backoffDelay(job.attempt, o);
      job.state = 'waiting';
      job.timer = o.timers.setTimeout(() => {
        if (this.#jobs.get(job.page) !== job) return;
        job.attempt += 1;
        job.state = 'queued';
        this.#queue.unshift(job); // it waited already: first in line among equals
        this.#queue.sort((a, b) => RANK[a.priority] - RANK[b.priority]);
        this.#pump();
      }, delay);
      this.#calls.onRetry?.(host, job.page, job.attempt, delay, error);
    } else {
      this.#jobs.delete(job.page);
      this.#calls.onError(host, job.page, error);
    }
    this.#pump(1);
  }
}
