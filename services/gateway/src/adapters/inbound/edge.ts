import { RequestHandler } from 'express';
import { IncomingMessage, Server, ServerResponse, STATUS_CODES } from 'node:http';
import { Duplex } from 'node:stream';
import { problem, PROBLEM_CONTENT_TYPE, ProblemError } from '@bookstore/runtime';
import { corsAnswer } from '../../domain/cors';

/**
 * Headers on every answer of the gateway: an API answer is never sniffed, framed, cached or
 * sent on as a referrer. `no-store` covers the token answers (login, sign-up) and every
 * other: each one is one caller's data.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * Set before Express sees the request, so the health routes the runtime mounts ahead of the
 * gateway's own carry them too.
 */
export function setSecurityHeadersOn(server: Server): void {
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  });
}

/**
 * A request Node cannot even parse (a raw NUL in the path, a broken header) is answered
 * here, before Express: by default Node sends a bare 400; the API promises problem+json.
 */
export function answerUnreadableRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify(problem(status, 'bad-request', 'The request could not be read as HTTP.'));
    const headers = { ...SECURITY_HEADERS, 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\n${head}\r\n${body}`);
  });
}

/** The CORS policy: answers preflights, marks allowed cross-origin answers, nothing else. */
export function cors(allowedOrigins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const answer = corsAnswer(allowedOrigins, req.method, req.header('origin'), req.header('access-control-request-method'));
    if (answer.kind === 'none') return next();
    res.set(answer.headers);
    if (answer.kind === 'allowed') return next();
    if (!answer.allowed) return next(new ProblemError(problem(403, 'origin-not-allowed', 'This origin may not call the API from a browser.')));
    res.status(204).end();
  };
}
