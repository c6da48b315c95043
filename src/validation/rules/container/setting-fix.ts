import type { FixEdit } from '../../engine/fix/edit.js';
import type { ContainerInfo } from '../../model/bundle-model.types.js';
import { asRecord } from '../../model/json.js';

/**
 * The edit that makes a container's own `securityContext.<field>` equal `value`: replaces the
 * value where the container sets it, else adds it to the container's securityContext (created
 * when the container has none).
 */
export function containerSettingEdit(
  container: ContainerInfo,
  field: string,
  value: string | number | boolean,
): FixEdit {
  const own = asRecord(container.raw.securityContext);
  if (own && own[field] !== undefined && own[field] !== null && typeof own[field] !== 'object') {
    return { set: [...container.path, 'securityContext', field], value };
  }
  return { insert: [...container.path, 'securityContext'], key: field, value };
}
