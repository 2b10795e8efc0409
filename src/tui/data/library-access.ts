import type { ReferenceLap } from '../../engine/analysis/index.js';

/** One library item as the Library screen lists it. */
export type LibraryRow = {
  readonly kind: 'track' | 'car' | 'reference';
  readonly key: string;
  readonly name: string;
  /** synced / new / modified / conflict for local items; 'server' for items only on the server. */
  readonly status: string;
  readonly version: number | null;
  /** s, for reference laps. */
  readonly lapTime: number | null;
};

/**
 * What the Library screen needs of the library (src/store/library), injected so the screen
 * can be tested without a server and the TUI loads the library code only when it is used.
 */
export type LibraryAccess = {
  /** Items in the local copy (the user's database). */
  local(): LibraryRow[];
  /** The server this client is logged in to; undefined when not logged in. */
  server(): string | undefined;
  /** Every item on the server (all pages, newest version of each), for the "on the server" list. */
  remote(): Promise<LibraryRow[]>;
  /** Pull from the server; resolves with a one-line summary. */
  pull(): Promise<string>;
  /** Push local changes; resolves with a one-line summary. */
  push(): Promise<string>;
  /** Make a local reference item the reference for its game and track; returns a one-line note. */
  use(key: string): string;
  /** The chosen reference lap for a game and track (`library use`), as analysis takes it. */
  chosenReference(game: string, track: string): { key: string; label: string; lap: ReferenceLap } | undefined;
  close(): void;
};
