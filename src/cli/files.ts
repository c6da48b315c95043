import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { ignoreMatcher } from '../validation/engine/config.js';
import type { ManifestFile } from '../validation/engine/files.js';
import { CONFIG_NAME } from './config-file.js';
import { UsageError } from './usage.js';

const MANIFEST = /\.(ya?ml|json)$/i;
/** Never manifests, and often huge. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

function posix(path: string): string {
  return path.split(sep).join('/');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The files to validate: named files as given, directories walked recursively for
 * `*.yaml|*.yml|*.json`, in a stable (sorted) order, minus what `ignore` excludes. Filenames are
 * reported relative to the working directory.
 */
export async function collectFiles(
  paths: readonly string[],
  options: { cwd: string; root: string; ignore: readonly string[]; stdinFilename: string },
): Promise<ManifestFile[]> {
  // Patterns are relative to the directory of .podwire.yaml, as .gitignore's are to its own.
  const matches = ignoreMatcher(options.ignore);
  const ignored = (absolute: string, isDirectory: boolean) => {
    const fromRoot = posix(relative(options.root, absolute));
    if (fromRoot === '' || fromRoot.startsWith('../')) return false;
    return matches(isDirectory ? `${fromRoot}/` : fromRoot);
  };
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !ignored(path, true)) await walk(path);
      } else if (
        entry.isFile() &&
        MANIFEST.test(entry.name) &&
        entry.name !== CONFIG_NAME &&
        !ignored(path, false)
      ) {
        found.push(path);
      }
    }
  };
  const files: ManifestFile[] = [];
  for (const path of paths) {
    if (path === '-') {
      files.push({ filename: options.stdinFilename, content: await readStdin() });
      continue;
    }
    const absolute = resolve(options.cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new UsageError(`No such file or directory: ${path}`, false);
    if (info.isDirectory()) await walk(absolute);
    else if (!ignored(absolute, false)) found.push(absolute);
  }
  for (const path of found) {
    files.push({
      filename: posix(relative(options.cwd, path)),
      content: await readFile(path, 'utf8'),
    });
  }
  return files;
}
