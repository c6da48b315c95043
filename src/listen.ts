import type { Server } from 'node:net';

/**
 * Listens without Nest's app.listen, which logs the error with its own logger before rejecting:
 * a busy port should print one line naming PORT, not a JSON error and a stack trace.
 */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}

/** The one line to print when listening failed for a reason the operator can fix; else undefined. */
export function listenFailure(error: unknown, port: number, host: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') {
    return `Cannot listen on ${host}:${port}: the port is already in use; set PORT to a free port.`;
  }
  if (code === 'EACCES') {
    return `Cannot listen on ${host}:${port}: permission denied; set PORT to a port above 1023.`;
  }
  if (code === 'EADDRNOTAVAIL') {
    return `Cannot listen on ${host}:${port}: no such local address; check HOST.`;
  }
  return undefined;
}

/** The address to print: a wildcard host is reachable as localhost from the machine itself. */
export function baseUrl(https: boolean, host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host;
  return `${https ? 'https' : 'http'}://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}
