import type { PodTemplate } from './bundle-model.types.js';
import { asRecord } from './json.js';

/**
 * A pod that declares `spec.os.name: windows`. Pod Security Standards exempt such pods from the
 * Linux-only restricted controls (capabilities, seccomp, runAsNonRoot…): the kernel features
 * they configure do not exist on Windows nodes, and the API rejects seccompProfile there.
 */
export function isWindowsPod(pod: PodTemplate): boolean {
  return asRecord(pod.spec.os)?.name === 'windows';
}
