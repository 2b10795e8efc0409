/**
 * The one error a file reader throws on bad bytes: corrupt, truncated or mislabelled input.
 * Its message is a single line a user can act on, prefixed by the file's name when known, e.g.
 * "x.ld: truncated MoTeC file (channel 'Gear' data needs bytes up to 9000, file has 100)".
 * Readers never throw anything else on bad input; anything else escaping a reader is a bug.
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';
  constructor(
    message: string,
    /** The file the message is about, when the caller named it. */
    readonly file?: string,
  ) {
    super(file ? `${file}: ${message}` : message);
  }
}

export function isFormatError(error: unknown): error is FormatError {
  return error instanceof FormatError;
}

/**
 * Runs `fn`, turning anything but a FormatError into one. Readers wrap their decoding in it so
 * that an unforeseen corruption (a RangeError from a typed array, a JSON SyntaxError) still reaches
 * the user as one clear line instead of a stack trace.
 */
export function asFormatError<T>(file: string | undefined, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof FormatError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new FormatError(`corrupt ${what} (${detail})`, file);
  }
}
