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

/** Options for {@link FetchScheduler}. */
export interface FetchSchedulerOptions<R> {
  readonly maxConcurrent: number;
  /** Total attempts per page, including the first. */
  readonly attempts: number;
  readonly backoff: BackoffOptions;
  /**
   * An attempt still running after this many ms is aborted and fails with a `PageTimeoutError`
   * (retried like any failure while attempts remain). 0 or absent: no limit.
   */
  readonly timeoutMs?: number;
  readonly timers: Timers;
  /** Starts one attempt for `page`, wanted at `priority` (its rank when it starts). */
  readonly execute: (page: number, attempt: number, priority: PagePriority) => RunningFetch<R>;
  readonly onSuccess: (page: number, result: R) => void;
  /** Called once attempts are exhausted or `shouldRetry` said no. */
  readonly onError: (page: number, error: unknown) => void;
  readonly shouldRetry: (error: unknown) => boolean;
  /** A try of `page` failed with `error`: try `attempt` + 1 starts after `delay` ms. */
  readonly onRetry?: (page: number, attempt: number, delay: number, error: unknown) => void;
  /** Called whenever the number of running fetches changes. */
  readonly onActivity?: (running: number) => void;
  /**
   * The QueryClient's shared budget (`fetchBudgetFor(client)`): when given, a job starts only
   * when the budget hands this scheduler a slot, so every list and prefetcher on the client
   * stays within one limit and the most urgent fetch of any of them goes first.
   */
  readonly budget?: FetchBudget;
  /**
   * While this says true, prefetch and background attempts start in a task of their own (a
   * 0 ms timer) instead of inside the call that planned them: a list passes "a scroll is
   * moving", so a frame's task does not also pay for a request (issue #16 item 2). Visible
   * pages always start at once. Absent: everything starts at once.
   */
  readonly startLater?: () => boolean;
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
 * jitter (the slot is released while waiting), and abort on `cancel`. With a `budget`, the
 * QueryClient-wide limit and priority order apply on top of `maxConcurrent`. A job's result is
 * delivered only if the job is still the current one for its page, so anything that
 * settles after `cancel`/`cancelAll` is dropped.
 *
 * @example
 * const scheduler = new FetchScheduler({ maxConcurrent: 4, attempts: 3, backoff: {}, timers: defaultTimers,
 *   execute: (page) => ({ promise: load(page), abort: () => {} }),
 *   onSuccess: (page, items) => store(page, items), onError: (page, e) => fail(page, e), shouldRetry: () => true });
 * scheduler.enqueue(7, 'visible');
 */
export class FetchScheduler<R> {
  #options: FetchSchedulerOptions<R>;
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
        this.#options.budget?.release(); // nothing to start after all
      else this.#start(job);
    },
  };

  constructor(options: FetchSchedulerOptions<R>) {
    this.#options = options;
  }

  /** New limits for jobs from now on (a list's `setOptions`): more slots start queued jobs at once. */
  setLimits(
    limits: Pick<FetchSchedulerOptions<R>, 'maxConcurrent' | 'attempts' | 'backoff'> &
      Partial<Pick<FetchSchedulerOptions<R>, 'timeoutMs'>>,
  ): void {
    this.#options = { ...this.#options, ...limits };
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
    if (job.state === 'waiting') this.#options.timers.clearTimeout(job.timer);
    const freed = job.state === 'running' ? 1 : 0;
    if (job.state === 'running') {
      this.#setRunning(this.#running - 1);
      this.#options.timers.clearTimeout(job.deadline);
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
    this.#options.onActivity?.(running);
  }

  #startable(): boolean {
    return !this.#paused && this.#running < this.#options.maxConcurrent && this.#queue.length > 0;
  }

  /** Starts what may start; `freed` slots of settled or aborted jobs go back to the budget first. */
  #pump(freed = 0): void {
    const budget = this.#options.budget;
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
    if (job.priority !== 'visible' && this.#options.startLater?.())
      this.#options.timers.setTimeout(
        () => this.#jobs.get(job.page) === job && !job.running && this.#run(job),
        0,
      );
    else this.#run(job);
  }

  #run(job: Job<R>): void {
    let running: RunningFetch<R>;
    try {
      running = this.#options.execute(job.page, job.attempt, job.priority);
    } catch (error) {
      running = { promise: Promise.reject(error), abort: () => {} };
    }
    job.running = running;
    const current = () => this.#jobs.get(job.page) === job && job.running === running;
    const timeoutMs = this.#options.timeoutMs ?? 0;
    if (timeoutMs > 0)
      job.deadline = this.#options.timers.setTimeout(() => {
        if (!current()) return;
        running.abort(); // its rejection comes later: #failed has made it not current by then
        this.#failed(job, new PageTimeoutError(job.page, timeoutMs));
      }, timeoutMs);
    running.promise.then(
      (result) => {
        if (!current()) return;
        this.#options.timers.clearTimeout(job.deadline);
        this.#jobs.delete(job.page);
        this.#setRunning(this.#running - 1);
        this.#options.onSuccess(job.page, result);
        this.#pump(1);
      },
      (error: unknown) => {
        if (!current()) return;
        this.#options.timers.clearTimeout(job.deadline);
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
    if (job.attempt < this.#options.attempts && this.#options.shouldRetry(error)) {
      const delay = backoffDelay(job.attempt, this.#options.backoff);
      job.state = 'waiting';
      job.timer = this.#options.timers.setTimeout(() => {
        if (this.#jobs.get(job.page) !== job) return;
        job.attempt += 1;
        job.state = 'queued';
        this.#queue.unshift(job); // it waited already: first in line among equals
        this.#queue.sort((a, b) => RANK[a.priority] - RANK[b.priority]);
        this.#pump();
      }, delay);
      this.#options.onRetry?.(job.page, job.attempt, delay, error);
    } else {
      this.#jobs.delete(job.page);
      this.#options.onError(job.page, error);
    }
    this.#pump(1);
  }
}
