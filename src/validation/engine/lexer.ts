import { Lexer } from 'yaml';

/** The parts of yaml's Lexer this module adjusts; private in its typings, stable in 2.x. */
interface LexerInternals {
  buffer: string;
  continueScalar(this: LexerInternals, offset: number): number;
  parseQuotedScalar(this: LexerInternals): Generator<string, string>;
}

/**
 * yaml's Lexer, reading quoted scalars as go-yaml does (DESIGN §8).
 *
 * YAML 1.2 wants a multi-line quoted scalar's continuation lines indented past the parent node, and
 * yaml enforces it: a less indented line ends the scalar with "Missing closing quote". go-yaml v2
 * (sigs.k8s.io/yaml, so kubectl and the API server) has no such check: `yaml_parser_scan_flow_scalar`
 * in scannerc.go reads up to the closing quote whatever the indentation, and fails only on a
 * document marker (`---` or `...` then a blank) at column 0, or at the end of the stream. Real
 * bundles rely on it (the OpenTelemetry operator v0.86.0 CRDs). Only the lexer differs: the text is
 * not changed, so every offset, and so every line/column, stays exact; the value is folded as usual
 * (leading whitespace of a continuation line is dropped either way). Plain scalars keep yaml's check,
 * as go-yaml also ends them at a line indented no further than their parent.
 */
export function kubernetesLexer(): Lexer {
  const lexer = new Lexer();
  const internals = lexer as unknown as LexerInternals;
  const continueScalar = internals.continueScalar;
  const parseQuotedScalar = internals.parseQuotedScalar;
  // A yaml release that renames these reads YAML 1.2-strictly again (kubernetes-yaml.spec.ts
  // fails), rather than every parse failing.
  if (typeof continueScalar !== 'function' || typeof parseQuotedScalar !== 'function') return lexer;
  let quoted = false;
  internals.continueScalar = function (offset) {
    if (!quoted) return continueScalar.call(this, offset);
    const marker = this.buffer.substring(offset, offset + 3);
    const after = this.buffer[offset + 3];
    const atMarker =
      (marker === '---' || marker === '...') &&
      (after === undefined || after === ' ' || after === '\t' || after === '\n' || after === '\r');
    return atMarker ? -1 : offset;
  };
  internals.parseQuotedScalar = function* () {
    quoted = true;
    try {
      return yield* parseQuotedScalar.call(this);
    } finally {
      quoted = false;
    }
  };
  return lexer;
}
