import type { Request } from 'express';

/**
 * The media type the client prefers among `offered` (the first is the default). Uses Express's
 * Accept parsing, so quality values and wildcards work as clients expect.
 */
export function negotiate<T extends string>(req: Request, offered: readonly T[]): T {
  if (!req.headers.accept) return offered[0];
  const chosen = req.accepts([...offered]);
  return (chosen || offered[0]) as T;
}
