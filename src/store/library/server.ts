import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAuth } from './auth.js';
import type { LibraryBackend } from './backend.js';
import { registerCompression } from './compression.js';
import { registerErrorHandling } from './http-errors.js';
import { openBackend } from './open-backend.js';
import { redactUrl } from './postgres-backend.js';
import { registerRoutes } from './routes.js';

import { DEFAULT_BODY_LIMIT, DEFAULT_PORT } from './defaults.js';

export { DEFAULT_BODY_LIMIT, DEFAULT_PORT };

export type LibraryLogOptions = {
  /** pino level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' (default 'info'). */
  readonly level?: string;
  /** Where the JSON lines go (default stdout). */
  readonly stream?: NodeJS.WritableStream;
  /** Or a file to append them to (pino's fast destination; '/dev/null' to discard). */
  readonly file?: string;
};

export type LibraryServerOptions = {
  readonly backend: LibraryBackend;
  /** false: no logs; an object: pino JSON lines at that level to that stream. Default: info to stdout. */
  readonly logger?: false | LibraryLogOptions;
  /** bytes (default 4 MiB). */
  readonly bodyLimit?: number;
  /** Serve reads without a token. */
  readonly publicRead?: boolean;
  /** How long a token lookup is cached, ms (default 5000). */
  readonly tokenCacheMs?: number;
};

/**
 * One log line per request, written when it completes (fastify writes two: "incoming" and
 * "completed"): half the logging cost at 1,000+ requests/s, and the line carries what an
 * operator asks about: route, status, time, caller's token id (never the token) and address.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 100) / 100, tokenId: request.token?.id, ip: request.ip };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
}

/**
 * The library HTTP server: a JSON API under /v1 on fastify, structured JSON logs through pino
 * with credentials redacted, gzip responses, one error shape. It does not listen; call
 * `listen` (or use startLibraryServer). Closing it does not close the backend.
 */
export function createLibraryServer(options: LibraryServerOptions): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const log = options.logger;
  const app = Fastify({
    bodyLimit,
    logger:
      log === false
        ? false
        : {
            level: log?.level ?? 'info',
            ...(log?.stream ? { stream: log.stream } : {}),
            ...(log?.file ? { file: log.file } : {}),
            // Tokens must never reach a log: the default serializers leave headers out, and this
            // catches anyone who logs them later.
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization', 'token'], censor: '[redacted]' },
          },
    // Close keep-alive sockets on close(): a stopping server must not wait for idle clients.
    forceCloseConnections: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    logController: new OneLinePerRequest(),
  });
  // JSON only: fastify also parses text/plain by default; a push sent as text is refused (415).
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app, bodyLimit);
  registerAuth(app, options.backend, {
    ...(options.publicRead !== undefined ? { publicRead: options.publicRead } : {}),
    ...(options.tokenCacheMs !== undefined ? { cacheMs: options.tokenCacheMs } : {}),
  });
  registerCompression(app);
  registerRoutes(app, options.backend);
  return app;
}

export type StartOptions = Omit<LibraryServerOptions, 'backend'> & {
  /** 0 picks a free port. Default 8787. */
  readonly port?: number;
  /** Default 127.0.0.1; '0.0.0.0' to serve a network. */
  readonly host?: string;
  /** An SQLite file path, or a postgres:// URL. */
  readonly db: string;
};

export type RunningLibraryServer = {
  readonly app: FastifyInstance;
  readonly backend: LibraryBackend;
  /** e.g. http://127.0.0.1:8787 */
  readonly url: string;
  readonly port: number;
  /** Stops listening, then closes the database. */
  close(): Promise<void>;
};


/** Opens the backend named by `db`, builds the server and listens. */
export async function startLibraryServer(options: StartOptions): Promise<RunningLibraryServer> {
  const backend = await openBackend(options.db);
  const { port = DEFAULT_PORT, host = '127.0.0.1', db: _db, ...serverOptions } = options;
  const app = createLibraryServer({ ...serverOptions, backend });
  try {
    await app.listen({ port, host });
  } catch (error) {
    await app.close().catch(() => undefined);
    await backend.close();
    throw error;
  }
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  app.log.info({ engine: backend.engine, db: backend.engine === 'postgres' ? redactUrl(options.db) : options.db, port: boundPort, host }, 'library server listening');
  return {
    app,
    backend,
    url: `http://${shownHost}:${boundPort}`,
    port: boundPort,
    async close() {
      await app.close();
      await backend.close();
    },
  };
}
