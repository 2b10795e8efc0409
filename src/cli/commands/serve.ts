import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultDbPath } from '../../store/paths.js';
// Light imports only: the server itself (fastify, pg) loads when a serve action runs.
import { isPostgresUrl, redactUrl } from '../../store/library/db-url.js';
import { DEFAULT_BODY_LIMIT, DEFAULT_PORT } from '../../store/library/defaults.js';
import type { LibraryBackend } from '../../store/library/index.js';
import { SCOPES, type Scope } from '../../store/library/tokens.js';

const library = (): Promise<typeof import('../../store/library/index.js')> => import('../../store/library/index.js');
import { TOKEN_NAME_PATTERN } from '../../store/library/tokens.js';
import { UserError } from '../errors.js';
import { createOut, formatDate, renderTable } from '../output.js';
import { waitForStopSignal } from '../stop-signal.js';

/**
 * `racecraft serve`: the self-hosted library server, and `serve token ...` to manage its bearer
 * tokens. The server's database is the global --db: an SQLite file or a postgres:// URL; by
 * default $RACECRAFT_LIBRARY_DB, else library-server.db beside the user's racecraft.db (never
 * racecraft.db itself: a server's data is not one user's recordings).
 */
export function serverDbFrom(command: Command, env: NodeJS.ProcessEnv = process.env): string {
  const given = command.optsWithGlobals<{ db?: string }>().db;
  const db = given ?? (env['RACECRAFT_LIBRARY_DB'] || join(dirname(defaultDbPath(env)), 'library-server.db'));
  if (isPostgresUrl(db)) return db;
  const path = resolve(db);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

function describeDb(db: string): string {
  return isPostgresUrl(db) ? redactUrl(db) : db;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) throw new UserError(`--port must be a TCP port (0-65535), got '${value}'`);
  return port;
}

function parseBytes(value: string): number {
  const match = /^(\d+)\s*(k|m|kib|mib|kb|mb)?$/i.exec(value.trim());
  if (!match) throw new UserError(`--body-limit must be a size such as 4194304, 512k or 8m, got '${value}'`);
  const unit = (match[2] ?? '').toLowerCase();
  const bytes = Number(match[1]) * (unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1);
  if (bytes < 1024 || bytes > 256 * 1024 * 1024) throw new UserError(`--body-limit must be between 1k and 256m, got '${value}'`);
  return bytes;
}

async function withBackend<T>(command: Command, work: (backend: LibraryBackend, db: string) => Promise<T>): Promise<T> {
  const db = serverDbFrom(command);
  const backend = await (await library()).openBackend(db);
  try {
    return await work(backend, db);
  } finally {
    await backend.close();
  }
}

