import { container, type Json, scratch } from './common.js';
import { IMAGES, type ContainerPlan, type RenderContext } from './context.js';
import { type Unit, unit } from './unit.js';

const CLIENT_RESOURCES = { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } };

/**
 * workload Job for a served pattern: a Job's pods finish, so they cannot be what a Service routes
 * to. The server stays a Deployment behind the Service and the Job is the caller.
 */
/** The Job side: busybox checks that the Service answers, a bounded number of times, then exits. */
export function clientJob(ctx: RenderContext, host: string, port: number): Unit {
  const plan: ContainerPlan = {
    image: IMAGES.peer,
    defaultImage: true,
    command: [
      'sh',
      '-c',
      // Exit 0 once the Service answers, 1 when it never does: the Job's status tells which.
      'i=0; while [ $i -lt 8 ]; do if nc -z -w 5 "$APP_HOST" "$APP_PORT"; then echo "reached $APP_HOST:$APP_PORT"; exit 0; fi; i=$((i+1)); sleep 10; done; echo "no answer from $APP_HOST:$APP_PORT"; exit 1',
    ],
    resources: CLIENT_RESOURCES,
    memoryLimitGiven: false,
    field: 'workload',
  };
  const tmp = scratch('client-tmp');
  const env: Json[] = [
    { name: 'APP_HOST', value: host },
    { name: 'APP_PORT', value: String(port) },
  ];
  return unit(ctx, {
    workloadName: `${ctx.name}-client`,
    component: 'client',
    kind: 'Job',
    replicas: ctx.replicas,
    containers: [container({ name: 'client', plan, mounts: [tmp.mount], env })],
    volumes: [tmp.volume],
    ingress: [],
  });
}
