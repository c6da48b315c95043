import type { JsonPath } from '../types.js';

/**
 * A semantic edit a rule attaches to its report (DESIGN §11). Paths are relative to the report's
 * object, so an edit cannot leave that object; the engine turns each one into a TextEdit through
 * the parser's node positions, so only the edited span of the source text changes.
 *
 * - `set`: replaces the scalar at `set` with `value`, keeping its quoting style (a number or
 *   boolean is written plain, so `replicas: "3"` becomes `replicas: 3`).
 * - `quote`: writes the plain scalar at `quote` as a double-quoted string of its own source text
 *   (`version: 1.0` → `version: "1.0"`, `enabled: yes` → `"yes"`), which the plain value, already
 *   typed as a number or boolean, could not give back.
 * - `insert`: adds `key: value` to the mapping at `insert`, after its last entry (or after `after`
 *   when that key is there), with the mapping's indentation and style (block or flow). Mappings of
 *   `insert` that do not exist yet are created (`securityContext:` then the key beneath it).
 * - `remove`: deletes the mapping entry or sequence item at `remove`, its line included (not
 *   when it holds an anchor: aliases elsewhere would lose their node).
 * - `rename`: renames the key of the mapping entry at `rename` to `key`, keeping its value, its
 *   quoting style and everything around it (not when the mapping already has `key`).
 * - `append`: adds `value` as the last item of the sequence at `append`, in its style; a missing
 *   sequence is created as a key of its parent mapping.
 * - `appendDocument`: a new YAML document (`---`) at the end of the object's file; the only edit
 *   outside the object, for fixes whose correction is a new object (a NetworkPolicy).
 *
 * A path that goes through an alias or an anchored node yields no fix at all: the text there is
 * shared with other objects or fields, and editing it would change them too.
 */
export type FixEdit =
  | { set: JsonPath; value: string | number | boolean }
  | { quote: JsonPath }
  | { insert: JsonPath; key: string; value: unknown; after?: string }
  | { remove: JsonPath }
  | { rename: JsonPath; key: string }
  | { append: JsonPath; value: unknown }
  | { appendDocument: Record<string, unknown> };

/** The fix a rule proposes for one report; `Fix` (result.ts) once the engine located its edits. */
export interface ReportFix {
  description: string;
  safety: 'safe' | 'suggestion';
  edits: FixEdit[];
}
