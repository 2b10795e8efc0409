/**
 * A library failure the user can act on: a bad item file, a server that refused a request, a
 * conflict to resolve, a missing login. The message is one line fit to print as is; `hint` says
 * what to do. The CLI's main recognises the name 'LibraryError' and prints it (exit 1) instead of
 * a stack trace. Anything else thrown from this folder is a bug or an I/O failure.
 */
export class LibraryError extends Error {
  override readonly name = 'LibraryError';
  constructor(
    message: string,
    /** What the user can do about it, printed after the message. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function isLibraryError(error: unknown): error is LibraryError {
  return error instanceof LibraryError;
}
