/**
 * Error policy, by layer:
 * - engine: throws only on programmer misuse; decoders return errors as values.
 * - store: throws (an SQLite error is a bug or an I/O failure).
 * - cli: turns expected, user-fixable situations into `UserError` (one red line, exit 1);
 *   commander usage errors exit 2; anything else is a bug: stack trace, exit 70.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    /** A hint printed after the message: what to do about it. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_USAGE = 2;
export const EXIT_BUG = 70;
