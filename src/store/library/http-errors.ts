import type { FastifyError, FastifyInstance } from 'fastify';
import { ValidationError } from './validate.js';

/**
 * One error shape for every refusal: `{ error: code, message }`, with a status that says whose
 * fault it is. Fastify's own errors (body too large, bad JSON, wrong media type) are mapped
 * here so a client never has to parse two formats.
 */
export type ApiError = { readonly error: string; readonly message: string };

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const FASTIFY_CODES: Record<string, { status: number; code: string; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: 'send the body as application/json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', message: 'the body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json', message: 'the body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request' },
};

export function registerErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError | HttpError | ValidationError | Error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send({ error: error.code, message: error.message, ...error.extra });
    }
    if (error instanceof ValidationError) {
      return reply.code(400).send({ error: 'invalid', message: error.message });
    }
    const code = (error as FastifyError).code;
    const known = code === undefined ? undefined : FASTIFY_CODES[code];
    if (known) {
      const message = known.code === 'too_large' ? `the body is larger than the limit of ${bodyLimit} bytes` : (known.message ?? error.message);
      return reply.code(known.status).send({ error: known.code, message });
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send({ error: 'bad_request', message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'the server failed to handle this request (see its log)' });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.length > 120 ? `${request.url.slice(0, 120)}...` : request.url;
    return reply.code(404).send({ error: 'not_found', message: `no such route: ${request.method} ${path}` });
  });
}
