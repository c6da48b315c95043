import { UnprocessableError } from '../../common/errors.js';

/**
 * Hard limits on a manifest (DESIGN §7). They bound the work one request can cause: every check
 * happens while parsing, before the expensive step it protects.
 */
export const LIMITS = Object.freeze({
  /** Files in one multi-file request (DESIGN §9). */
  files: 1000,
  /** YAML documents in one manifest (all files of a request together). */
  documents: 1000,
  /** Kubernetes objects (documents plus `kind: List` items). */
  objects: 1000,
  /**
   * Nesting of collections. Real manifests stay below 30; yaml's composer recurses per level and
   * overflows the stack near 800, which leaves V8 unable to compile regular expressions afterwards.
   */
  depth: 100,
  /**
   * Nodes written in one document, counted as yaml tokens while lexing (scalars, aliases, `-`, `:`,
   * `?`, `,`, `[`, `{`: an over-count, ≈ 1.5 tokens a node in real manifests). yaml holds a
   * document's whole CST until the document ends, at up to ≈ 360 bytes a token (`[a,a,…]`), so a
   * 600 KB `[a,a,…]` (600,000 tokens) filled a 192 MB worker heap; 200,000 tokens is ≈ 72 MB. The
   * largest CRD in reference/crds (Istio's crd-all) has ≈ 13,500 tokens; a ConfigMap with 60,000
   * keys (engine.spec.ts) 180,000.
   */
  nodesPerDocument: 200_000,
  /** The same over the manifest: composed documents stay until validation ends (≈ 150 B a node). */
  nodes: 500_000,
  /** Nodes that aliases add on top of the written ones (billion laughs stops here). */
  aliasExpansion: 100_000,
  /**
   * Characters of the scalars (keys included) that aliases add, summed over the manifest: what
   * aliases cost in bytes, which the node count alone does not bound (one alias of a 70,000-character
   * string is one node). Anchors in real manifests share a few small blocks, far below this.
   */
  aliasExpansionChars: 1_000_000,
  /** yaml/syntax findings per document: later ones are almost always follow-ups of the first. */
  syntaxFindingsPerDocument: 10,
});

/**
 * Bounds on what a validation sends back, whatever the manifest: every string a finding carries is
 * clipped, and past a count or a size the least severe findings are left out (`truncated` says how
 * many). `summary` still counts every finding, so `valid` never changes.
 */
export const RESULT_LIMITS = Object.freeze({
  /** Characters of a finding's (or a related location's) message. */
  messageChars: 1024,
  /** Characters of a JSON Pointer. */
  pathChars: 1024,
  /** Characters of each field of an object reference (Kubernetes names stop at 253). */
  refChars: 256,
  /** Related locations of one finding. */
  related: 20,
  /** Findings in one result. */
  findings: 2000,
  /** Serialized size of the findings together. */
  findingsBytes: 4 * 1024 * 1024,
});

export type LimitName = 'files' | 'documents' | 'objects' | 'depth' | 'nodes' | 'aliasExpansion';

/** A manifest beyond a limit: a 422 problem naming the limit, never a finding. */
export class ManifestLimitError extends UnprocessableError {
  constructor(
    readonly limit: LimitName,
    detail: string,
  ) {
    super(detail, [{ field: 'manifest', message: detail }]);
  }
}
