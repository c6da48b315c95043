import { DomainError } from '../../common/errors.js';
import type { Finding, ValidationResult } from '../../validation/engine/result.js';
import { validateManifest } from '../../validation/engine/validate.js';
import { type Inherited, inheritedFindings } from './ratchet.js';
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
  /** The stored object, sent on UPDATE: what ratcheting compares against. */
  oldObject?: Record<string, unknown> | null;
  dryRun?: boolean;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; message: string };
  warnings?: string[];
  /**
   * Keys are plain (`error-rules`); the API server prefixes them with the webhook's name in the
   * audit event. Values are strings: rule ids joined by commas.
   * https://kubernetes.io/docs/reference/config-api/apiserver-admission.v1/#admission-k8s-io-v1-AdmissionResponse
   */
  auditAnnotations?: Record<string, string>;
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
  /** Which object of the request: the stored one is validated only to ratchet. */
  role: 'object' | 'oldObject',
) => ValidationResult | Promise<ValidationResult>;

export interface AdmissionPolicy {
  mode: AdmissionMode;
  /** On UPDATE in enforce mode, deny only for errors the old object did not have. */
  ratchet: boolean;
}

/** What the review decided, for metrics and logs alongside the answer itself. */
export interface AdmissionOutcome {
  review: AdmissionReviewResult;
  /** False for DELETE, CONNECT and objects being deleted, which are allowed unread. */
  validated: boolean;
  /** Error findings that denied (enforce) or would have denied (warn). */
  errors: number;
  /** Error findings the old object already had, let through by ratcheting. */
  inherited: number;
}

/** Error findings listed in a denial message; the rest are counted. */
const MAX_LISTED_ERRORS = 20;

/** Operations whose `object` is the state being written, and so is worth validating. */
const VALIDATED: ReadonlySet<AdmissionOperation> = new Set(['CREATE', 'UPDATE']);

/**
 * Answers one admission request. CREATE and UPDATE validate `request.object` with every rule
 * (scope `partial`: the object arrives alone, so references to objects it does not carry are
 * only informational); DELETE and CONNECT, and updates of an object being deleted, are allowed
 * untouched. `enforce` denies on error findings, listed once in `status.message`; `warn` always
 * allows and lists them as `warnings`. On UPDATE with `ratchet`, an error the old object already
 * had (same rule, same path) does not deny: it is a warning, so a team can still scale or patch
 * a workload admitted before the rule existed. `dryRun` changes nothing: validation has no
 * side effects.
 */
export async function reviewAdmission(
  request: AdmissionRequest,
  policy: AdmissionPolicy,
  validate: Validator = validateManifest,
): Promise<AdmissionOutcome> {
  const { uid } = request;
  const wrap = (
    response: AdmissionResponse,
    errors = 0,
    inherited = 0,
    validated = true,
  ): AdmissionOutcome => ({
    review: { apiVersion: ADMISSION_API_VERSION, kind: ADMISSION_KIND, response },
    validated,
    errors,
    inherited,
  });
  if (!VALIDATED.has(request.operation) || !request.object || isTerminating(request.object)) {
    return wrap({ uid, allowed: true }, 0, 0, false);
  }
  const { mode } = policy;
  const object = completeObject(request, request.object);
  const subject = describe(object);

  let result: ValidationResult;
  try {
    result = await validate(JSON.stringify(object, null, 2), { scope: 'partial' }, 'object');
  } catch (error) {
    if (!isLimitError(error)) throw error;
    // An object too large or too deep to check: a gate must not wave it through silently.
    const message = `podwire cannot validate ${subject}: ${(error as Error).message}`;
    const audit = { mode, decision: mode === 'enforce' ? 'denied' : 'allowed' };
    return mode === 'enforce'
      ? wrap({ uid, allowed: false, status: { code: 422, message }, auditAnnotations: audit }, 1)
      : wrap(
          { uid, allowed: true, warnings: formatWarnings([], [message]), auditAnnotations: audit },
          1,
        );
  }

  const notes = result.skippedRules?.length
    ? [`podwire skipped rules after an internal error: ${result.skippedRules.join(', ')}`]
    : [];
  const reported = result.findings.filter((f) => f.severity !== 'info');
  const allErrors = reported.filter((f) => f.severity === 'error');
  const inherited: Inherited =
    mode === 'enforce' && policy.ratchet && request.operation === 'UPDATE'
      ? await inheritedFindings(allErrors, request.oldObject, (old) =>
          validate(
            JSON.stringify(completeObject(request, old), null, 2),
            { scope: 'partial' },
            'oldObject',
          ),
        )
      : new Set();
  const errors = allErrors.filter((f) => !inherited.has(f));
  const denied = mode === 'enforce' && errors.length > 0;
  // Errors that deny are listed in status.message; kubectl would print them twice.
  const warned = reported.filter((f) => !(denied && errors.includes(f)));
  const warnings = formatWarnings(warned, notes, inherited);
  const response: AdmissionResponse = { uid, allowed: !denied };
  if (denied) response.status = { code: 400, message: denialMessage(subject, errors) };
  if (warnings.length > 0) response.warnings = warnings;
  if (reported.length > 0) {
    response.auditAnnotations = auditAnnotations(mode, denied, errors, [...inherited], reported);
  }
  return wrap(response, errors.length, inherited.size);
}

/**
 * Rule ids by role, for the audit log: what was denied or let through, and by which rules. Keys
 * are qualified names; the API server prefixes them with the webhook's name.
 */
function auditAnnotations(
  mode: AdmissionMode,
  denied: boolean,
  errors: readonly Finding[],
  inherited: readonly Finding[],
  reported: readonly Finding[],
): Record<string, string> {
  const ids = (findings: readonly Finding[]) =>
    [...new Set(findings.map((f) => f.ruleId))].join(',');
  const out: Record<string, string> = { mode, decision: denied ? 'denied' : 'allowed' };
  if (errors.length > 0) out['error-rules'] = ids(errors);
  if (inherited.length > 0) out['inherited-rules'] = ids(inherited);
  const warningsOnly = reported.filter((f) => f.severity === 'warning');
  if (warningsOnly.length > 0) out['warning-rules'] = ids(warningsOnly);
  return out;
}

/** ManifestLimitError (422); from the worker pool it arrives as a plain DomainError. */
function isLimitError(error: unknown): boolean {
  return error instanceof DomainError && error.status === 422;
}

/**
 * The object as the API server will store it, with `apiVersion`, `kind` and the namespace taken
 * from the request when the object leaves them out (so findings name the object correctly).
 */
function completeObject(
  request: AdmissionRequest,
  sent: Record<string, unknown>,
): Record<string, unknown> {
  const object: Record<string, unknown> = { ...sent };
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
