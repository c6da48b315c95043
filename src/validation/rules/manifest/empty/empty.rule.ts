import type { Rule } from '../../../engine/types.js';

/** Emitted by the engine itself (engine/run.ts) once the whole request is read. */
export const manifestEmptyRule: Rule = {
  id: 'manifest/empty',
  title: 'Request holds no Kubernetes object',
  severity: 'error',
  category: 'manifest',
  patterns: [],
  description:
    'Nothing was validated: the text is empty or only comments, a `List` has no items, or no file was sent. A CI job whose glob matched nothing, or a kustomize build that produced nothing, would otherwise pass as clean. Not reported when a document that is not an object, or unreadable YAML, already explains the missing objects.',
  remediation:
    'Check the paths or glob the job passes (and `ignore` in `.podwire.yaml`), or disable `manifest/empty` for a request that is meant to be empty.',
  references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/'],
};
