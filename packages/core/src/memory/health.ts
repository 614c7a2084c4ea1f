// Pure grading of the figures behind `getHealth()`: memory level, cache hit rate, error rate.
import type { MemoryLevel } from './memoryLevel.ts';

/**
 * A grade for a health panel.
 *
 * @example
 * if (getHealth().errorRate.status === 'critical') reportIncident();
 */
export type HealthStatus = 'healthy' | 'warning' | 'critical';

/** Counters a list reports to its monitor (a subset of `LazyListStats`). */
export interface HealthCounts {
  readonly cacheHits: number;
  readonly cacheMisses: number;
  readonly requests: number;
  readonly retries: number;
  readonly errors: number;
}

/** Where rates turn into warnings. Hit rates below, error rates above their bounds are bad. */
export interface HealthThresholds {
  readonly hitRateWarning: number;
  readonly hitRateCritical: number;
  readonly errorRateWarning: number;
  readonly errorRateCritical: number;
  /** Fewer lookups (or requests) than this always grade healthy: one failed request is not a trend. */
  readonly minSamples: number;
}

/** Default {@link HealthThresholds}. */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = Object.freeze({
  hitRateWarning: 0.5,
  hitRateCritical: 0.2,
  errorRateWarning: 0.05,
  errorRateCritical: 0.25,
  minSamples: 20,
});

/**
 * What `getHealth()` returns: three grades, each with the figures behind it.
 *
 * @example
 * const { memory, cacheHitRate, errorRate } = getHealth();
 * console.log(memory.status, cacheHitRate.value, errorRate.value);
 */
export interface HealthReport {
  readonly memory: {
    readonly status: HealthStatus;
    readonly level: MemoryLevel;
    readonly ratio: number;
    readonly sdkBytes: number;
    readonly jsHeapUsed?: number;
    readonly jsHeapLimit?: number;
  };
  readonly cacheHitRate: { readonly status: HealthStatus; readonly value: number; readonly lookups: number };
  /** Share of fetch attempts that failed (retried or final). */
  readonly errorRate: { readonly status: HealthStatus; readonly value: number; readonly requests: number };
}

/** The memory figures {@link buildHealth} grades. */
export interface HealthMemoryInput {
  readonly level: MemoryLevel;
  readonly ratio: number;
  readonly sdkBytes: number;
  readonly jsHeapUsed?: number | undefined;
  readonly jsHeapLimit?: number | undefined;
}

/**
 * The health grade of a memory level.
 *
 * @example
 * gradeLevel('high'); // 'warning'
 */
export function gradeLevel(level: MemoryLevel): HealthStatus {
  return level === 'ok' ? 'healthy' : level === 'high' ? 'warning' : 'critical';
}

/** Bounds of {@link gradeRate}; `worse` says which direction is bad. */
export interface RateBounds {
  readonly warning: number;
  readonly critical: number;
  readonly worse: 'above' | 'below';
  readonly minSamples: number;
}

/**
 * Grades a rate (hit rate, error rate) against its bounds. Below `minSamples` a rate is not
 * trusted yet: one where lower is worse (a hit rate: a first scroll through new data misses every
 * lookup) is healthy; one where higher is worse (an error rate) counts the samples still missing
 * as good ones, so a single failure stays healthy but every request failing is trouble at once.
 *
 * @example
 * gradeRate(0.3, 40, { warning: 0.05, critical: 0.25, worse: 'above', minSamples: 20 }); // 'critical'
 * gradeRate(0.25, 4, { warning: 0.05, critical: 0.25, worse: 'above', minSamples: 20 }); // 'healthy' (1 of 4)
 * gradeRate(1, 12, { warning: 0.05, critical: 0.25, worse: 'above', minSamples: 20 }); // 'critical' (12 of 12)
 */
export function gradeRate(value: number, samples: number, bounds: RateBounds): HealthStatus {
  const few = samples < bounds.minSamples;
  if (few && bounds.worse === 'below') return 'healthy';
  const rate = few ? (value * samples) / bounds.minSamples : value;
  const past = (limit: number) => (bounds.worse === 'above' ? rate > limit : rate < limit);
  if (past(bounds.critical)) return 'critical';
  if (past(bounds.warning)) return 'warning';
  return 'healthy';
}

/**
 * Grades memory, the cache hit rate and the error rate.
 *
 * @example
 * buildHealth({ level: 'ok', ratio: 0.2, sdkBytes: 1e6 },
 *   { cacheHits: 90, cacheMisses: 10, requests: 10, retries: 0, errors: 0 }).cacheHitRate; // { status: 'healthy', value: 0.9, lookups: 100 }
 */
export function buildHealth(
  memory: HealthMemoryInput,
  counts: HealthCounts,
  thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
): HealthReport {
  const lookups = counts.cacheHits + counts.cacheMisses;
  const hitRate = lookups === 0 ? 0 : counts.cacheHits / lookups;
  const errorRate =
    counts.requests === 0 ? 0 : Math.min(1, (counts.retries + counts.errors) / counts.requests);
  const { minSamples } = thresholds;
  return {
    memory: {
      status: gradeLevel(memory.level),
      level: memory.level,
      ratio: memory.ratio,
      sdkBytes: memory.sdkBytes,
      ...(memory.jsHeapUsed === undefined ? {} : { jsHeapUsed: memory.jsHeapUsed }),
      ...(memory.jsHeapLimit === undefined ? {} : { jsHeapLimit: memory.jsHeapLimit }),
    },
    cacheHitRate: {
      status: gradeRate(hitRate, lookups, {
        warning: thresholds.hitRateWarning,
        critical: thresholds.hitRateCritical,
        worse: 'below',
        minSamples,
      }),
      value: hitRate,
      lookups,
    },
    errorRate: {
      status: gradeRate(errorRate, counts.requests, {
        warning: thresholds.errorRateWarning,
        critical: thresholds.errorRateCritical,
        worse: 'above',
        minSamples,
      }),
      value: errorRate,
      requests: counts.requests,
    },
  };
}
