import type { RenderContext } from './context.js';
import { renderSharedVolume } from './shared-volume.js';
import type { K8sObject } from './types.js';

/** `emptyDir` on the node's disk mounted by both containers (core pattern 2). */
export function renderSharedVolumeDisk(ctx: RenderContext): K8sObject[] {
  return renderSharedVolume(ctx, 'disk');
}
