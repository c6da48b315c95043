import type { Rule } from '../../../engine/types.js';

/** Emitted by the parser itself (engine/parse.ts): the position is the one yaml reports. */
export const yamlSyntaxRule: Rule = {
  id: 'yaml/syntax',
  title: 'Text is not valid YAML',
  severity: 'error',
  category: 'yaml',
  patterns: [],
  description:
    'The document cannot be read as YAML (bad indentation, an unclosed quote or bracket, a tab used for indentation, a circular alias, an alias with no anchor before it). kubectl rejects the whole file; podwire skips the broken document and checks the others. One mistake gives one finding: where yaml reports one broken line twice, only the first (the cause) is kept.',
  remediation:
    'Fix the YAML at the reported line and column: indent with spaces only, close quotes and brackets, and quote values that contain ": " or start with a special character.',
  references: [
    'https://yaml.org/spec/1.2.2/',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/',
  ],
};
