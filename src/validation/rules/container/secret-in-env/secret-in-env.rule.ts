import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeContainer } from '../../../model/describe.js';
import { asArray, asRecord } from '../../../model/json.js';

const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'token',
  'secret',
  'key',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
]);
/** Names that point at a secret rather than hold one (PASSWORD_FILE=/run/secrets/db). */
const POINTER_WORDS = new Set([
  'file',
  'path',
  'dir',
  'name',
  'ref',
  'id',
  'url',
  'endpoint',
  'length',
  'len',
  'ttl',
  'header',
  'prefix',
]);

/** Words of an env var name: DB_PASSWORD, apiKey, x-auth-token. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function looksSecret(name: string): boolean {
  const parts = words(name);
  if (parts.length === 0) return false;
  if (POINTER_WORDS.has(parts[parts.length - 1])) return false;
  return parts.some((w) => SECRET_WORDS.has(w));
}

/**
 * Values that switch something on or off, not credentials: MYSQL_ALLOW_EMPTY_PASSWORD="1",
 * ENABLE_SECRET_INFORMER_FILTERING_BY_CERT_UID="false". A secret-looking name with such a value
 * names a setting about secrets.
 */
const FLAG_VALUE = /^(true|false|yes|no|on|off|enabled?|disabled?|[01])$/i;

// Any PEM-ish armour: RSA/EC/OPENSSH/encrypted, with however many dashes.
const PRIVATE_KEY = /BEGIN [A-Z0-9 ]*PRIVATE KEY/;

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      asArray(container.raw.env).forEach((item, i) => {
        const env = asRecord(item);
        if (
          !env ||
          typeof env.name !== 'string' ||
          typeof env.value !== 'string' ||
          env.value === ''
        )
          return;
        // A value made only of $(VAR) references copies another variable, it holds nothing itself.
        if (/^(\$\([A-Za-z_][A-Za-z0-9_]*\))+$/.test(env.value)) return;
        const keyMaterial = PRIVATE_KEY.test(env.value);
        if (!keyMaterial && (!looksSecret(env.name) || FLAG_VALUE.test(env.value.trim()))) return;
        ctx.report({
          object: pod.object,
          path: [...container.path, 'env', i, 'value'],
          message: keyMaterial
            ? `environment variable ${env.name} of ${describeContainer(container)} holds a literal private key: reference a Secret with valueFrom.secretKeyRef instead`
            : `environment variable ${env.name} of ${describeContainer(container)} has a literal value under a secret-looking name: anyone who can read the ${container.pod.kind} can read it; use valueFrom.secretKeyRef`,
        });
      });
    }
  }
}

export const containerSecretInEnvRule: Rule = {
  id: 'container/secret-in-env',
  title: 'Literal secret in an environment variable',
  severity: 'warning',
  category: 'container',
  patterns: [],
  description:
    'An env var whose name looks like a credential (password, token, secret, key…) but whose value is written literally in the manifest puts the secret in Git, in the workload object and in every `kubectl get -o yaml`. Secrets belong in a Secret referenced by valueFrom.secretKeyRef or envFrom. Names that point at a secret (…_FILE, …_PATH) and flag values (`true`, `false`, `0`, `1`, `yes`, `no`…) are not flagged; PEM private keys are flagged under any name.',
  remediation:
    'Move the value into a Secret and use `valueFrom.secretKeyRef` (or mount the Secret as a file).',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
  ],
  check,
};
