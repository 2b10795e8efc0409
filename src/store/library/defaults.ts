/** Default request body limit: a long track's reference lap with many channels fits with room. */
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

/** The library server's default TCP port. */
export const DEFAULT_PORT = 8787;
