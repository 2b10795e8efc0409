/**
 * Small hand-written checks for untrusted JSON. Each returns the value typed or throws one
 * `ValidationError` naming the first problem with its path (`item.corners[2].apex: ...`), so a
 * bad request gets one clear message. Shared by the server and the client (the client checks
 * before it pushes and after it pulls).
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    /** Where in the document, e.g. `item.centerline.x[3]`. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

export function fail(path: string, reason: string): never {
  throw new ValidationError(path, reason);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `${value}`;
  return `a ${typeof value}`;
}

/**
 * A plain JSON object with exactly the allowed properties: every `required` present, nothing
 * outside `required` + `optional`. Unknown properties are refused so content ids never hash junk.
 */
export function expectObject(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `expected an object, got ${describe(value)}`);
  const record = value as Record<string, unknown>;
  for (const key of required) {
    if (record[key] === undefined) fail(`${path}.${key}`, 'is required');
  }
  for (const key of Object.keys(record)) {
    if (!required.includes(key) && !optional.includes(key)) fail(`${path}.${key}`, 'unknown property');
  }
  return record;
}

export type NumberRule = {
  readonly min?: number;
  readonly max?: number;
  /** The value must be strictly greater than this. */
  readonly above?: number;
  readonly integer?: boolean;
};

export function expectNumber(value: unknown, path: string, rule: NumberRule = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `expected a finite number, got ${describe(value)}`);
  if (rule.integer && !Number.isInteger(value)) fail(path, `expected a whole number, got ${value}`);
  if (rule.min !== undefined && value < rule.min) fail(path, `must be at least ${rule.min}, got ${value}`);
  if (rule.max !== undefined && value > rule.max) fail(path, `must be at most ${rule.max}, got ${value}`);
  if (rule.above !== undefined && value <= rule.above) fail(path, `must be greater than ${rule.above}, got ${value}`);
  return value;
}

export type StringRule = {
  readonly min?: number;
  readonly max: number;
  readonly pattern?: RegExp;
  /** Said in the error when the pattern does not match, e.g. "letters, digits and _ . : + -". */
  readonly patternHint?: string;
};

/** Control characters (C0, DEL, C1) never belong in names or keys: they forge log lines and break tables. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

export function expectString(value: unknown, path: string, rule: StringRule): string {
  if (typeof value !== 'string') fail(path, `expected a string, got ${describe(value)}`);
  const min = rule.min ?? 1;
  if (value.length < min) fail(path, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
  if (value.length > rule.max) fail(path, `must be at most ${rule.max} characters, got ${value.length}`);
  if (CONTROL_CHARS.test(value)) fail(path, 'must not contain control characters');
  if (rule.pattern && !rule.pattern.test(value)) fail(path, `${JSON.stringify(value.slice(0, 80))} is not allowed here (${rule.patternHint ?? rule.pattern.source})`);
  return value;
}

export function expectEnum<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(path, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

export function expectArray(value: unknown, path: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected an array, got ${describe(value)}`);
  if (value.length < min) fail(path, `needs at least ${min} entries, got ${value.length}`);
  if (value.length > max) fail(path, `allows at most ${max} entries, got ${value.length}`);
  return value;
}

/** An array of finite numbers, each checked against `rule`. */
export function expectNumberArray(value: unknown, path: string, min: number, max: number, rule: NumberRule = {}): number[] {
  const array = expectArray(value, path, min, max);
  for (let i = 0; i < array.length; i++) expectNumber(array[i], `${path}[${i}]`, rule);
  return array as number[];
}

/** Numbers that only ever grow (distances along a lap, speed bin edges). */
export function expectIncreasing(values: readonly number[], path: string, strict = true): void {
  for (let i = 1; i < values.length; i++) {
    const ok = strict ? values[i]! > values[i - 1]! : values[i]! >= values[i - 1]!;
    if (!ok) fail(`${path}[${i}]`, `must be ${strict ? 'greater than' : 'at least'} the previous value (${values[i - 1]}), got ${values[i]}`);
  }
}
