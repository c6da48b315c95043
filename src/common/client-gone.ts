import type { Response } from 'express';

/**
 * Aborts when the client closes the connection before the response is complete, so work nobody
 * waits for any more (a CI job that timed out, an API server past the webhook's timeoutSeconds)
 * stops taking a worker thread from the requests still waiting.
 */
export function clientGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
