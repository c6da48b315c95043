import { DomainError } from '../../common/errors.js';
import type { Finding, ValidationResult } from '../../validation/engine/result.js';
import { validateManifest } from '../../validation/engine/validate.js';
import { formatWarnings, toFieldPath } from './warnings.js';

/**
 * The AdmissionReview exchange of a Kubernetes ValidatingAdmissionWebhook (admission.k8s.io/v1),
 * reduced to what podwire reads and writes. Pure: no Nest, no I/O.
 */

export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';
export const ADMISSION_KIND = 'AdmissionReview';

export type AdmissionMode = 'enforce' | 'warn';
export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** The fields of `request` podwire uses; the API server sends more, which are accepted and ignored. */
export interface AdmissionRequest {
  uid: string;
  kind: GroupVersionKind;
  operation: AdmissionOperation;
  name?: string;
  namespace?: string;
  object?: Record<string, unknown> | null;
  dryRun?: boolean;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; message: string };
  warnings?: string[];
}

export interface AdmissionReviewResult {
  apiVersion: typeof ADMISSION_API_VERSION;
  kind: typeof ADMISSION_KIND;
  response: AdmissionResponse;
}

/**
 * Validates one manifest text. `validateManifest` by default; the service passes its worker pool
 * so a large object does not stall the event loop.
 */
export type Validator = (
  text: string,
  options: { scope: 'partial' },
) => ValidationResult | Promise<ValidationResult>;

/** Error findings listed in a denial message; the rest are counted. */
const MAX_LISTED_ERRORS = 20;

/** Operations whose `object` is the state being written, and so is worth validating. */
const VALIDATED: ReadonlySet<AdmissionOperation> = new Set(['CREATE', 'UPDATE']);

/**
 * Answers one admission request. CREATE and UPDATE validate `request.object` with every rule
 * (scope `partial`: the object arrives alone, so references to objects it does not carry are
 * only informational); DELETE and CONNECT, and updates of an object being deleted, are allowed
 * untouched. `enforce` denies on error
 * findings; `warn` always allows. Error and warning findings become `warnings` in both modes.
 * `dryRun` changes nothing: validation has no side effects.
 */
export async function reviewAdmission(
  request: AdmissionRequest,
  mode: AdmissionMode,
  validate: Validator = validateManifest,
): Promise<AdmissionReviewResult> {
  return {
    apiVersion: ADMISSION_API_VERSION,
    kind: ADMISSION_KIND,
    response: await respond(request, mode, validate),
  };
}

async function respond(
  request: AdmissionRequest,
  mode: AdmissionMode,
  validate: Validator,
): Promise<AdmissionResponse> {
  const { uid } = request;
  if (!VALIDATED.has(request.operation) || !request.object || isTerminating(request.object)) {
    return { uid, allowed: true };
  }
  const object = completeObject(request);
  const subject = describe(object);

  let result: ValidationResult;
  try {
    result = await validate(JSON.stringify(object, null, 2), { scope: 'partial' });
  } catch (error) {
    // ManifestLimitError (422); from the worker pool it arrives as a plain DomainError.
    if (!(error instanceof DomainError && error.status === 422)) throw error;
    // An object too large or too deep to check: a gate must not wave it through silently.
    const message = `podwire cannot validate ${subject}: ${error.message}`;
    return mode === 'enforce'
      ? {
          uid,
          allowed: false,
          status: { code: 422, message },
          warnings: formatWarnings([], [message]),
        }
      : { uid, allowed: true, warnings: formatWarnings([], [message]) };
  }

  const notes = result.skippedRules?.length
    ? [`podwire skipped rules after an internal error: ${result.skippedRules.join(', ')}`]
    : [];
  const reported = result.findings.filter((f) => f.severity !== 'info');
  const warnings = formatWarnings(reported, notes);
  const errors = reported.filter((f) => f.severity === 'error');
  const response: AdmissionResponse = { uid, allowed: true };
  if (mode === 'enforce' && errors.length > 0) {
    response.allowed = false;
    response.status = { code: 400, message: denialMessage(subject, errors) };
  }
  if (warnings.length > 0) response.warnings = warnings;
  return response;
}

/**
 * The object as the API server will store it, with `apiVersion`, `kind` and the namespace taken
 * from the request when the object leaves them out (so findings name the object correctly).
 */
function completeObject(request: AdmissionRequest): Record<string, unknown> {
  const object: Record<string, unknown> = { ...request.object };
  const { group, version, kind } = request.kind;
  object.apiVersion ??= group ? `${group}/${version}` : version;
  object.kind ??= kind;
  const metadata = object.metadata;
  if (request.namespace && isRecord(metadata) && metadata.namespace === undefined) {
    object.metadata = { ...metadata, namespace: request.namespace };
  }
  return object;
}

function describe(object: Record<string, unknown>): string {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name =
    typeof metadata.name === 'string'
      ? metadata.name
      : typeof metadata.generateName === 'string'
        ? `${metadata.generateName}*`
        : '(unnamed)';
  const namespace = typeof metadata.namespace === 'string' ? `${metadata.namespace}/` : '';
  return `${String(object.kind)} ${namespace}${name}`;
}

/** A message `kubectl` prints after "admission webhook ... denied the request: ". */
export function denialMessage(subject: string, errors: readonly Finding[]): string {
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  const lines = errors.slice(0, MAX_LISTED_ERRORS).map((f) => {
    const field = toFieldPath(f.path);
    return `- ${f.ruleId}${field ? ` at ${field}` : ''}: ${f.message}`;
  });
  if (errors.length > MAX_LISTED_ERRORS)
    lines.push(`- … and ${errors.length - MAX_LISTED_ERRORS} more`);
  return [
    `podwire denied ${subject}: ${count}`,
    ...lines,
    'Fix them, or silence a rule for this object with the annotation podwire.dev/ignore: "<ruleId>".',
  ].join('\n');
}

/**
 * An object being deleted is only updated to remove finalizers: denying that would leave it
 * stuck in deletion, whatever its findings.
 */
function isTerminating(object: Record<string, unknown>): boolean {
  return isRecord(object.metadata) && typeof object.metadata.deletionTimestamp === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
