import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** openapi.yaml sits at the project root: two levels above both src/docs and dist/docs. */
export const OPENAPI_PATH = new URL('../../openapi.yaml', import.meta.url);

export interface OpenApiDocument {
  yaml: string;
  json: Record<string, unknown>;
}

let cached: OpenApiDocument | undefined;

/** The hand-written contract, read once. */
export function loadOpenApi(): OpenApiDocument {
  if (!cached) {
    const yaml = readFileSync(OPENAPI_PATH, 'utf8');
    cached = { yaml, json: parse(yaml) as Record<string, unknown> };
  }
  return cached;
}
