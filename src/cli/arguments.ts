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

/** A UDP port: 1–65535, or 0 ("any free port") where `allowAny`. Node would silently wrap 99999 to 34463. */
export function parsePort(value: string, what: string, allowAny = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowAny ? 0 : 1) || n > 65535) {
    throw new UserError(`${what} must be a UDP port from ${allowAny ? 0 : 1} to 65535, got '${value}'`);
  }
  return n;
}

/** `--to HOST:PORT` (an IPv6 address in brackets: `[::1]:20777`). */
export function parseHostPort(value: string, what: string): { host: string; port: number } {
  const colon = value.lastIndexOf(':');
  const bracketed = /^\[(.+)\]$/.exec(value.slice(0, colon));
  const host = bracketed ? bracketed[1]! : value.slice(0, colon);
  if (colon < 0 || host === '' || !/^\d+$/.test(value.slice(colon + 1))) throw new UserError(`${what} must be HOST:PORT, got '${value}'`);
  return { host, port: parsePort(value.slice(colon + 1), `${what} port`) };
}
