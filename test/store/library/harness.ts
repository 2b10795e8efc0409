import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import type { LibraryBackend } from '../../../src/store/library/backend.js';
import { createPostgresBackend } from '../../../src/store/library/postgres-backend.js';
import { issueToken } from '../../../src/store/library/routes.js';
import { createLibraryServer, type LibraryServerOptions } from '../../../src/store/library/server.js';
import { createSqliteBackend } from '../../../src/store/library/sqlite-backend.js';
import type { PgCluster } from './pg-harness.js';

/** One backend under test: fresh per test, reopenable (a restarted server), dumpable (secrets check). */
export type BackendEnv = {
  readonly backend: LibraryBackend;
  /** A new backend instance on the same database (the server restarted). */
  reopen(): Promise<LibraryBackend>;
  /** Everything the database holds, as text, for "no clear token anywhere" checks. */
  dump(): Promise<string>;
  cleanup(): Promise<void>;
};

export type BackendFactory = { readonly name: string; create(): Promise<BackendEnv> };

export function sqliteFactory(): BackendFactory {
  return {
    name: 'sqlite',
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'racecraft-lib-'));
      const path = join(dir, 'library.db');
      const backend = createSqliteBackend(path);
      return {
        backend,
        reopen: async () => createSqliteBackend(path),
        async dump() {
          // The main file and the WAL: a secret written anywhere would be in one of them.
          const files = [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1'));
          const db = new Database(path, { readonly: true });
          const rows = db.prepare('SELECT * FROM lib_tokens').all();
          db.close();
          return files.join('\n') + JSON.stringify(rows);
        },
        async cleanup() {
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

let databases = 0;
export function postgresFactory(cluster: () => PgCluster): BackendFactory {
  return {
    name: 'postgres',
    async create() {
      const schema = `lib_${process.pid}_${++databases}`;
      const url = await cluster().createSchema(schema);
      const backend = await createPostgresBackend(url);
      return {
        backend,
        reopen: () => createPostgresBackend(url),
        async dump() {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            const { rows: tables } = await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [schema]);
            const parts: string[] = [];
            for (const { tablename } of tables) {
              const { rows } = await client.query(`SELECT row_to_json(t)::text AS j FROM ${tablename} t`);
              parts.push(...rows.map((r: { j: string }) => r.j));
            }
            return parts.join('\n');
          } finally {
            await client.end();
          }
        },
        async cleanup() {},
      };
    },
  };
}

export type TestServer = {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly port: number;
  /** Every log line the server wrote. */
  readonly logs: string[];
  close(): Promise<void>;
};

/** Serves `backend` on 127.0.0.1 (port 0 = any free port), logging JSON lines into `logs`. */
export async function serve(backend: LibraryBackend, options: Partial<LibraryServerOptions> & { port?: number; logs?: string[]; beforeListen?: (app: FastifyInstance) => void } = {}): Promise<TestServer> {
  const logs = options.logs ?? [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const { port: wantedPort, logs: _logs, beforeListen, ...serverOptions } = options;
  const app = createLibraryServer({ logger: { level: 'info', stream }, tokenCacheMs: 0, ...serverOptions, backend });
  beforeListen?.(app);
  await app.listen({ port: wantedPort ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, port, logs, close: () => app.close() };
}

export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; text: string; json: any; /** bytes on the wire */ wireBytes: number };

/**
 * A raw HTTP call over loopback with node:http: the test controls every header and byte
 * (fetch would add Accept-Encoding and normalise paths).
 */
export function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const url = new URL(base);
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let payload: Buffer | undefined;
  if (options.raw !== undefined) payload = Buffer.from(options.raw);
  else if (options.body !== undefined) payload = Buffer.from(JSON.stringify(options.body));
  if (payload && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  if (payload) headers['content-length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let bytes = Buffer.concat(chunks);
        const wireBytes = bytes.length;
        if (res.headers['content-encoding'] === 'gzip') bytes = gunzipSync(bytes);
        const text = bytes.toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, wireBytes });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Mints one token of each scope. */
export async function tokens(backend: LibraryBackend): Promise<{ read: string; write: string; admin: string; writer2: string }> {
  return {
    read: (await issueToken(backend, 'read', 'reader')).token,
    write: (await issueToken(backend, 'write', 'alice')).token,
    admin: (await issueToken(backend, 'admin', 'root')).token,
    writer2: (await issueToken(backend, 'write', 'bob')).token,
  };
}
