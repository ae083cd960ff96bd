/**
 * One error shape everywhere: {"error": {"code", "message", "issues"?}}. Client mistakes get a
 * 4xx with a message that says what to fix; only our own faults are 500s, and those never leak
 * a stack trace.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '../log.ts';
import type { ValidationIssue } from '../model/issues.ts';
import { QueueUnavailableError } from '../queue/planQueue.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly ValidationIssue[],
  ) {
    super(message);
  }
}

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  issues?: readonly ValidationIssue[],
): void {
  res.status(status).json({ error: { code, message, ...(issues ? { issues } : {}) } });
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `no route ${req.method} ${req.path}; see GET /openapi.json`);
};

/** body-parser failures by `type`: all are client mistakes. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'invalid_json', 'the body is not valid JSON'],
  'entity.too.large': [413, 'payload_too_large', 'the body is larger than the limit'],
  'encoding.unsupported': [415, 'unsupported_encoding', 'unsupported content encoding'],
  'charset.unsupported': [415, 'unsupported_charset', 'unsupported charset; send UTF-8 JSON'],
  'request.aborted': [400, 'request_aborted', 'the request was aborted before the body was read'],
  'request.size.invalid': [400, 'invalid_body_size', 'the body size does not match Content-Length'],
};

export function errorHandler(log: Logger, bodyLimit: string): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message, err.issues);
    if (err instanceof QueueUnavailableError) {
      return sendError(res, 503, 'queue_unavailable', `${err.message}; try again shortly`);
    }
    const type = typeof err?.type === 'string' ? (err.type as string) : '';
    const known = BODY_ERRORS[type];
    if (known) {
      const [status, code, message] = known;
      const detail =
        type === 'entity.too.large'
          ? `${message} (${bodyLimit}); split the day or raise TOURNEE_BODY_LIMIT`
          : type === 'entity.parse.failed'
            ? `${message}: ${(err as Error).message}`
            : message;
      return sendError(res, status, code, detail);
    }
    const status = Number(err?.status ?? err?.statusCode);
    if (status >= 400 && status < 500) {
      return sendError(res, status, 'bad_request', (err as Error).message || 'bad request');
    }
    log.error('unhandled error', { method: req.method, path: req.path, error: (err as Error)?.stack ?? String(err) });
    sendError(res, 500, 'internal', 'internal error; the server log has the details');
  };
}
