import type { Pattern, PatternId } from '../../catalog/catalog.js';
import type { Profile } from './profile.js';

/** A request body for `POST /v1/manifests/render`. */
export interface RenderBody {
  pattern: PatternId;
  name: string;
  kubernetesVersion: string;
  workload?: 'Deployment' | 'StatefulSet' | 'Job' | 'Pod';
  options?: { proxy?: 'nginx' | 'envoy'; mesh?: 'istio' | 'istio-ambient' | 'linkerd' };
}

/** A request body for the render endpoint; nothing beyond pattern, name, version, workload, proxy/mesh. */
export function renderBody(pattern: Pattern, p: Profile): RenderBody {
  const body: RenderBody = {
    pattern: pattern.id,
    name: 'app',
    kubernetesVersion: p.kubernetesVersion,
  };
  if (p.workload === 'job') body.workload = 'Job';
  else if (p.workload === 'stateful' || pattern.id === 'service-headless')
    body.workload = 'StatefulSet';
  if (pattern.id === 'sidecar-proxy')
    body.options = { proxy: p.interaction === 'streaming' ? 'envoy' : 'nginx' };
  if (pattern.id === 'service-mesh' && p.capabilities.mesh !== 'none')
    body.options = { mesh: p.capabilities.mesh };
  return body;
}
