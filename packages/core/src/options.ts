// Option validation: every helper throws a TypeError that names the owner and the option,
// so `offsetSource({ pageSize: -1 })` fails with a message the caller can act on.

/**
 * Describes a value briefly for an error message.
 *
 * @example
 * describeValue([1, 2]); // 'an array of 2'
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object with keys [${Object.keys(value).slice(0, 8).join(', ')}]`;
  return String(value);
}

/**
 * Builds the TypeError lazyflow throws for a bad option.
 *
 * @example
 * throw optionError('offsetSource', 'pageSize', 'a positive integer', -1);
 * // TypeError: lazyflow: offsetSource option "pageSize" must be a positive integer, got -1
 */
export function optionError(owner: string, option: string, expected: string, got: unknown): TypeError {
  return new TypeError(
    `lazyflow: ${owner} option "${option}" must be ${expected}, got ${describeValue(got)}`,
  );
}

/**
 * Asserts `value` is a positive integer.
 *
 * @example
 * assertPositiveInteger('offsetSource', 'pageSize', 100);
 */
export function assertPositiveInteger(
  owner: string,
  option: string,
  value: unknown,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw optionError(owner, option, 'a positive integer', value);
  }
}

/**
 * Asserts `value` is an integer ≥ 0.
 *
 * @example
 * assertNonNegativeInteger('createLazyList', 'prefetch', 2);
 */
export function assertNonNegativeInteger(
  owner: string,
  option: string,
  value: unknown,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw optionError(owner, option, 'an integer >= 0', value);
  }
}

/**
 * Asserts `value` is a number > 0 (Infinity allowed).
 *
 * @example
 * assertPositiveNumber('createLazyList', 'memory.maxBytes', 50_000_000);
 */
export function assertPositiveNumber(owner: string, option: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw optionError(owner, option, 'a number > 0', value);
  }
}

/**
 * Asserts `value` is a finite number.
 *
 * @example
 * assertFiniteNumber('setWindow', 'start', 0);
 */
export function assertFiniteNumber(owner: string, option: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw optionError(owner, option, 'a finite number', value);
  }
}

/**
 * Asserts `value` is a function.
 *
 * @example
 * assertFunction('offsetSource', 'fetchPage', fetchPage);
 */
export function assertFunction(owner: string, option: string, value: unknown): void {
  if (typeof value !== 'function') throw optionError(owner, option, 'a function', value);
}

/**
 * Asserts `value` is a plain options object.
 *
 * @example
 * assertObject('offsetSource', 'options', options);
 */
export function assertObject(owner: string, option: string, value: unknown): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw optionError(owner, option, 'an object', value);
  }
}

/**
 * For `setOptions`: throws a TypeError naming the first option of `fixed` that `update` gives
 * another value than `current` has (those options are an object's identity, set at creation).
 *
 * @example
 * assertUnchanged('LazyList.setOptions', ['key'], { key: ['a'] }, { key: ['b'] }); // throws
 */
export function assertUnchanged(
  owner: string,
  fixed: readonly string[],
  current: object,
  update: object,
): void {
  if (typeof update !== 'object' || update === null) throw optionError(owner, 'options', 'an object', update);
  const before = current as Record<string, unknown>;
  const after = update as Record<string, unknown>;
  for (const name of fixed) {
    if (name in after && after[name] !== before[name]) {
      throw optionError(owner, name, 'unchanged (set at creation: create a new one)', after[name]);
    }
  }
}
