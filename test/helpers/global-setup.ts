import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { specOperations } from './contract.js';

declare module 'vitest' {
  export interface ProvidedContext {
    contractDir: string;
  }
}

/**
 * After the whole suite (`npm test` sets PODWIRE_CONTRACT_COVERAGE=1), fails the run when an
 * operation of openapi.yaml was never exercised by an e2e test.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'podwire-contract-'));
  project.provide('contractDir', dir);
  return () => {
    const seen = new Set<string>();
    for (const file of readdirSync(dir)) {
      for (const op of JSON.parse(readFileSync(join(dir, file), 'utf8')) as string[]) seen.add(op);
    }
    rmSync(dir, { recursive: true, force: true });
    if (process.env.PODWIRE_CONTRACT_COVERAGE !== '1') return;
    const missing = specOperations().filter((op) => !seen.has(op));
    if (missing.length > 0) {
      throw new Error(
        `openapi.yaml operations never exercised by the e2e suite:\n  ${missing.join('\n  ')}`,
      );
    }
    process.stdout.write(
      `contract: all ${specOperations().length} operations of openapi.yaml exercised\n`,
    );
  };
}
