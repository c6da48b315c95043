import { DomainError } from '../../common/errors.js';
import type { ApplyMode } from '../fixing/apply.js';
import type { FixOutcome } from '../fixing/fix-bundle.js';
import { type FindingTally, fixWithMemo } from '../fixing/fix-run.js';
import type { ValidationResult } from './result.js';
import {
  type ManifestFile,
  type ValidateOptions,
  validateFiles,
  validateManifest,
} from './validate.js';

/** What crosses the thread boundary: plain data only (errors lose their class in structured clone). */
export interface WorkerTask {
  /** One unnamed manifest, or `files` (a multi-file bundle); `text` is ignored when files are set. */
  text: string;
  files?: ManifestFile[];
  options: Omit<ValidateOptions, 'onInternalError' | 'parse'>;
  /** Fix instead of validating: every round of the fix runs in this one task (fix-run.ts). */
  fix?: ApplyMode;
}

export interface WorkerInternalError {
  source: string;
  message: string;
  stack?: string;
}

export type WorkerOutcome =
  | {
      ok: true;
      result: ValidationResult;
      internalErrors: WorkerInternalError[];
      /** A fix task's outcome (its `result` is `result`) and its first validation's findings. */
      fixed?: { outcome: Omit<FixOutcome, 'result'>; submitted: FindingTally };
    }
  | { ok: false; status: number; title: string; detail: string; errors?: DomainError['errors'] };

/** Piscina entry: validates (or fixes) one manifest off the main thread. */
export default async function validateInWorker(task: WorkerTask): Promise<WorkerOutcome> {
  const internalErrors: WorkerInternalError[] = [];
  try {
    const options: ValidateOptions = {
      ...task.options,
      onInternalError: (source, error) => {
        const e = error instanceof Error ? error : new Error(String(error));
        internalErrors.push({ source, message: e.message, stack: e.stack });
      },
    };
    if (task.fix !== undefined) {
      const { result, submitted, ...outcome } = await fixWithMemo(
        task.files ?? [{ content: task.text }],
        task.files === undefined,
        options,
        task.fix,
      );
      return { ok: true, result, internalErrors, fixed: { outcome, submitted } };
    }
    const result = task.files
      ? validateFiles(task.files, options)
      : validateManifest(task.text, options);
    return { ok: true, result, internalErrors };
  } catch (error) {
    if (error instanceof DomainError) {
      return {
        ok: false,
        status: error.status,
        title: error.title,
        detail: error.message,
        errors: error.errors,
      };
    }
    throw error;
  }
}
