import type { Server, IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem, PROBLEM_CONTENT_TYPE } from './problem.js';

/** Parser errors Node answers itself, by llhttp code; anything else is a 400. */
const CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    detail: 'The request headers are larger than the server accepts.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    detail: 'The request was not received in time.',
  },
};

function rawProblem(status: number, detail: string): string {
  const body = JSON.stringify(problem(status, detail));
  return (
    `HTTP/1.1 ${status} ${problem(status, detail).title}\r\n` +
    `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/**
 * Node answers malformed requests (400), oversized headers (431) and unknown expectations (417)
 * itself, with empty bodies; these listeners give them the same problem+json as every other
 * error. `checkContinue` is taken over so that `100 Continue` is sent only once the edge
 * middleware has accepted the request (key, rate limit, body budget): a refused client never
 * sends its body.
 */
export function answerServerErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || current?.headersSent) {
      socket.destroy();
      return;
    }
    const known = CLIENT_ERRORS[error.code ?? ''] ?? {
      status: 400,
      detail: 'The request is not valid HTTP.',
    };
    socket.end(rawProblem(known.status, known.detail));
  });
  server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify(problem(417, 'Only "Expect: 100-continue" is supported.'));
    res.writeHead(417, {
      'Content-Type': PROBLEM_CONTENT_TYPE,
      'Content-Length': Buffer.byteLength(body),
      Connection: 'close',
    });
    res.end(body);
  });
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    server.emit('request', req, res);
  });
}
