import type { RenderContext } from './context.js';
import { renderSharedVolume } from './shared-volume.js';
import type { K8sObject } from './types.js';

/** `emptyDir` with `medium: Memory` (tmpfs), always sized, with memory limits that leave room for it. */
export function renderSharedVolumeMemory(ctx: RenderContext): K8sObject[] {
  return renderSharedVolume(ctx, 'memory');
}
