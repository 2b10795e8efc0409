import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { defaultDbPath, openStore, type SessionSummary, type Store } from '../store/index.js';
import { UserError } from './errors.js';

/** The database path: --db, else RACECRAFT_DB, else the user's data directory. */
export function dbPathFrom(command: Command): string {
  const opts = command.optsWithGlobals<{ db?: string }>();
  return opts.db ?? defaultDbPath();
}

/** Open the store for writing (record, demo, import), creating it when needed. */
export function openStoreForWrite(command: Command): Store {
  return openStore(dbPathFrom(command));
}

/** Open the store for reading: a missing database is "nothing recorded yet", not an error trace. */
export function openStoreForRead(command: Command): Store {
  const path = dbPathFrom(command);
  if (path !== ':memory:' && !existsSync(path)) {
    throw new UserError(`nothing recorded yet (no database at ${path})`, 'run `racecraft demo` to record a demo session, or `racecraft record` while a game is sending');
  }
  const store = openStore(path);
  // A recorder that was killed left its session open: salvage it now (live recorders are left alone).
  for (const report of store.recoverOpenSessions(Date.now())) {
    process.stderr.write(`racecraft: recovered interrupted session ${report.sessionId} (${report.lapsRecovered} partial lap(s) kept)\n`);
  }
  return store;
}

/** The session a command is about: --session ID, else the latest. */
export function resolveSession(store: Store, id: string | undefined): SessionSummary & { info: import('../engine/model/index.js').SessionInfo } {
  if (id === undefined) {
    const latest = store.sessions.latestId();
    if (latest === undefined) throw new UserError('nothing recorded yet', 'run `racecraft demo` or `racecraft record` first');
    return store.sessions.get(latest)!;
  }
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) throw new UserError(`'${id}' is not a session id (a positive whole number; see \`racecraft sessions\`)`);
  const session = store.sessions.get(n);
  if (!session) throw new UserError(`unknown session ${n}`, 'list sessions with `racecraft sessions`');
  return session;
}

export { parsePositiveInt } from './arguments.js';
