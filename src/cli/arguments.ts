import type { DemoPace } from '../engine/capture/demo-sender.js';
import { UserError } from './errors.js';

/* Parsers for command-line values: each gives a one-line error naming the option. Light on purpose:
   commands use them before loading anything heavy. */

/** `--speed`: a positive factor of real time, or 'max'. */
export function parsePace(value: string): DemoPace {
  if (value === 'max') return 'max';
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1000) throw new UserError(`--speed must be a positive factor (1, 4, ...) or 'max', got '${value}'`);
  return n;
}

/** A whole number >= 0 (ports, counts, lap numbers), with a one-line error naming the option. */
export function parsePositiveInt(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`${what} must be a whole number, got '${value}'`);
  return n;
}
