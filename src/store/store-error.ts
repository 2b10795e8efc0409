/**
 * A store failure the user can act on: the file is not a racecraft database, it was written by
 * a newer racecraft, it does not exist, or a record asked for is missing. The message is one
 * line, fit to print as is; the CLI turns it into a UserError (exit 1). Any other SQLite error
 * is a bug or an I/O failure and propagates unchanged.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

export function isStoreError(error: unknown): error is StoreError {
  return error instanceof StoreError;
}
