import type { Rule } from '../../../engine/types.js';

/** Emitted by the parser itself (engine/parse.ts), at the repeated key. */
export const yamlDuplicateKeyRule: Rule = {
  id: 'yaml/duplicate-key',
  title: 'The same key appears twice in one mapping',
  severity: 'error',
  category: 'yaml',
  patterns: [],
  description:
    'A mapping repeats a key. Depending on the tool the last value silently wins (so half of what you wrote is ignored, e.g. a second `containers:` list that replaces the first) or the file is rejected (`kubectl` strict decoding, `kubeconform -strict`).',
  remediation:
    'Merge the two entries into one key, or rename the one that was meant to be a different field.',
  references: [
    'https://yaml.org/spec/1.2.2/#mapping',
    'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
  ],
};
