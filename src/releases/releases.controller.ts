import { Controller, Get } from '@nestjs/common';
import { DEFAULT_KUBERNETES_RELEASE, kubernetesReleases } from '../kubernetes/releases.js';

/** `GET /v1/kubernetes-versions`: the one list of releases every endpoint accepts. */
@Controller('v1/kubernetes-versions')
export class ReleasesController {
  @Get()
  list(): { default: string; versions: ReturnType<typeof kubernetesReleases> } {
    return { default: DEFAULT_KUBERNETES_RELEASE, versions: kubernetesReleases() };
  }
}
