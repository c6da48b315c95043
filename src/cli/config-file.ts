import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from './usage.js';
import { type PodwireConfig, parseConfig } from '../validation/engine/config.js';

export const CONFIG_NAME = '.podwire.yaml';

export interface LoadedConfig {
  config: PodwireConfig;
  /** The directory `ignore` patterns are relative to. */
  root: string;
  path?: string;
}

/** The nearest `.podwire.yaml` from `cwd` upward (like git finds `.gitignore`), or `--config`. */
export function findConfig(cwd: string, explicit?: string): LoadedConfig {
  let path = explicit === undefined ? undefined : resolve(cwd, explicit);
  if (path === undefined) {
    for (let dir = resolve(cwd); ; dir = dirname(dir)) {
      if (existsSync(join(dir, CONFIG_NAME))) {
        path = join(dir, CONFIG_NAME);
        break;
      }
      if (dirname(dir) === dir) break;
    }
  }
  if (path === undefined) return { config: {}, root: resolve(cwd) };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the config ${path}: ${(error as Error).message}`, false);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid YAML: ${(error as Error).message}`, false);
  }
  const parsed = parseConfig(data, CONFIG_NAME);
  if (!parsed.ok) {
    throw new UsageError(
      `Invalid config ${path}:\n${parsed.errors.map((e) => `  ${e.field}: ${e.message}`).join('\n')}`,
      false,
    );
  }
  return { config: parsed.config, root: dirname(path), path };
}
