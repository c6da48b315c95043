import { UnprocessableError } from '../../common/errors.js';

/**
 * Hard limits on a manifest (DESIGN §7). They bound the work one request can cause: every check
 * happens while parsing, before the expensive step it protects.
 */
export const LIMITS = Object.freeze({
  /** YAML documents in one manifest. */
  documents: 1000,
  /** Kubernetes objects (documents plus `kind: List` items). */
  objects: 1000,
  /**
   * Nesting of collections. Real manifests stay below 30; yaml's composer recurses per level and
   * overflows the stack near 800, which leaves V8 unable to compile regular expressions afterwards.
   */
  depth: 100,
  /** Nodes that aliases add on top of the written ones (billion laughs stops here). */
  aliasExpansion: 100_000,
  /** yaml/syntax findings per document: later ones are almost always follow-ups of the first. */
  syntaxFindingsPerDocument: 10,
});

export type LimitName = 'documents' | 'objects' | 'depth' | 'aliasExpansion';

/** A manifest beyond a limit: a 422 problem naming the limit, never a finding. */
export class ManifestLimitError extends UnprocessableError {
  constructor(
    readonly limit: LimitName,
    detail: string,
  ) {
    super(detail, [{ field: 'manifest', message: detail }]);
  }
}
