import type { CelEnv, CelInput, CelValue, parse } from '@bufbuild/cel';
import { celModule } from './cel-module.js';
import { k8sCelFunctions } from './cel-k8s-lib.js';

/**
 * One `x-kubernetes-validations` rule, parsed and planned once per CRD schema node.
 * `oldSelf` makes it a transition rule, which the API server runs only on update: podwire
 * validates manifests as creates, so those rules are skipped.
 */
export interface CompiledRule {
  readonly transition: boolean;
  /** Deepest nesting of comprehensions (all/exists/map/filter): the exponent of its cost. */
  readonly depth: number;
  evaluate(self: CelInput): CelValue | Error;
}

/** The parsed expression tree (@bufbuild/cel's protobuf `Expr`). */
type Expr = ReturnType<typeof parse>['expr'];

let env: CelEnv | undefined;

function celEnv(): CelEnv {
  return (env ??= celModule().celEnv({ funcs: [...k8sCelFunctions()] }));
}

/** The root `Expr` of a parsed expression, walked for identifiers and comprehension depth. */
function shape(expr: Expr): { idents: Set<string>; depth: number } {
  const idents = new Set<string>();
  const walk = (node: Expr | undefined): number => {
    if (!node) return 0;
    const kind = node.exprKind;
    switch (kind.case) {
      case 'identExpr':
        idents.add(kind.value.name);
        return 0;
      case 'selectExpr':
        return walk(kind.value.operand);
      case 'callExpr':
        return Math.max(walk(kind.value.target), ...kind.value.args.map(walk), 0);
      case 'listExpr':
        return Math.max(0, ...kind.value.elements.map(walk));
      case 'structExpr':
        return Math.max(
          0,
          ...kind.value.entries.map((entry) =>
            Math.max(
              walk(entry.value),
              entry.keyKind.case === 'mapKey' ? walk(entry.keyKind.value) : 0,
            ),
          ),
        );
      case 'comprehensionExpr': {
        const c = kind.value;
        const inner = Math.max(
          walk(c.loopCondition),
          walk(c.loopStep),
          walk(c.result),
          walk(c.accuInit),
        );
        return Math.max(walk(c.iterRange), inner + 1);
      }
      default:
        return 0;
    }
  };
  const depth = walk(expr);
  return { idents, depth };
}

/** Compiles a rule, or returns the parse error the API server would also refuse the CRD for. */
export function compileRule(rule: string): CompiledRule | { error: string } {
  const { isCelError, parse: parseCel, plan } = celModule();
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parseCel(rule);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const { idents, depth } = shape(parsed.expr);
  const program = plan(celEnv(), parsed);
  return {
    transition: idents.has('oldSelf'),
    depth,
    evaluate(self) {
      try {
        const result = program({ self });
        return isCelError(result) ? new Error(result.message) : result;
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    },
  };
}

/** True when an evaluation failed only because podwire lacks a function the rule calls. */
export function isUnsupported(error: Error): boolean {
  return /unbound function|no such overload|unknown format/.test(error.message);
}
