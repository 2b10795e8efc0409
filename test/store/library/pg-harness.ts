import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server for the library tests: initdb into a fresh directory under
 * /tmp, start it on 127.0.0.1 at a free port with fsync off (nothing here must survive), drop
 * it all on stop. Debian's postgresql package puts the binaries in /usr/lib/postgresql/<v>/bin
 * (not on PATH); RACECRAFT_PG_BIN overrides the search. PostgreSQL refuses to run as root, so
 * as root the cluster belongs to the `postgres` user the package creates, run via runuser.
 */
export type PgCluster = {
  /** postgres://racecraft@127.0.0.1:PORT/<database> */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /**
   * Creates an empty schema in the default database and returns a URL whose connections use
   * it (search_path): a fresh namespace per test for a tenth of the cost of a database.
   */
  createSchema(name: string): Promise<string>;
  stop(): Promise<void>;
};

/** The directory holding initdb, pg_ctl and postgres, or undefined when PostgreSQL is not installed. */
export function findPostgresBin(): string | undefined {
  const candidates: string[] = [];
  if (process.env['RACECRAFT_PG_BIN']) candidates.push(process.env['RACECRAFT_PG_BIN']);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(join(debian, version, 'bin'));
  }
  for (const dir of (process.env['PATH'] ?? '').split(':')) if (dir) candidates.push(dir);
  return candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((bin) => existsSync(join(dir, bin))));
}

/** Why the PostgreSQL suite cannot run here, or undefined when it can. */
export function postgresUnavailableReason(): string | undefined {
  if (findPostgresBin()) return undefined;
  return 'PostgreSQL binaries (initdb, pg_ctl, postgres) not found in /usr/lib/postgresql/*/bin, $RACECRAFT_PG_BIN or PATH — install the Debian package `postgresql` (.ci/run does)';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PgCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(postgresUnavailableReason());
  const dir = mkdtempSync('/tmp/racecraft-pg-');
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (command: string, args: string[]): void => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), args];
    const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) {
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}\n${serverLog}`);
    }
  };
  run('initdb', ['-D', data, '-U', 'racecraft', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
    try {
      run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
      break;
    } catch (error) {
      // Another process may have taken the port between the probe and the start: try another.
      if (attempt >= 3) throw error;
    }
  }
  const url = (database = 'postgres'): string => `postgres://racecraft@127.0.0.1:${port}/${database}`;
  return {
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async createSchema(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad schema name ${name}`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA ${name}`);
      } finally {
        await client.end();
      }
      return `${url()}?options=${encodeURIComponent(`-c search_path=${name}`)}`;
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
