import { ValidateBy } from 'class-validator';
import { KUBERNETES_VERSION_MESSAGE, parseKubernetesVersion } from '../kubernetes/releases.js';

/**
 * `kubernetesVersion` on every endpoint: `1.31`, `1.31.4`, `v1.31` or `v1.31.4` of a supported
 * release; anything else is a 400 naming the supported range. Callers normalise the accepted
 * value with parseKubernetesVersion.
 */
export function IsKubernetesVersion(): PropertyDecorator {
  return ValidateBy({
    name: 'isKubernetesVersion',
    validator: {
      validate: (value) => parseKubernetesVersion(value) !== undefined,
      defaultMessage: () => KUBERNETES_VERSION_MESSAGE,
    },
  });
}
