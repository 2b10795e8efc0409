import type { DemoPace } from '../engine/capture/demo-sender.js';
import { UserError } from './errors.js';

/** `--speed`: a positive factor of real time, or 'max'. */
export function parsePace(value: string): DemoPace {
  if (value === 'max') return 'max';
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1000) throw new UserError(`--speed must be a positive factor (1, 4, ...) or 'max', got '${value}'`);
  return n;
}
