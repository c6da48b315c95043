import { BadRequestError, type FieldError } from '../../common/errors.js';
import { LIMITS, ManifestLimitError } from './limits.js';

/** One file of a multi-file request (DESIGN §9): its path relative to the repository, its text. */
export interface ManifestFile {
  filename: string;
  content: string;
}

/**
 * Why a filename is refused, or undefined when it is a safe relative path. Filenames end up in
 * SARIF artifact URIs and in paths a CLI may write to, so they must stay inside the repository:
 * no absolute path, no `..` segment, no NUL or backslash (a Windows separator that would hide one).
 */
export function unsafeFilename(filename: string): string | undefined {
  if (filename === '') return 'is empty';
  if (filename.includes('\u0000')) return 'contains a NUL character';
  if (filename.includes('\\')) return 'contains a backslash; use "/" between directories';
  if (filename.startsWith('/') || /^[A-Za-z]:/.test(filename)) {
    return 'is an absolute path; send it relative to the repository root';
  }
  if (filename.split('/').some((segment) => segment === '..')) return 'has a ".." segment';
  if (filename.length > 4096) return 'is longer than 4096 characters';
  return undefined;
}

/**
 * Checks the file list of one request: at most LIMITS.files files (422), each filename safe and
 * distinct (400 naming the part: `fieldOf(i)`, e.g. `files[3].filename`).
 */
export function checkFiles(
  files: readonly ManifestFile[],
  fieldOf: (index: number) => string = (index) => `files[${index}].filename`,
): void {
  if (files.length > LIMITS.files) {
    throw new ManifestLimitError(
      'files',
      `The request has ${files.length} files (limit: ${LIMITS.files} files).`,
    );
  }
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  files.forEach((file, index) => {
    const why = unsafeFilename(file.filename);
    if (why !== undefined) {
      errors.push({ field: fieldOf(index), message: `Filename ${quote(file.filename)} ${why}` });
      return;
    }
    const normalized = file.filename.replace(/^(\.\/)+/, '').replace(/\/\.(?=\/|$)/g, '');
    const first = seen.get(normalized);
    if (first !== undefined) {
      errors.push({
        field: fieldOf(index),
        message: `Filename ${quote(file.filename)} is the same file as ${fieldOf(first)}`,
      });
      return;
    }
    seen.set(normalized, index);
  });
  if (errors.length > 0) {
    throw new BadRequestError(
      errors.length === 1
        ? `${errors[0].field}: ${errors[0].message}.`
        : `${errors.length} filenames are refused.`,
      errors,
    );
  }
}

function quote(filename: string): string {
  return JSON.stringify(filename.length > 200 ? `${filename.slice(0, 200)}…` : filename);
}