export function register(program: Command): void {
  const serve = program
    .command('serve')
    .description('run the self-hosted library server (HTTP JSON API under /v1); the global --db is its database: an SQLite file or a postgres:// URL')
    .option('--port <n>', 'TCP port (0 = any free port)', String(DEFAULT_PORT))
    .option('--host <address>', 'address to listen on; 0.0.0.0 to serve your network', '127.0.0.1')
    .option('--public-read', 'serve pulls and searches without a token (pushes still need a write token)')
    .option('--body-limit <size>', 'largest request body accepted, e.g. 4m', String(DEFAULT_BODY_LIMIT))
    .option('--log-level <level>', 'JSON log level on stdout: error, warn, info, debug', 'info')
    .addHelpText('after', '\nDatabase: --db FILE (SQLite) or --db postgres://user:pass@host/db; default library-server.db beside racecraft.db.\nTokens: racecraft serve token create --scope read|write|admin --name NAME')
    .action(async (opts: { port: string; host: string; publicRead?: boolean; bodyLimit: string; logLevel: string }, command: Command) => {
      const level = opts.logLevel.toLowerCase();
      if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) throw new UserError(`--log-level must be one of error, warn, info, debug, got '${opts.logLevel}'`);
      const db = serverDbFrom(command);
      const running = await (await library()).startLibraryServer({
        db,
        port: parsePort(opts.port),
        host: opts.host,
        bodyLimit: parseBytes(opts.bodyLimit),
        logger: { level },
        ...(opts.publicRead ? { publicRead: true } : {}),
      }).catch((error: unknown) => {
        const code = (error as { code?: string }).code;
        if (code === 'EADDRINUSE') throw new UserError(`port ${opts.port} is already in use`, 'pick another with --port');
        if (code === 'EACCES') throw new UserError(`not allowed to listen on ${opts.host}:${opts.port}`, 'use a port above 1023');
        throw error;
      });
      const stats = await running.backend.stats();
      process.stderr.write(`racecraft library server at ${running.url} (${running.backend.engine}: ${describeDb(db)}; ${stats.keys} items)\n`);
      if ((await running.backend.listTokens()).length === 0) {
        process.stderr.write('no tokens yet: create one with `racecraft serve token create --scope write --name YOU`\n');
      }
      const stop = waitForStopSignal();
      await stop.promise;
      stop.dispose();
      await running.close();
    });

  const token = serve.command('token').description("manage the library server's bearer tokens (uses the same --db as serve)");

  token
    .command('create')
    .description('create a token; it is printed once and only its hash is stored')
    .requiredOption('--scope <scope>', 'read (pull), write (pull and push) or admin (also create tokens over HTTP)')
    .option('--name <name>', 'who holds it; recorded as the author of what they push', 'anonymous')
    .option('--json', 'machine-readable output (schema racecraft.token/1)')
    .action(async (opts: { scope: string; name: string; json?: boolean }, command: Command) => {
      if (!(SCOPES as readonly string[]).includes(opts.scope)) throw new UserError(`--scope must be read, write or admin, got '${opts.scope}'`);
      if (!TOKEN_NAME_PATTERN.test(opts.name)) throw new UserError(`--name must be 1-64 letters, digits, spaces or . _ @ + -, got '${opts.name}'`);
      const { issueToken } = await library();
      const created = await withBackend(command, (backend) => issueToken(backend, opts.scope as Scope, opts.name));
      const out = createOut();
      if (opts.json) {
        out.json({ schema: 'racecraft.token/1', ...created });
        return;
      }
      out.line(created.token);
      out.note(`token ${created.id} (scope ${created.scope}, name ${created.name}) created; it is shown only this once — store it now`);
    });

  token
    .command('list')
    .description('list tokens by id (the first 12 hex digits of their hash), scope and name')
    .option('--json', 'machine-readable output (schema racecraft.tokens/1)')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const tokens = await withBackend(command, (backend) => backend.listTokens());
      const out = createOut();
      if (opts.json) {
        out.json({
          schema: 'racecraft.tokens/1',
          tokens: tokens.map((t) => ({ id: t.id, scope: t.scope, name: t.name, createdAt: new Date(t.createdAt).toISOString(), revokedAt: t.revokedAt === null ? null : new Date(t.revokedAt).toISOString() })),
        });
        return;
      }
      if (tokens.length === 0) {
        out.note('no tokens: create one with `racecraft serve token create --scope write --name YOU`');
        return;
      }
      const lines = renderTable(tokens, [
        { header: 'ID', value: (t) => t.id },
        { header: 'SCOPE', value: (t) => t.scope },
        { header: 'NAME', value: (t) => t.name },
        { header: 'CREATED', value: (t) => formatDate(t.createdAt) },
        { header: 'REVOKED', value: (t) => (t.revokedAt === null ? '' : formatDate(t.revokedAt)) },
      ]);
      for (const line of lines) out.line(line);
    });

  token
    .command('revoke <id>')
    .description('revoke a token by its id (see `serve token list`); a running server stops accepting it within 5 s')
    .action(async (id: string, _opts: unknown, command: Command) => {
      if (!/^[0-9a-f]{12}$/.test(id)) throw new UserError(`'${id}' is not a token id (12 hex digits, see \`racecraft serve token list\`)`);
      const revoked = await withBackend(command, (backend) => backend.revokeToken(id));
      if (revoked === 0) throw new UserError(`no active token ${id}`, 'see `racecraft serve token list`');
      createOut().note(`token ${id} revoked`);
    });
}
